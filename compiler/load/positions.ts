/**
 * Turns a spec path into `file:line:col` through the loaded document. Diagnostics carry paths, not positions, so
 * every stage (including checks on generated templates mapped back through source maps) can point at the spec.
 */
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { SourcePosition, SpecPath } from '../diagnostics/diagnostic.js';
import type { LoadedSpec } from './loaded-spec.js';

export interface PositionOptions {
  /** For a path ending at a mapping key: point at the key instead of its value (used for unknown keys). */
  readonly at?: 'key' | 'value';
}

/**
 * The position of the deepest node that exists along `path`. A path into a missing key points at the nearest
 * existing parent, so "missing field" findings land on the mapping that lacks it.
 */
export function positionOf(loaded: LoadedSpec, path: SpecPath, options: PositionOptions = {}): SourcePosition {
  const range = rangeOf(loaded, path, options);
  if (range === undefined) return { file: loaded.file, line: 1, col: 1 };
  const start = loaded.lineCounter.linePos(range[0]);
  const end = loaded.lineCounter.linePos(Math.max(range[0], range[1]));
  return { file: loaded.file, line: start.line, col: start.col, endLine: end.line, endCol: end.col };
}

/** True when every segment of `path` exists in the document. */
export function pathExists(loaded: LoadedSpec, path: SpecPath): boolean {
  let node: unknown = loaded.document.contents;
  for (const segment of path) {
    const next = childOf(loaded, node, segment);
    if (next === undefined) return false;
    node = next.value ?? next.key;
  }
  return true;
}

/**
 * The keys of the mapping at `path` (undefined when there is no mapping there): what `explain` suggests from when a
 * path has a typo in it.
 */
export function childKeys(loaded: LoadedSpec, path: SpecPath): readonly string[] | undefined {
  let node: unknown = loaded.document.contents;
  for (const segment of path) {
    const next = childOf(loaded, node, segment);
    if (next === undefined) return undefined;
    node = next.value;
  }
  const resolved = isAlias(node) ? node.resolve(loaded.document) : node;
  if (!isMap(resolved)) return undefined;
  // Its own keys, then those it takes from merged mappings.
  const keysOf = (map: unknown): string[] => (isMap(map) ? map.items.flatMap((item: Pair<unknown, unknown>) => (isScalar(item.key) && !isMergeKey(item.key) ? [String(item.key.value)] : [])) : []);
  return [...new Set([resolved, ...mergedMaps(loaded, resolved.items)].flatMap(keysOf))];
}

type Range = readonly [number, number];

function rangeOf(loaded: LoadedSpec, path: SpecPath, options: PositionOptions): Range | undefined {
  let node: unknown = loaded.document.contents;
  let best = nodeRange(node);
  for (const [index, segment] of path.entries()) {
    const child = childOf(loaded, node, segment);
    if (child === undefined) break;
    const last = index === path.length - 1;
    if (last && options.at === 'key' && child.key !== undefined) return nodeRange(child.key) ?? best;
    node = child.value;
    // A block mapping or sequence starts on the line after its key: the key's line is the one a reader looks for.
    const blockUnderKey = child.key !== undefined && (isMap(child.value) || isSeq(child.value)) && child.value.flow !== true;
    best = (blockUnderKey ? blockRange(child.key, child.value) : nodeRange(child.value)) ?? nodeRange(child.key) ?? best;
    if (child.value === undefined) break;
  }
  return best;
}

interface Child {
  readonly key?: unknown;
  readonly value?: unknown;
}

function childOf(loaded: LoadedSpec, parent: unknown, segment: string | number, seen: ReadonlySet<unknown> = new Set()): Child | undefined {
  const node = isAlias(parent) ? parent.resolve(loaded.document) : parent;
  if (isMap(node)) {
    const pair = node.items.find((item: Pair<unknown, unknown>) => !isMergeKey(item.key) && isScalar(item.key) && String(item.key.value) === String(segment));
    if (pair !== undefined) return { key: pair.key, value: pair.value === null ? undefined : pair.value };
    // A key the mapping takes from a merge (`<<: *base`) is where the merged mapping holds it; with several
    // merged mappings (`<<: [*a, *b]`) the first that has the key gives it, as in the value.
    for (const source of mergedMaps(loaded, node.items)) {
      if (seen.has(source)) continue;
      const found = childOf(loaded, source, segment, new Set([...seen, node, source]));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item: unknown = node.items[segment];
    return item === undefined || item === null ? undefined : { value: item };
  }
  return undefined;
}

/**
 * The merge key `<<` of a mapping entry: the parser gives a plain `<<` a symbol for a value; a quoted "<<" is an
 * ordinary key.
 */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol';
}

/** The mappings that the merge keys among `items` bring in (`<<: *a`, `<<: [*a, *b]`), in order of precedence. */
function mergedMaps(loaded: LoadedSpec, items: readonly Pair<unknown, unknown>[]): unknown[] {
  return items
    .filter((item) => isMergeKey(item.key))
    .flatMap((merge) => (isSeq(merge.value) ? merge.value.items : [merge.value]))
    .map((source) => (isAlias(source) ? source.resolve(loaded.document) : source))
    .filter((source) => isMap(source));
}

/** From the start of `key` to the end of the block `value` under it. */
function blockRange(key: unknown, value: unknown): Range | undefined {
  const start = nodeRange(key);
  const end = nodeRange(value);
  return start === undefined || end === undefined ? undefined : [start[0], end[1]];
}

function nodeRange(node: unknown): Range | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range = (node as Node).range;
  if (!range) return undefined;
  return [range[0], range[1]];
}

/**
 * The path of the deepest spec node that spans `line` (1-based): a mapping entry from its key to the end of its
 * value, a sequence item over its range. Empty when the line is outside every top-level entry.
 */
export function specPathAtLine(loaded: LoadedSpec, line: number): SpecPath {
  const starts = loaded.lineCounter.lineStarts;
  const from = starts[line - 1];
  if (from === undefined) return [];
  const to = starts[line] ?? Number.MAX_SAFE_INTEGER;
  const spans = (start: number | undefined, end: number | undefined): boolean => start !== undefined && end !== undefined && start < to && end > from;
  const path: (string | number)[] = [];
  let node: unknown = loaded.document.contents;
  for (;;) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item: Pair<unknown, unknown>) => isScalar(item.key) && spans(nodeRange(item.key)?.[0], nodeRange(item.value ?? item.key)?.[1]));
      if (pair === undefined || !isScalar(pair.key) || isMergeKey(pair.key)) break;
      path.push(String(pair.key.value));
      next = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => spans(nodeRange(item)?.[0], nodeRange(item)?.[1]));
      if (index < 0) break;
      path.push(index);
      next = node.items[index];
    } else {
      break;
    }
    node = next;
  }
  return path;
}
