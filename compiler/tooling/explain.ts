/**
 * `platformc explain`: the link between the spec and the generated templates, in both directions. A spec path
 * (`hosts.hypervisors`, `iam.roles.ops.allow[0]`) or a spec line (`specs/x.platform.yaml:42`) lists the resources,
 * policy statements and parameters it produces in every environment; a logical id says which spec node and line
 * it comes from; a stack name lists the stack's resources with theirs. It reads only the source maps the compiler builds, so it is exactly as precise as they are.
 */
import type { AssembledStack, SourceMapEntry } from '../assemble/stack.js';
import type { SpecPath } from '../diagnostics/diagnostic.js';
import { formatSpecPath, parseSpecPath } from '../diagnostics/spec-path.js';

export type ExplainMode = 'logical-id' | 'stack' | 'spec-path' | 'spec-line';

export interface ExplainMatch {
  readonly env: string;
  readonly stack: string;
  readonly stackName: string;
  readonly kind: 'resource' | 'statement' | 'property' | 'parameter';
  /** Logical id, `<logicalId>/<json path>` for a statement or a property, or the parameter name. */
  readonly id: string;
  /** The CloudFormation resource type (resources, statements and properties). */
  readonly type?: string;
  readonly path: SpecPath;
  /** `file:line:col` in the spec. */
  readonly location: string;
}

export interface ExplainOptions {
  /** Only this environment. */
  readonly env?: string;
  /** The spec path of the deepest node spanning a line of a spec file, for lines that start no node. */
  readonly pathAtLine?: (file: string, line: number) => SpecPath;
  /** Whether a spec path names a node of the spec: a field that produces nothing by itself answers for its parent. */
  readonly pathExists?: (path: SpecPath) => boolean;
}

export interface Explanation {
  readonly query: string;
  readonly mode: ExplainMode;
  readonly matches: readonly ExplainMatch[];
  /** Set when the queried field produces nothing by itself and the matches are those of this enclosing node. */
  readonly via?: string;
  /** For a spec line inside a node: the path of the deepest node on that line (`network.overlay.mtu`). */
  readonly node?: string;
  /** When nothing matched: why, or what was probably meant (see `explainHint`). */
  readonly hint?: string;
}

/** A line number alone (`42` or `:42`), which names a line of the one spec when there is only one. */
const BARE_LINE = /^:?(\d+)$/;

/**
 * `<file>:<line>`, or `<file>:<line>:<col>` as every finding prints its place (the column is not needed: a line
 * answers for what starts on it). The file is matched lazily, so `specs/x.platform.yaml:27:43` is line 27.
 */
export const LINE_QUERY = /^(.+?):(\d+)(?::\d+)?$/;

/**
 * `query` with a bare line number (`42`, `:42`) made `<file>:42` when `files` holds exactly one spec; otherwise
 * the query as it is (a spec's top level is a mapping, so a number is never a spec path).
 */
export function withSpecFile(query: string, files: readonly string[]): string {
  const line = BARE_LINE.exec(query.trim());
  return line !== null && files.length === 1 ? `${files[0] ?? ''}:${line[1] ?? ''}` : query;
}

/** The line a bare line number names (see `withSpecFile`), or undefined for any other query. */
export function bareLine(query: string): number | undefined {
  const line = BARE_LINE.exec(query.trim());
  return line === null ? undefined : Number(line[1]);
}

function isWithin(path: SpecPath, prefix: SpecPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => String(segment) === String(path[index]));
}

function entries(stack: AssembledStack): ExplainMatch[] {
  const base = { env: stack.env, stack: stack.name, stackName: stack.stackName };
  const typeOf = (logicalId: string): string | undefined => stack.template.Resources[logicalId]?.Type;
  const make = (kind: ExplainMatch['kind'], id: string, entry: SourceMapEntry, type?: string): ExplainMatch =>
    ({ ...base, kind, id, ...(type === undefined ? {} : { type }), path: entry.path, location: entry.location });
  return [
    ...Object.entries(stack.sourceMap.resources).map(([id, entry]) => make('resource', id, entry, typeOf(id))),
    ...Object.entries(stack.sourceMap.statements).map(([id, entry]) => make('statement', id, entry, typeOf(id.split('/')[0] ?? ''))),
    ...Object.entries(stack.sourceMap.properties).map(([id, entry]) => make('property', id, entry, typeOf(id.split('/')[0] ?? ''))),
    ...Object.entries(stack.sourceMap.parameters).map(([id, entry]) => make('parameter', id, entry)),
  ];
}

/**
 * Answers one query over the stacks of a compiled platform. A query that names a logical id (or a parameter) of
 * any stack is answered in that direction; `<file>:<line>` selects by line; anything else is a spec path whose
 * node and descendants are listed. `env` limits the answer to one environment.
 */
