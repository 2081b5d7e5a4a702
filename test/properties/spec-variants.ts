/**
 * Variations of the example spec for property tests: the synthetic spec generator (shared with the benchmark)
 * plus a re-serialization with shuffled mapping keys, which must not change any output byte.
 */
import { stringify } from 'yaml';
import { syntheticSpec, syntheticSpecValue } from '../bench/synthetic-spec.mjs';

export interface VariantShape {
  readonly environments: number;
  /** Hypervisor count per environment (cycled when shorter than the environment list). */
  readonly hypervisors: readonly number[];
  /** Extra declared roles beyond the example's own. */
  readonly roles: number;
}

export function exampleVariant(shape: VariantShape): string {
  return syntheticSpec(shape);
}

/** Reorders every mapping's keys by `order` (a permutation source), leaving sequences in order. */
export function shuffledVariant(shape: VariantShape, order: (keys: string[]) => string[]): string {
  const shuffle = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(shuffle);
    if (typeof value !== 'object' || value === null) return value;
    const object = value as Record<string, unknown>;
    return Object.fromEntries(order(Object.keys(object)).map((k) => [k, shuffle(object[k])]));
  };
  return stringify(shuffle(syntheticSpecValue(shape)), { lineWidth: 0 });
}

/** The example with one environment of `hypervisors` hosts, on a host subnet large enough for them. */
export function fleetSpec(hypervisors: number): string {
  const value = syntheticSpecValue({ environments: 1, hypervisors, roles: 0 });
  (value.network as { hostSubnet: { prefixLength: number } }).hostSubnet.prefixLength = 22;
  return stringify(value, { lineWidth: 0 });
}
