/**
 * Updates with interruption: resources CloudFormation keeps but interrupts to change (an instance is stopped and
 * started for a new instance type or user data; see `interrupt` in replacement-table.ts). A replaced resource is
 * not listed again here: its replacement says more.
 */
import { formatPath } from './deep-diff.js';
import type { Interruption, Replacement, ResourceChange, SpecNode } from './model.js';
import { replacementRule } from './replacement-table.js';

/**
 * Interruptions per stack name, each list in logical id order (the order of `changes`). `propertySources` gives,
 * per stack, the spec node a resource's property is made from (`<LogicalId>/Properties.UserData`), when the
 * head's source map names one.
 */
export function findInterruptions(
  changes: ReadonlyMap<string, { readonly resources: readonly ResourceChange[] }>,
  replacements: ReadonlyMap<string, readonly Replacement[]>,
  propertySources: ReadonlyMap<string, { readonly [key: string]: SpecNode }> = new Map(),
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
      if (because.length === 0) continue;
      const sources = propertySources.get(stack) ?? {};
      const from = [...new Map(because.flatMap((p) => sources[`${change.logicalId}/${p}`] ?? []).map((node) => [node.path, node])).values()];
      found.push({ logicalId: change.logicalId, type: change.type, interruption: rule.interruption ?? 'interrupted', because, ...(from.length > 0 ? { from } : {}) });
    }
    if (found.length > 0) byStack.set(stack, found);
  }
  return byStack;
}
