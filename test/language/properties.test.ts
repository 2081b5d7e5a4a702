/**
 * Invariants over arbitrary input: whatever the text or the values, loading and validating never throw, every
 * finding carries a registered code, and findings come sorted by position.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CODE_REGISTRY } from '../../compiler/diagnostics/code-registry.js';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { loadSpec } from '../../compiler/load/load-spec.js';
import { validateSpec } from '../../compiler/validate/validate-spec.js';

const EXAMPLE = readFileSync(new URL('../../specs/cloudstack.platform.yaml', import.meta.url), 'utf8');
const EXAMPLE_VALUE = loadSpec({ file: 'x', text: EXAMPLE }).loaded?.value;
const KNOWN = new Set(CODE_REGISTRY.map((info) => info.code));

/** Loads and validates; any exception escapes and fails the property. */
function run(text: string): Diagnostic[] {
  const loaded = loadSpec({ file: 'specs/fuzz.platform.yaml', text });
  return [...loaded.diagnostics, ...(loaded.loaded ? validateSpec(loaded.loaded).diagnostics : [])];
}

function assertWellFormed(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(KNOWN.has(d.code), `unregistered code ${d.code}`).toBe(true);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

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

describe('validation never throws', () => {
  it('validates the examples with zero findings', () => {
    for (const file of ['cloudstack', 'minimal']) {
      const text = readFileSync(new URL(`../../specs/${file}.platform.yaml`, import.meta.url), 'utf8');
      expect(run(text)).toEqual([]);
    }
  });

  it('survives random edits of the example text', () => {
    const edit = fc.record({
      at: fc.nat({ max: EXAMPLE.length }),
      remove: fc.nat({ max: 40 }),
      insert: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('\t', '\n', ': ', '- ', '&a ', '*a', '---\n', '{', '[', '"', '\u0000', '!!binary ', '? ')),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        let text = EXAMPLE;
        for (const e of edits) text = text.slice(0, Math.min(e.at, text.length)) + e.insert + text.slice(Math.min(e.at, text.length) + e.remove);
        assertWellFormed(run(text));
      }),
      { numRuns: 200 },
    );
  });

  it('survives random values at random paths', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: PATHS.length - 1 }), interestingValue), { minLength: 1, maxLength: 3 }), (mutations) => {
        let value: unknown = EXAMPLE_VALUE;
        for (const [index, replacement] of mutations) value = setAt(value, PATHS[index] ?? [], replacement);
        const diagnostics = run(stringify(value));
        assertWellFormed(diagnostics);
      }),
      { numRuns: 250 },
    );
  });

  it('reports findings sorted by position', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: PATHS.length - 1 }), interestingValue), { minLength: 1, maxLength: 4 }), (mutations) => {
        let value: unknown = EXAMPLE_VALUE;
        for (const [index, replacement] of mutations) value = setAt(value, PATHS[index] ?? [], replacement);
        const loaded = loadSpec({ file: 'f', text: stringify(value) }).loaded;
        if (loaded === undefined) return;
        const lines = validateSpec(loaded).diagnostics.map((d) => (d.position?.line ?? 0) * 10_000 + (d.position?.col ?? 0));
        expect(lines).toEqual([...lines].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });
});
