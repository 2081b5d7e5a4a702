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
import { compareText } from '../model/compare-text.js';
import { describePath } from '../validate/schema-check.js';
import { diffValues, isJsonObject, type ArrayRule } from './deep-diff.js';
import type { SpecChange } from './model.js';

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
  for (const v of [...versions].sort((a, b) => compareText(a.file, b.file))) {
    const located = diffValues(v.base as Json | undefined, v.head?.value as Json | undefined, [], specArrays).map((change, index) => ({
      change,
      index,
      location: v.head !== undefined && change.kind !== 'removed' ? positionOf(v.head, change.path) : undefined,
    }));
    // Removed values (no line) last; the paths' own order where the lines do not decide.
    const line = (l: typeof located[number]) => l.location?.line ?? Number.MAX_SAFE_INTEGER;
    located.sort((a, b) => line(a) - line(b) || (a.location?.col ?? 0) - (b.location?.col ?? 0) || a.index - b.index);
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

/**
 * What names an item of a list of named things: its `name` (with its `type`: a record name may have several), else
 * its `env`; a plain string names itself (`groups: [system, { name: audit }]`, `stages: [dev, { env: prod }]`).
 */
function itemName(item: Json): string | undefined {
  if (typeof item === 'string') return item;
  if (!isJsonObject(item)) return undefined;
  if (typeof item.name === 'string') return typeof item.type === 'string' ? `${item.name}:${item.type}` : item.name;
  return typeof item.env === 'string' ? item.env : undefined;
}

const allNamed = (list: readonly Json[]): boolean => {
  const names = list.map(itemName);
  return names.every((n) => n !== undefined) && new Set(names).size === names.length;
};

/** How spec lists compare, as described at the top; an item is shown at its index in the working tree. */
const specArrays: ArrayRule = (_path, before, after) => {
  if (before.every(isScalar) && after.every(isScalar)) return { kind: 'set' };
  if ([...before, ...after].some(isJsonObject) && allNamed(before) && allNamed(after)) {
    return { kind: 'named', nameOf: (item) => itemName(item) ?? '', segment: (_name, i, j) => (j >= 0 ? j : i), ordered: true };
  }
  return { kind: 'ordered' };
};
