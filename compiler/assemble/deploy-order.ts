/**
 * Deploy order of an environment's stacks: a topological order of their dependencies, ties broken by the
 * canonical stack order (iam, network, logging, hosts, hosts-2, ..., dns, pipeline) so the order is stable.
 */
import { STACK_KINDS, type StackKind } from '../expand/fragment.js';

export interface OrderNode {
  readonly name: string;
  readonly kind: StackKind;
  readonly dependsOn: readonly string[];
}

/** Canonical rank of a stack: its kind's position, then its split index (hosts before hosts-2). */
export function canonicalRank(node: { readonly name: string; readonly kind: StackKind }): [number, number] {
  const suffix = node.name.slice(node.kind.length);
  const index = suffix === '' ? 1 : Number(suffix.slice(1));
  return [STACK_KINDS.indexOf(node.kind), index];
}

/** Orders stacks canonically (see `canonicalRank`); the tie-breaker of the deploy order. */
export function compareCanonical(a: { readonly name: string; readonly kind: StackKind }, b: { readonly name: string; readonly kind: StackKind }): number {
  const [ka, ia] = canonicalRank(a);
  const [kb, ib] = canonicalRank(b);
  return ka - kb || ia - ib;
}

/**
 * Returns the stacks in deploy order and, when the dependencies form a cycle, one cycle as a list of stack
 * names (first name repeated at the end). Stacks in a cycle are appended in canonical order so callers can still
 * report on everything.
 */
export function deployOrder<T extends OrderNode>(nodes: readonly T[]): { order: T[]; cycle?: string[] } {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const remaining = new Map(nodes.map((n) => [n.name, new Set(n.dependsOn.filter((d) => byName.has(d)))]));
  const order: T[] = [];
  const sorted = [...nodes].sort(compareCanonical);
  while (order.length < nodes.length) {
    const next = sorted.find((n) => remaining.get(n.name)?.size === 0 && !order.includes(n));
    if (next === undefined) break;
    order.push(next);
    for (const deps of remaining.values()) deps.delete(next.name);
  }
  if (order.length === nodes.length) return { order };
  const stuck = sorted.filter((n) => !order.includes(n));
  return { order: [...order, ...stuck], cycle: findCycle(stuck, byName) };
}

function findCycle<T extends OrderNode>(stuck: readonly T[], byName: ReadonlyMap<string, T>): string[] {
  const start = stuck[0];
  if (start === undefined) return [];
  const stuckNames = new Set(stuck.map((n) => n.name));
  // Walk dependencies inside the stuck set until a name repeats: every stuck node has a stuck dependency.
  const path: string[] = [];
  let current: T | undefined = start;
  while (current !== undefined && !path.includes(current.name)) {
    path.push(current.name);
    const nextName: string | undefined = [...current.dependsOn].sort().find((d) => stuckNames.has(d));
    current = nextName === undefined ? undefined : byName.get(nextName);
  }
  if (current === undefined) return path;
  return [...path.slice(path.indexOf(current.name)), current.name];
}
