/**
 * Spec lines for resources that exist only in the base. Their spec node often still exists (a hypervisor count
 * lowered, a role's statement dropped): the base's source map names the node's path, and the working tree's spec
 * says where that node is now. A node that is gone too has no line.
 */
import type { LoadedSpec } from '../load/loaded-spec.js';
import { pathExists, positionOf } from '../load/positions.js';
import type { PlatformDiff, StackDiff, StackInput } from './model.js';
import { stackOrder } from './stack-inputs.js';

/** `diff` with a working-tree line for every removed resource whose spec node is still there. */
export function locateRemoved(diff: PlatformDiff, base: readonly StackInput[], specs: ReadonlyMap<string, LoadedSpec>): PlatformDiff {
  const byStack = new Map(base.map((s) => [stackOrder(s), s]));
  const stacks = diff.stacks.map((s): StackDiff => {
    const before = byStack.get(stackOrder(s));
    const spec = specs.get(s.platform);
    if (before === undefined || spec === undefined) return s;
    const removed = [...s.resources.filter((r) => r.kind === 'removed').map((r) => r.logicalId), ...s.deletions.map((d) => d.logicalId)];
    const sources = { ...s.sources };
    for (const logicalId of removed) {
      const path = before.origins?.[logicalId];
      if (sources[logicalId] !== undefined || path === undefined || path.length === 0 || !pathExists(spec, path)) continue;
      const at = positionOf(spec, path);
      sources[logicalId] = `${at.file}:${at.line}:${at.col}`;
    }
    return { ...s, sources };
  });
  return { ...diff, stacks };
}
