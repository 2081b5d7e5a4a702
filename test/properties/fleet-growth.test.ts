/**
 * Growing a fleet only adds: compiled before and after through the real pipeline and compared with the semantic
 * diff, more hypervisors (within the host subnet's capacity, any perStack) remove, replace, interrupt or change no
 * resource that was already there. Ids, addresses and stacks of hosts depend on their position alone.
 */
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileSource } from '../../compiler/compile.js';
import { diffStacks } from '../../compiler/diff/diff-stacks.js';
import { stackInputs } from '../../compiler/diff/stack-inputs.js';
import { fleetSpec } from './spec-variants.js';

function compiled(hypervisors: number, perStack: number) {
  const value = parse(fleetSpec(hypervisors)) as { hosts: { hypervisors: Record<string, unknown> } };
  value.hosts.hypervisors.perStack = perStack;
  const result = compileSource({ file: 'specs/fleet.platform.yaml', text: stringify(value, { lineWidth: 0 }) });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return stackInputs(result.files);
}

describe('a growing fleet', () => {
  it('only adds hypervisors (and stacks for them)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 60 }), fc.constantFrom(7, 50, 100), (before, more, perStack) => {
        const diff = diffStacks(compiled(before, perStack), compiled(before + more, perStack));
        for (const s of diff.stacks) {
          expect(s.kind, s.stack).not.toBe('removed');
          expect(s.resources.filter((r) => r.kind !== 'added').map((r) => `${s.stack}/${r.logicalId} ${r.kind}`)).toEqual([]);
          expect([...s.replacements, ...s.interruptions, ...s.deletions]).toEqual([]);
        }
        const added = diff.stacks.flatMap((s) => s.resources.map((r) => r.logicalId)).filter((id) => /^Hypervisor\d+Instance$/.test(id));
        expect(added).toHaveLength(more);
      }),
      { numRuns: 12 },
    );
  });
});
