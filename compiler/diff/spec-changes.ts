/**
 * What changed in the specs themselves, value by value: the lines a reviewer edited (`network.overlay.mtu: 8951
 * -> 1450`), shown before what they do to the templates. Comments and formatting are not changes. A list of
 * plain values (actions, CIDRs, group names) is compared as a set: adding an action is one added value, not every
 * later position changed. A list of named things (records, targets, alarms, stages: objects with a `name` or an
 * `env`, unique in the list) matches its items by name, so a record inserted in the middle is one added record;
 * other lists are compared position by position.
 */
import type { LoadedSpec } from '../load/loaded-spec.js';
import { positionOf } from '../load/positions.js';
import type { Json } from '../model/cfn.js';
import { describePath } from '../validate/schema-check.js';
import { isJsonObject, stableKey } from './deep-diff.js';
import type { SpecChange, ValueChange } from './model.js';

export interface SpecVersions {
  readonly file: string;
  /** The spec's value at the base; undefined for a spec that is new. */
  readonly base?: unknown;
  /** The spec as loaded from the working tree; undefined for a spec that is gone. */
  readonly head?: LoadedSpec;
}

/** Every changed value of every spec, by file, then in the order of the lines (removed values last). */
export function specChanges(versions: readonly SpecVersions[]): SpecChange[] {
  const changes: SpecChange[] = [];
  for (const v of [...versions].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const located = specDiff(v.base as Json | undefined, v.head?.value as Json | undefined, []).map((change, index) => ({
      change,
      index,
      location: v.head !== undefined && change.kind !== 'removed' ? positionOf(v.head, change.path) : undefined,
    }));
    // Stable: the paths' own order where the lines do not decide.
    located.sort((a, b) => (a.location?.line ?? Infinity) - (b.location?.line ?? Infinity) || (a.location?.col ?? 0) - (b.location?.col ?? 0) || a.index - b.index);
    for (const { change, location } of located) {
      changes.push({
        file: v.file,
        path: describePath(change.path),
        kind: change.kind,
        ...(change.old === undefined ? {} : { old: change.old }),
        ...(change.new === undefined ? {} : { new: change.new }),
        ...(location === undefined ? {} : { location: `${location.file}:${location.line}:${location.col}` }),
      });
    }
  }
  return changes;
}

const isScalar = (value: Json): boolean => value === null || typeof value !== 'object';

/** The changes from `before` to `after` below `path`, as described at the top. */
function specDiff(before: Json | undefined, after: Json | undefined, path: readonly (string | number)[]): ValueChange[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ path, kind: 'added', new: after as Json }];
  if (after === undefined) return [{ path, kind: 'removed', old: before }];
  if (isJsonObject(before) && isJsonObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => specDiff(before[k], after[k], [...path, k]));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.every(isScalar) && after.every(isScalar)) {
      const count = (list: readonly Json[]) => {
        const counts = new Map<string, number>();
        for (const v of list) counts.set(stableKey(v), (counts.get(stableKey(v)) ?? 0) + 1);
        return counts;
      };
      const unmatched = (list: readonly Json[], other: Map<string, number>) =>
        list.flatMap((v, i) => {
          const left = other.get(stableKey(v)) ?? 0;
          other.set(stableKey(v), left - 1);
          return left > 0 ? [] : [i];
        });
      const removed = unmatched(before, count(after)).map((i): ValueChange => ({ path: [...path, i], kind: 'removed', old: before[i] as Json }));
      const added = unmatched(after, count(before)).map((i): ValueChange => ({ path: [...path, i], kind: 'added', new: after[i] as Json }));
      return [...added, ...removed];
    }
    const named = namedItems(before, after);
    if (named !== undefined) {
      const { keysBefore, keysAfter } = named;
      const removed = keysBefore.flatMap((key, i): ValueChange[] => (keysAfter.includes(key) ? [] : [{ path: [...path, i], kind: 'removed', old: before[i] as Json }]));
      // The order can matter (a pipeline's stages run in it): items kept but in another order are one change.
      const kept = (keys: readonly string[], other: readonly string[]) => keys.filter((k) => other.includes(k)).map((k) => k.slice(3));
      const order: ValueChange[] = stableKey(kept(keysBefore, keysAfter)) === stableKey(kept(keysAfter, keysBefore))
        ? []
        : [{ path, kind: 'modified', old: kept(keysBefore, keysAfter), new: kept(keysAfter, keysBefore) }];
      return [...order, ...keysAfter.flatMap((key, i) => specDiff(before[keysBefore.indexOf(key)], after[i], [...path, i])), ...removed];
    }
    return Array.from({ length: Math.max(before.length, after.length) }, (_, i) => specDiff(before[i], after[i], [...path, i])).flat();
  }
  return stableKey(before) === stableKey(after) ? [] : [{ path, kind: 'modified', old: before, new: after }];
}

/**
 * What names an item of a list of named things: its `name` (with its `type`: a record name may have several), else
 * its `env`; a plain string names itself (`groups: [system, { name: audit }]`, `stages: [dev, { env: prod }]`).
 */
function itemKey(item: Json): string | undefined {
  if (typeof item === 'string') return `id:${item}`;
  if (!isJsonObject(item)) return undefined;
  if (typeof item.name === 'string') return `id:${item.name}${typeof item.type === 'string' ? `:${item.type}` : ''}`;
  if (typeof item.env === 'string') return `id:${item.env}`;
  return undefined;
}

/** The keys of both lists when every item of both is named and no name repeats within a list. */
function namedItems(before: readonly Json[], after: readonly Json[]): { keysBefore: string[]; keysAfter: string[] } | undefined {
  const keysBefore = before.map(itemKey);
  const keysAfter = after.map(itemKey);
  const usable = (keys: (string | undefined)[]): keys is string[] => keys.every((k) => k !== undefined) && new Set(keys).size === keys.length;
  if (!usable(keysBefore) || !usable(keysAfter) || !before.concat(after).some(isJsonObject)) return undefined;
  return { keysBefore, keysAfter };
}
