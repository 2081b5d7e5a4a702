/**
 * Narrows a spec path to the one value a finding is about: a finding on a generated policy statement knows the
 * statement's spec path (from the source map) and the action it objects to; when that action is written exactly
 * once under the statement's spec entry, the finding can point at it rather than at the start of the entry.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';

/** The plain value at `path` in `root`, or undefined where the path leads nowhere. */
export function valueAt(root: unknown, path: SpecPath): unknown {
  let node = root;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = Array.isArray(node) ? (typeof segment === 'number' ? node[segment] : undefined) : Object.hasOwn(node, segment) ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return node;
}

/**
 * The path of the only string equal to `target` within `depth` levels below `path` in `root`; undefined when
 * there is none, or more than one (the finding then stays where it was).
 */
export function pathOfValue(root: unknown, path: SpecPath, target: string, options: { depth?: number } = {}): SpecPath | undefined {
  const found: SpecPath[] = [];
  const visit = (node: unknown, at: SpecPath, depth: number): void => {
    if (node === target) found.push(at);
    if (depth === 0 || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) node.forEach((item, index) => visit(item, [...at, index], depth - 1));
    else for (const [key, item] of Object.entries(node)) visit(item, [...at, key], depth - 1);
  };
  visit(valueAt(root, path), path, options.depth ?? 2);
  return found.length === 1 ? found[0] : undefined;
}
