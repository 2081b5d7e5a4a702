/**
 * Stateful resources a change deletes with their data: a hypervisor taken out of the count (its disks and the
 * guests on them), a log group or a bucket no longer declared. The types are the replacement table's stateful
 * ones; a resource whose DeletionPolicy keeps it (Retain, Snapshot) loses nothing and is not listed.
 */
import type { CfnResource } from '../model/cfn.js';
import type { Deletion } from './model.js';
import { replacementRule } from './replacement-table.js';

/** Deletion policies under which CloudFormation leaves the resource or a snapshot of it behind. */
const KEPT = new Set(['Retain', 'RetainExceptOnCreate', 'Snapshot']);

/** The stateful resources among `removed` (logical ids of the base stack) that are deleted with their data. */
export function findDeletions(removed: readonly string[], base: { readonly [logicalId: string]: CfnResource }): Deletion[] {
  const deletions: Deletion[] = [];
  for (const logicalId of removed) {
    const resource = base[logicalId];
    if (resource === undefined) continue;
    const rule = replacementRule(resource.Type);
    if (rule.stateful !== true || (resource.DeletionPolicy !== undefined && KEPT.has(resource.DeletionPolicy))) continue;
    deletions.push({ logicalId, type: resource.Type, state: rule.state ?? 'data' });
  }
  return deletions;
}
