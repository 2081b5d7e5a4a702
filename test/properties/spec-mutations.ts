/**
 * Random mutations of the bundled example spec, for properties that must hold whatever a spec holds: a value of
 * any shape at any path of the example.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { loadSpec } from '../../compiler/load/load-spec.js';

export const EXAMPLE = readFileSync(new URL('../../specs/cloudstack.platform.yaml', import.meta.url), 'utf8');
export const EXAMPLE_VALUE = loadSpec({ file: 'x', text: EXAMPLE }).loaded?.value;

/** Every path to a node of a plain value, so a mutation can land anywhere in the spec. */
function allPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(value.flatMap((item, i) => allPaths(item, [...prefix, i])));
  if (typeof value === 'object' && value !== null) {
    return here.concat(Object.entries(value).flatMap(([k, v]) => allPaths(v, [...prefix, k])));
  }
  return here;
}

function setAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? setAt(item, rest, replacement) : item));
  if (typeof value === 'object' && value !== null) {
    return { ...value, [String(head)]: setAt((value as Record<string, unknown>)[String(head)], rest, replacement) };
  }
  return value;
}

const PATHS = allPaths(EXAMPLE_VALUE);

/** Values that stress the rules: odd numbers, CIDR-ish and name-ish strings, structures of the wrong shape. */
const interestingValue = fc.oneof(
  fc.integer({ min: -1_000_000, max: 100_000_000 }),
  fc.double({ noNaN: false }),
  fc.constantFrom('', '*', 'never-expire', '0.0.0.0/0', '10.10.0.0/16', '10.10.0.1/33', '239.255.0.1', 'c5.metal', 'm4.large', 'prod', 'prd', 'logGroup:x', 'bucket:archive', 'role:', 'arn:aws:', 'ami-1', '__proto__', 'constructor'),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 10 }),
  fc.dictionary(fc.constantFrom('env', 'weight', 'name', 'days', 'bias', 'cidrs', 'location', 'value', 'prod', 'dev', '__proto__'), fc.oneof(fc.integer({ min: -300, max: 300 }), fc.string(), fc.constant('*'))),
  fc.anything({ maxDepth: 3 }),
);

function getAt(value: unknown, path: readonly (string | number)[]): unknown {
  let node = value;
  for (const segment of path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[String(segment)] : undefined;
  return node;
}

/** Paths to the example's scalar leaves, for mutations that keep each value's type. */
const LEAVES = PATHS.filter((path) => {
  const leaf = getAt(EXAMPLE_VALUE, path);
  return typeof leaf === 'string' || typeof leaf === 'number' || typeof leaf === 'boolean';
});

/** A value of the same type as `leaf`, often a small change of it, so that many mutated specs stay valid. */
function sameTypeValue(leaf: unknown): fc.Arbitrary<unknown> {
  if (typeof leaf === 'number') return fc.oneof(fc.integer({ min: 0, max: Math.max(1, leaf * 2) }), fc.constant(leaf + 1), fc.integer());
  if (typeof leaf === 'boolean') return fc.boolean();
  const text = String(leaf);
  return fc.oneof(
    fc.string({ minLength: 1, maxLength: 12 }).map((tail) => `${text}${tail}`),
    fc.constantFrom(`${text}-x`, text.toUpperCase(), `${text} é 東京 🚀`, `${text}'"$(x)`, `${text}\n`),
    fc.string(),
  );
}

/**
 * The example's value with up to `maxMutations` nodes replaced by random values: of any shape anywhere, or, with
 * `sameType`, scalar leaves replaced by values of their own type.
 */
export function mutatedValue(options: { maxMutations: number; sameType?: boolean }): fc.Arbitrary<unknown> {
  const mutation = options.sameType === true
    ? fc.nat({ max: LEAVES.length - 1 }).chain((index) => {
      const path = LEAVES[index] ?? [];
      return sameTypeValue(getAt(EXAMPLE_VALUE, path)).map((replacement) => [path, replacement] as const);
    })
    : fc.tuple(fc.nat({ max: PATHS.length - 1 }), interestingValue).map(([index, replacement]) => [PATHS[index] ?? [], replacement] as const);
  return fc.array(mutation, { minLength: 1, maxLength: options.maxMutations }).map((mutations) => {
    let value: unknown = EXAMPLE_VALUE;
    for (const [path, replacement] of mutations) value = setAt(value, path, replacement);
    return value;
  });
}

/** The same, as spec text. */
export function mutatedSpec(options: { maxMutations: number; sameType?: boolean }): fc.Arbitrary<string> {
  return mutatedValue(options).map((value) => stringify(value));
}
