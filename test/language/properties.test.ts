/**
 * Invariants over arbitrary input: whatever the text or the values, loading and validating never throw, every
 * finding carries a registered code, and findings come sorted by position.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODE_REGISTRY } from '../../compiler/diagnostics/code-registry.js';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { loadSpec } from '../../compiler/load/load-spec.js';
import { validateSpec } from '../../compiler/validate/validate-spec.js';
import { EXAMPLE, mutatedSpec } from '../properties/spec-mutations.js';

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
      insert: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('\t', '\n', ': ', '- ', '&a ', '*a', '<<: *a', '\n  <<: *a\n', '<<: ', '---\n', '{', '[', '"', '\u0000', '!!binary ', '? ')),
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
      fc.property(mutatedSpec({ maxMutations: 3 }), (text) => {
        assertWellFormed(run(text));
      }),
      { numRuns: 250 },
    );
  });

  it('reports findings sorted by position', () => {
    fc.assert(
      fc.property(mutatedSpec({ maxMutations: 4 }), (text) => {
        const loaded = loadSpec({ file: 'f', text }).loaded;
        if (loaded === undefined) return;
        const lines = validateSpec(loaded).diagnostics.map((d) => (d.position?.line ?? 0) * 10_000 + (d.position?.col ?? 0));
        expect(lines).toEqual([...lines].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });
});
