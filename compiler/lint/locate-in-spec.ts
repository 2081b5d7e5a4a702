/**
 * Findings about generated templates (from cfn-lint, our IAM checks or Access Analyzer) are reported on the spec
 * line that produced them. The stack's source map knows where every resource, policy statement and parameter came
 * from; this module turns a path into a template into the nearest mapped spec position.
 */
import type { SourcePosition, SpecPath } from '../diagnostics/diagnostic.js';
import type { AssembledStack, SourceMapEntry } from '../assemble/stack.js';

/** A path into a CloudFormation template, as cfn-lint reports it: ["Resources", "Role", "Properties", ...]. */
export type TemplatePath = readonly (string | number)[];

export interface SpecLocation {
  readonly file: string;
  readonly path: SpecPath;
  readonly position?: SourcePosition;
}

/** Parses the source map's `file:line:col` (the file itself may contain colons on Windows-like paths). */
export function parseLocation(location: string): SourcePosition | undefined {
  const match = /^(.*):(\d+):(\d+)$/.exec(location);
  if (!match || match[1] === undefined) return undefined;
  return { file: match[1], line: Number(match[2]), col: Number(match[3]) };
}

function fromEntry(file: string, entry: SourceMapEntry): SpecLocation {
  const position = parseLocation(entry.location);
  return position ? { file: position.file, path: entry.path, position } : { file, path: entry.path };
}

/** The source map key of a statement: `<logicalId>/<dotted json path inside the resource>`. */
export function statementKey(logicalId: string, pathInResource: readonly (string | number)[]): string {
  return `${logicalId}/${pathInResource.join('.')}`;
}

/**
 * Maps a template path to the spec: the innermost policy statement or property on the path if one is mapped, else
 * the resource, else the parameter; a path the map does not know falls back to the top of the spec file, so a
 * finding is never lost.
 */
export function locateInSpec(stack: AssembledStack, path: TemplatePath): SpecLocation {
  const map = stack.sourceMap;
  const [section, name] = path;
  if (section === 'Resources' && typeof name === 'string') {
    for (let end = path.length; end > 2; end -= 1) {
      const key = statementKey(name, path.slice(2, end));
      const entry = map.statements[key] ?? map.properties[key];
      if (entry) return fromEntry(map.spec, entry);
    }
    const resource = map.resources[name];
    if (resource) return fromEntry(map.spec, resource);
  }
  if (section === 'Parameters' && typeof name === 'string') {
    const parameter = map.parameters[name];
    if (parameter) return fromEntry(map.spec, parameter);
  }
  return { file: map.spec, path: [] };
}
