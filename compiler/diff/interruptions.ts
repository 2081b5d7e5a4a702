/**
 * Updates with interruption: resources CloudFormation keeps but interrupts to change (an instance is stopped and
 * started for a new instance type or user data; see `interrupt` in replacement-table.ts). A replaced resource is
 * not listed again here: its replacement says more.
 */
import { formatPath } from './deep-diff.js';
import type { Interruption, Replacement, ResourceChange } from './model.js';
import { replacementRule } from './replacement-table.js';

/** Interruptions per stack name, each list in logical id order (the order of `changes`). */
export function findInterruptions(
  changes: ReadonlyMap<string, { readonly resources: readonly ResourceChange[] }>,
  replacements: ReadonlyMap<string, readonly Replacement[]>,
): Map<string, Interruption[]> {
  const replaced = new Set([...replacements.values()].flatMap((list) => list.map((r) => r.logicalId)));
  const byStack = new Map<string, Interruption[]>();
  for (const [stack, { resources }] of changes) {
    const found: Interruption[] = [];
    for (const change of resources) {
      if (change.kind !== 'modified' || replaced.has(change.logicalId)) continue;
      const rule = replacementRule(change.type);
      const interrupt = rule.interrupt ?? [];
      const because = [...new Set(change.changes
        .filter((c) => c.path[0] === 'Properties' && interrupt.includes(String(c.path[1])))
        .map((c) => formatPath(c.path.slice(0, 2))))];
      if (because.length > 0) found.push({ logicalId: change.logicalId, type: change.type, interruption: rule.interruption ?? 'interrupted', because });
    }
    if (found.length > 0) byStack.set(stack, found);
  }
  return byStack;
}
