/**
 * Why `explain` found nothing, in one sentence that helps: a logical id or spec key with a typo gets the closest
 * name, a line past the end of the spec says how long the spec is, a file that is not a compiled spec names the
 * specs that are, and an environment filter that hid the answer says where the answer is.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import { closest } from '../validate/suggest.js';
import { formatSpecPath, parseSpecPath } from '../diagnostics/spec-path.js';
import { bareLine, LINE_QUERY } from './explain.js';

/** What the hint may look at in one compiled spec. */
export interface HintSpec {
  readonly file: string;
  /** Lines in the file; a final line break does not start another line. */
  readonly lines: number;
  readonly pathExists: (path: SpecPath) => boolean;
  /** The keys of the mapping at a path, undefined when there is none. */
  readonly childKeys: (path: SpecPath) => readonly string[] | undefined;
}

export interface HintContext {
  readonly specs: readonly HintSpec[];
  /** Every stack name, logical id and parameter name of the compiled stacks. */
  readonly ids: readonly string[];
  /** With `--env`: the environments in which the query does produce something. */
  readonly elsewhere?: readonly string[];
  readonly env?: string;
}


function lineHint(file: string, line: number, context: HintContext): string {
  const spec = context.specs.find((each) => each.file === file);
  if (spec === undefined) {
    return `${file} is not a spec that was compiled; name a line of ${context.specs.map((each) => each.file).join(', ')}`;
  }
  if (line < 1 || line > spec.lines) return `${file} has ${spec.lines} lines`;
  return `line ${line} of ${file} is not part of anything that generates a resource (a comment, a blank line, or a field such as version)`;
}

/** How many leading segments of `path` the spec has. */
function existingDepth(path: SpecPath, spec: HintSpec): number {
  let depth = 0;
  while (depth < path.length && spec.pathExists(path.slice(0, depth + 1))) depth++;
  return depth;
}

/** The path as far as the spec has it, and a close key for the first segment it lacks. */
function pathHint(path: SpecPath, spec: HintSpec): string {
  const depth = existingDepth(path, spec);
  if (depth === path.length) return `${formatSpecPath(path)} is in the spec but generates no resource by itself`;
  const parent = path.slice(0, depth);
  const missing = path[depth];
  const keys = spec.childKeys(parent);
  const near = typeof missing === 'string' && keys !== undefined ? closest(missing, keys) : undefined;
  if (near !== undefined) return `the spec has no ${formatSpecPath(path)}; did you mean ${formatSpecPath([...parent, near, ...path.slice(depth + 1)])}?`;
  const first = formatSpecPath(path.slice(0, depth + 1));
  if (keys === undefined || keys.length === 0) return `the spec has no ${first}`;
  return `the spec has no ${first}; ${parent.length === 0 ? 'the top level' : formatSpecPath(parent)} has ${keys.join(', ')}`;
}

/** A hint for a query that matched nothing; undefined when there is nothing useful to add. */
export function explainHint(query: string, context: HintContext): string | undefined {
  if (context.env !== undefined && context.elsewhere !== undefined && context.elsewhere.length > 0) {
    return `nothing in ${context.env}, only in ${context.elsewhere.join(', ')}`;
  }
  const line = LINE_QUERY.exec(query);
  if (line !== null) return lineHint(line[1] ?? '', Number(line[2]), context);
  const number = bareLine(query);
  if (number !== undefined && context.specs.length > 1) {
    return `name the spec of line ${number}: ${context.specs.map((each) => `${each.file}:${number}`).join(', ')}`;
  }
  const path = parseSpecPath(query);
  if (path.length === 0) return 'name a spec path (hosts.router), a spec line (specs/x.platform.yaml:42), a logical id (RouterInstance) or a stack name';
  // One segment that is no key of the spec: most likely a logical id with a typo (or in the wrong case).
  const id = path.length === 1 && !context.specs.some((spec) => spec.pathExists(path)) ? closest(query, context.ids) : undefined;
  if (id !== undefined) return `did you mean ${id}?`;
  // The spec that has most of the path, the first of them on a tie.
  let best: HintSpec | undefined;
  for (const spec of context.specs) if (best === undefined || existingDepth(path, spec) > existingDepth(path, best)) best = spec;
  return best === undefined ? undefined : pathHint(path, best);
}