export function explain(stacks: readonly AssembledStack[], query: string, options: ExplainOptions = {}): Explanation {
  // Matched over every environment, then filtered: a node that produces something only in other environments
  // answers nothing for this one, rather than for its parent (which would list unrelated siblings).
  const answer = explainAll(stacks.flatMap(entries), query, options);
  if (options.env === undefined) return answer;
  return { ...answer, matches: answer.matches.filter((match) => match.env === options.env) };
}

function explainAll(all: readonly ExplainMatch[], query: string, options: ExplainOptions): Explanation {
  const byId = all.filter((match) => match.kind !== 'statement' && match.id === query);
  if (byId.length > 0) return { query, mode: 'logical-id', matches: byId };
  // A stack's name (as deploy and the console show it): its resources, each with the spec node it comes from.
  const byStack = all.filter((match) => match.kind === 'resource' && match.stackName === query);
  if (byStack.length > 0) return { query, mode: 'stack', matches: byStack };
  const line = LINE_QUERY.exec(query);
  if (line !== null) {
    const [, file = '', number = ''] = line;
    const exact = all.filter((match) => match.location.startsWith(`${file}:${number}:`));
    if (exact.length > 0 || options.pathAtLine === undefined) return { query, mode: 'spec-line', matches: exact };
    // A line inside a node (a field of a host, an entry of a list) answers for the nearest enclosing node that
    // produces something.
    const enclosing = options.pathAtLine(file, Number(number));
    for (let depth = enclosing.length; depth > 0; depth--) {
      const prefix = enclosing.slice(0, depth);
      const matches = all.filter((match) => match.location.startsWith(`${file}:`) && isWithin(match.path, prefix));
      if (matches.length === 0) continue;
      const node = formatSpecPath(enclosing);
      return { query, mode: 'spec-line', matches, node, ...(depth < enclosing.length ? { via: formatSpecPath(prefix) } : {}) };
    }
    return { query, mode: 'spec-line', matches: [] };
  }
  const path = parseSpecPath(query);
  if (path.length === 0) return { query, mode: 'spec-path', matches: [] };
  const matches = all.filter((match) => isWithin(match.path, path));
  if (matches.length > 0 || options.pathExists?.(path) !== true) return { query, mode: 'spec-path', matches };
  // A field of the spec (`network.overlay.vni`, `hosts.hypervisors.volumeGiB`) shapes the resources of the node it
  // belongs to; a path that is not in the spec (a typo) answers nothing rather than its parent.
  for (let depth = path.length - 1; depth > 0; depth--) {
    const prefix = path.slice(0, depth);
    const enclosing = all.filter((match) => isWithin(match.path, prefix));
    if (enclosing.length > 0) return { query, mode: 'spec-path', matches: enclosing, via: formatSpecPath(prefix) };
  }
  return { query, mode: 'spec-path', matches: [] };
}

/** Plain text for people: one line per match, grouped by environment and stack. */
export function renderExplanation(explanation: Explanation, options: { bold: (text: string) => string; dim: (text: string) => string }): string {
  const { matches } = explanation;
  if (matches.length === 0) return `nothing generated comes from ${explanation.query}\n${explanation.hint === undefined ? '' : `  hint: ${explanation.hint}\n`}`;
  if (explanation.mode === 'logical-id') {
    return matches.map((match) => [
      `${options.bold(match.id)}${match.type === undefined ? ' (parameter)' : ` (${match.type})`} in ${match.env}/${match.stack} (${match.stackName})`,
      `  comes from ${formatSpecPath(match.path)} at ${match.location}`,
    ].join('\n')).join('\n') + '\n';
  }
  const count = `${matches.length} item${matches.length === 1 ? '' : 's'}`;
  const asked = `${options.bold(explanation.query)}${explanation.node === undefined ? '' : ` (${explanation.node})`}`;
  const stack = matches[0];
  const lines = [explanation.mode === 'stack' && stack !== undefined
    ? `${asked} (stack ${stack.env}/${stack.stack}) holds ${count}:`
    : explanation.via === undefined
    ? `${asked} produces ${count}:`
    : `${asked} produces nothing by itself; it is part of ${options.bold(explanation.via)}, which produces ${count}:`];
  const what = (match: ExplainMatch): string => (match.kind === 'resource' ? match.type ?? '' : match.kind);
  const widths = {
    env: Math.max(...matches.map((match) => match.env.length)),
    stack: Math.max(...matches.map((match) => match.stack.length)),
    id: Math.max(...matches.map((match) => match.id.length)),
    what: Math.max(...matches.map((match) => what(match).length)),
  };
  for (const match of matches) {
    lines.push(`  ${match.env.padEnd(widths.env)}  ${match.stack.padEnd(widths.stack)}  ${match.id.padEnd(widths.id)}  ${what(match).padEnd(widths.what)}  ${options.dim(`${formatSpecPath(match.path)} ${match.location}`)}`);
  }
  return `${lines.join('\n')}\n`;
}
