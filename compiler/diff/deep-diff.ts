/**
 * Deep comparison of two JSON values with CloudFormation's meaning of order: policy statements, action and
 * resource lists, security group rules and id lists are sets (reordering them changes nothing), lists of named
 * things (inline policies, tags) are matched by name, every other array is ordered.
 */
import type { Json, JsonObject } from '../model/cfn.js';
import type { JsonPath, ValueChange } from './model.js';
import { compareText } from '../model/compare-text.js';

/** Arrays under these keys are compared as multisets of canonical values. */
const UNORDERED_KEYS: ReadonlySet<string> = new Set([
  'Statement',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'SecurityGroupIngress',
  'SecurityGroupEgress',
  'ManagedPolicyArns',
  'SecurityGroupIds',
  'GroupSet',
  'SubnetIds',
  'DependsOn',
]);

/** Arrays under these keys hold objects named by the given field; elements are matched by that name. */
const KEYED_ARRAYS: { readonly [key: string]: string } = { Policies: 'PolicyName', Tags: 'Key', Stages: 'Name', Actions: 'Name' };

/**
 * Named arrays whose order has meaning (a pipeline runs its stages in order): when the names both sides share
 * come in another order, that is one change of the array, its names before and after.
 */
const ORDERED_KEYED: ReadonlySet<string> = new Set(['Stages']);

