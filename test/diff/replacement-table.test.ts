import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../compiler/compile.js';
import { REPLACEMENT_TABLE } from '../../compiler/diff/replacement-table.js';
import { stackInputs } from '../../compiler/diff/stack-inputs.js';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('replacement table', () => {
  it('has a row for every resource type the bundled specs compile to', async () => {
    const project = await compileProject({ cwd: ROOT });
    const types = new Set(stackInputs(project.files).flatMap((s) => Object.values(s.template.Resources).map((r) => r.Type)));
    expect(types.size).toBeGreaterThan(20);
    expect([...types].filter((t) => REPLACEMENT_TABLE[t] === undefined).sort()).toEqual([]);
  });

  it('names only replacement properties that are plain property paths', () => {
    for (const [type, rule] of Object.entries(REPLACEMENT_TABLE)) {
      expect(type).toMatch(/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/);
      for (const p of [...rule.replace, ...(rule.conditional ?? [])]) expect(p).toMatch(/^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)*$/);
      if (rule.stateful === true) expect(rule.state, type).toBeTruthy();
    }
  });
});

/**
 * The resource schemas shipped with the pinned cfn-lint (AWS's own CloudFormation registry schemas): a property in
 * createOnlyProperties cannot change without replacing the resource.
 */
const SCHEMAS = fg.sync('.venv/lib/python*/site-packages/cfnlint/data/schemas', { cwd: ROOT, onlyDirectories: true, absolute: true })[0];

function schemaList(type: string, list: 'createOnlyProperties' | 'conditionalCreateOnlyProperties'): string[] | undefined {
  if (SCHEMAS === undefined) return undefined;
  const hashes = JSON.parse(readFileSync(`${SCHEMAS}/providers/us-east-1.json`, 'utf8')) as Record<string, string>;
  const hash = hashes[type];
  if (hash === undefined) return undefined;
  const schema = JSON.parse(readFileSync(`${SCHEMAS}/resources/${hash}.json`, 'utf8')) as Partial<Record<typeof list, string[]>>;
  return (schema[list] ?? []).map((p) => p.replace(/^\/properties\//, '').split('/').filter((part) => part !== '*').join('.')).sort();
}

const createOnly = (type: string): string[] | undefined => schemaList(type, 'createOnlyProperties');

// CI installs cfn-lint before the tests; elsewhere this runs once `npm run setup:python` has.
describe.skipIf(SCHEMAS === undefined && process.env.CI !== 'true')('replacement table against the CloudFormation resource schemas (skipped: run `npm run setup:python` first)', () => {
  it.each(Object.keys(REPLACEMENT_TABLE).sort())('%s: replace is exactly createOnlyProperties', (type) => {
    const expected = createOnly(type);
    expect(expected, `no resource schema for ${type}`).toBeDefined();
    const rule = REPLACEMENT_TABLE[type];
    expect([...(rule?.replace ?? [])].sort()).toEqual(expected);
    // What the schema calls updatable but costs the resource anyway is conditional, never also in replace.
    for (const p of rule?.conditional ?? []) expect(rule?.replace).not.toContain(p);
  });

  it.each(Object.keys(REPLACEMENT_TABLE).filter((type) => REPLACEMENT_TABLE[type]?.interrupt !== undefined).sort())(
    '%s: interrupt is conditionalCreateOnlyProperties not already conditional, less what changes in place',
    (type) => {
      const rule = REPLACEMENT_TABLE[type];
      const inPlace = type === 'AWS::EC2::Instance' ? ['SecurityGroupIds'] : [];
      const expected = (schemaList(type, 'conditionalCreateOnlyProperties') ?? []).filter((p) => !(rule?.conditional ?? []).includes(p) && !inPlace.includes(p));
      expect([...(rule?.interrupt ?? [])].sort()).toEqual(expected);
      expect(rule?.interruption).toBeTruthy();
    },
  );
});
