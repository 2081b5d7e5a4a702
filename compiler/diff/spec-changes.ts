/**
 * What changed in the specs themselves, value by value: the lines a reviewer edited (`network.overlay.mtu: 8951
 * -> 1450`), shown before what they do to the templates. Comments and formatting are not changes. A list of
 * plain values (actions, CIDRs, group names) is compared as a set: adding an action is one added value, not every
 * later position changed. A list of named things (records, targets, alarms, stages: objects with a `name` or an
 * `env`, unique in the list) matches its items by name, so a record inserted in the middle is one added record;
 * other lists are compared position by position.
 */
import type { LoadedSpec } from '../load/loaded-spec.js';
import { pathExists, positionOf } from '../load/positions.js';
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
      location: v.head === undefined ? undefined : change.kind !== 'removed' ? positionOf(v.head, change.path) : whereRemoved(v.head, change.path),
    }));
    // A removed value sorts at the end of the node it was taken from, after what that node still holds; values
    // removed with all around them (no line) last; the paths' own order where the lines do not decide.
    const at = (l: typeof located[number]): [number, number] => {
      if (l.location === undefined) return [Number.MAX_SAFE_INTEGER, 0];
      return l.change.kind === 'removed' ? [l.location.endLine ?? l.location.line, l.location.endCol ?? l.location.col] : [l.location.line, l.location.col];
    };
    located.sort((a, b) => at(a)[0] - at(b)[0] || at(a)[1] - at(b)[1] || a.index - b.index);
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

/**
 * A removed value has no line of its own: it is shown at the nearest node that is still there (the mapping or
 * list it was taken from), unless that is the document itself.
 */
function whereRemoved(head: LoadedSpec, path: readonly (string | number)[]): ReturnType<typeof positionOf> | undefined {
  for (let length = path.length - 1; length >= 1; length -= 1) {
    if (pathExists(head, path.slice(0, length))) return positionOf(head, path.slice(0, length));
  }
  return undefined;
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