/** A stable string for a JSON value: object keys sorted, no whitespace. Equal values give equal strings. */
export function stableKey(value: Json | undefined): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v: Json) => stableKey(v)).join(',')}]`;
  const object = value as JsonObject;
  const keys = Object.keys(object).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableKey(object[k])}`).join(',')}}`;
}

/** A JSON object (not an array, not null): the narrowing every walker of template values needs. */
export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How the elements of two arrays are compared (see `ArrayRule`). */
export type ArrayComparison =
  /** As multisets of canonical values: reordering is no change. */
  | { readonly kind: 'set' }
  /** Matched by a name each element has (unique in each array), shown at the path segment `segment` gives. */
  | {
    readonly kind: 'named';
    readonly nameOf: (item: Json) => string;
    readonly segment: (name: string, indexBefore: number, indexAfter: number) => string | number;
    /** Whether the order has meaning: kept names in another order are then one change, names before and after. */
    readonly ordered: boolean;
  }
  /** Position by position. */
  | { readonly kind: 'ordered' };

/** Chooses how two arrays found at `path` are compared. */
export type ArrayRule = (path: JsonPath, before: readonly Json[], after: readonly Json[]) => ArrayComparison;

/** CloudFormation's meaning of order, described at the top of this file. */
export const templateArrays: ArrayRule = (path, before, after) => {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return { kind: 'ordered' };
  const field = KEYED_ARRAYS[key];
  if (field !== undefined && allNamed(before, field) && allNamed(after, field)) {
    return { kind: 'named', nameOf: (item) => String((item as JsonObject)[field]), segment: (name) => `${field}=${name}`, ordered: ORDERED_KEYED.has(key) };
  }
  return UNORDERED_KEYS.has(key) ? { kind: 'set' } : { kind: 'ordered' };
};

/**
 * Every difference between `before` and `after`, each with its path below `path`, arrays compared as `arrays`
 * says (CloudFormation's meaning by default). Swapping the arguments swaps `added`/`removed` and `old`/`new` and
 * nothing else (the paths of set elements are their index in the array that holds them), which the diff laws
 * rely on.
 */
export function diffValues(before: Json | undefined, after: Json | undefined, path: JsonPath = [], arrays: ArrayRule = templateArrays): ValueChange[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ path, kind: 'added', new: after as Json }];
  if (after === undefined) return [{ path, kind: 'removed', old: before }];
  if (isJsonObject(before) && isJsonObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffValues(before[k], after[k], [...path, k], arrays));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const comparison = arrays(path, before, after);
    if (comparison.kind === 'named') return diffNamed(before, after, path, { ...comparison, arrays });
    if (comparison.kind === 'set') return diffSets(before, after, path, arrays);
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => diffValues(before[i], after[i], [...path, i], arrays)).flat();
  }
  return stableKey(before) === stableKey(after) ? [] : [{ path, kind: 'modified', old: before, new: after }];
}

function diffSets(before: readonly Json[], after: readonly Json[], path: JsonPath, arrays: ArrayRule): ValueChange[] {
  const remaining = new Map<string, number>();
  for (const v of after) remaining.set(stableKey(v), (remaining.get(stableKey(v)) ?? 0) + 1);
  const removed: ValueChange[] = [];
  before.forEach((v, i) => {
    const k = stableKey(v);
    const count = remaining.get(k) ?? 0;
    if (count > 0) remaining.set(k, count - 1);
    else removed.push({ path: [...path, i], kind: 'removed', old: v });
  });
  const kept = new Map<string, number>();
  for (const v of before) kept.set(stableKey(v), (kept.get(stableKey(v)) ?? 0) + 1);
  const added: ValueChange[] = [];
  after.forEach((v, i) => {
    const k = stableKey(v);
    const count = kept.get(k) ?? 0;
    if (count > 0) kept.set(k, count - 1);
    else added.push({ path: [...path, i], kind: 'added', new: v });
  });
  return pairByIndex(removed, added, path, arrays).sort((a, b) => comparePaths(a.path, b.path) || compareText(a.kind, b.kind));
}

/**
 * An unmatched object removed at index i and one added at the same index are the same element edited (a
 * statement that gained an action, a rule whose CIDR moved): show the edit inside it rather than a whole element
 * removed and another added. Two plain values there are one value replaced by another (`DependsOn[0]:
 * Hypervisor02Instance -> Hypervisor01Instance`), not two lines at the same path. Pairing by index keeps the swap
 * law: the same pairs form in both directions.
 */
function pairByIndex(removed: readonly ValueChange[], added: readonly ValueChange[], path: JsonPath, arrays: ArrayRule): ValueChange[] {
  const index = (c: ValueChange) => c.path[path.length] as number;
  const addedAt = new Map(added.map((c) => [index(c), c]));
  const paired = new Set<number>();
  const changes: ValueChange[] = [];
  for (const r of removed) {
    const a = addedAt.get(index(r));
    if (a !== undefined && isJsonObject(r.old) && isJsonObject(a.new)) {
      paired.add(index(r));
      changes.push(...diffValues(r.old, a.new, r.path, arrays));
    } else if (a !== undefined && isPlain(r.old) && isPlain(a.new)) {
      paired.add(index(r));
      changes.push({ path: r.path, kind: 'modified', old: r.old as Json, new: a.new as Json });
    } else changes.push(r);
  }
  changes.push(...added.filter((a) => !paired.has(index(a))));
  return changes;
}

function isPlain(value: Json | undefined): boolean {
  return value !== undefined && (value === null || typeof value !== 'object');
}

function allNamed(values: readonly Json[], name: string): boolean {
  const names = values.map((v) => (isJsonObject(v) ? v[name] : undefined));
  return names.every((n) => typeof n === 'string') && new Set(names).size === names.length;
}

/** Elements matched by name, in name order; with `ordered`, kept names that moved are one change first. */
function diffNamed(
  before: readonly Json[],
  after: readonly Json[],
  path: JsonPath,
  comparison: Extract<ArrayComparison, { kind: 'named' }> & { readonly arrays: ArrayRule },
): ValueChange[] {
  const namesBefore = before.map(comparison.nameOf);
  const namesAfter = after.map(comparison.nameOf);
  const changes: ValueChange[] = [];
  if (comparison.ordered) {
    const keptBefore = namesBefore.filter((n) => namesAfter.includes(n));
    const keptAfter = namesAfter.filter((n) => namesBefore.includes(n));
    if (keptBefore.join('\u0000') !== keptAfter.join('\u0000')) changes.push({ path, kind: 'modified', old: keptBefore, new: keptAfter });
  }
  for (const name of [...new Set([...namesBefore, ...namesAfter])].sort()) {
    const i = namesBefore.indexOf(name);
    const j = namesAfter.indexOf(name);
    changes.push(...diffValues(before[i], after[j], [...path, comparison.segment(name, i, j)], comparison.arrays));
  }
  return changes;
}

/** Orders paths segment by segment (numbers before strings), for deterministic listings. */
export function comparePaths(a: JsonPath, b: JsonPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** `Properties.Policies[PolicyName=x].PolicyDocument.Statement[2]`: how a path is shown to people. */
export function formatPath(path: JsonPath): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (segment.includes('=')) return `[${segment}]`;
      return i === 0 ? segment : `.${segment}`;
    })
    .join('');
}
