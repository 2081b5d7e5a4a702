/**
 * Invariants of compile over generated variations of the example spec (environment count, hypervisor counts,
 * declared roles): output is byte-identical run to run and whatever the key order of the spec, and every IAM
 * role and user in every template carries its environment's permission boundary. And over random mutations of
 * the example: compile never throws, and a spec without errors always yields output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSource, type CompileResult } from '../../compiler/compile.js';
import { CODE_REGISTRY } from '../../compiler/diagnostics/code-registry.js';
import { mutatedSpec } from './spec-mutations.js';
import { exampleVariant, shuffledVariant, type VariantShape } from './spec-variants.js';

const FILE = 'specs/variant.platform.yaml';

const shapes: fc.Arbitrary<VariantShape> = fc.record({
  environments: fc.integer({ min: 1, max: 4 }),
  hypervisors: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
  roles: fc.integer({ min: 0, max: 3 }),
});

function compiled(text: string): CompileResult {
  const result = compileSource({ file: FILE, text });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`the variant does not compile:\n${errors.map((d) => `${d.code} ${d.message}`).join('\n')}\n${text}`);
  return result;
}

const asText = (result: CompileResult): string => result.files.map((f) => `--- ${f.path}\n${f.content}`).join('');

/**
 * The same, with the `file:line:col` of source map entries left out: reordering the spec's keys moves its lines,
 * so only the locations may change; the spec paths they resolve must not.
 */
const withoutLocations = (result: CompileResult): string =>
  result.files.map((f) => `--- ${f.path}\n${f.path.endsWith('.sourcemap.json') ? f.content.replace(/"location": "[^"]*"/g, '"location"') : f.content}`).join('');

describe('compile properties', () => {
  it('produces byte-identical output on every run and, source map lines aside, for any key order in the spec', () => {
    fc.assert(
      fc.property(shapes, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (shape, randoms) => {
        const text = exampleVariant(shape);
        const first = asText(compiled(text));
        expect(asText(compiled(text))).toBe(first);
        const order = (keys: string[]): string[] => {
          const weights = new Map(keys.map((k) => [k, randoms.next().value as number]));
          return [...keys].sort((a, b) => (weights.get(a) ?? 0) - (weights.get(b) ?? 0));
        };
        const shuffled = compiled(shuffledVariant(shape, order));
        expect(withoutLocations(shuffled)).toBe(withoutLocations(compiled(text)));
      }),
      { numRuns: 25 },
    );
  });

  it('gives every IAM role and user its environment permission boundary', () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const result = compiled(exampleVariant(shape));
        const platform = result.platform?.name ?? '';
        let principals = 0;
        for (const stack of result.stacks ?? []) {
          const expected = { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/${platform}-${stack.env}-boundary` };
          for (const [id, resource] of Object.entries(stack.template.Resources)) {
            if (resource.Type !== 'AWS::IAM::Role' && resource.Type !== 'AWS::IAM::User') continue;
            principals++;
            expect(resource.Properties?.PermissionsBoundary, `${stack.stackName} ${id}`).toEqual(expected);
          }
        }
        // Every environment has at least its instance roles: the invariant is never vacuously true.
        expect(principals).toBeGreaterThanOrEqual(shape.environments);
      }),
      { numRuns: 25 },
    );
  });

  // A spec that passes validation must compile without an exception, whatever it holds: a throw would be a stack
  // trace for the user. Mostly scalars changed within their type (names, counts, texts with quotes, newlines and
  // other scripts), so that some specs still validate; the count below keeps the property from being vacuous.
  it('never throws on a mutated example, and what compiles without errors has output', () => {
    const known = new Set(CODE_REGISTRY.map((info) => info.code));
    let compiledCleanly = 0;
    fc.assert(
      fc.property(fc.oneof({ arbitrary: mutatedSpec({ maxMutations: 1, sameType: true }), weight: 4 }, mutatedSpec({ maxMutations: 2 })), (text) => {
        const result = compileSource({ file: FILE, text });
        for (const d of result.diagnostics) expect(known.has(d.code), `unregistered code ${d.code}`).toBe(true);
        if (result.diagnostics.some((d) => d.severity === 'error')) {
          expect(result.files).toEqual([]);
          return;
        }
        compiledCleanly++;
        expect(result.files.length).toBeGreaterThan(0);
        for (const file of result.files) expect(() => JSON.parse(file.content) as unknown, file.path).not.toThrow();
      }),
      { numRuns: 200 },
    );
    // Typically 25 to 45 of the 200 compile cleanly.
    expect(compiledCleanly).toBeGreaterThanOrEqual(10);
  });
});
