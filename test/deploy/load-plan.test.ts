/**
 * Reading what deploy ships: the committed example loads, and a damaged manifest, template, parameter file or
 * source map is a DEPLOY003 naming what is wrong, never a TypeError; for any JSON at all in manifest.json.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeployError } from '../../compiler/deploy/deploy-error.js';
import { loadEnvironmentPlan } from '../../compiler/deploy/load-plan.js';

let generatedDir: string;
const manifestPath = () => join(generatedDir, 'minimal', 'manifest.json');
const original = readFileSync('generated/minimal/manifest.json', 'utf8');
const load = () => loadEnvironmentPlan({ generatedDir, env: 'dev' });

function failure(): DeployError | unknown {
  try {
    load();
  } catch (error) {
    return error;
  }
  return undefined;
}

beforeEach(() => {
  generatedDir = mkdtempSync(join(tmpdir(), 'platformc-plan-'));
  cpSync('generated/minimal', join(generatedDir, 'minimal'), { recursive: true });
});
afterEach(() => rmSync(generatedDir, { recursive: true, force: true }));

describe('loadEnvironmentPlan', () => {
  it('loads the committed example in deploy order with spec lines', () => {
    const plan = load();
    expect(plan.stacks.map((s) => s.name)).toEqual(JSON.parse(original).environments[0].stacks.map((s: { name: string }) => s.name));
    expect(Object.values(plan.stacks[0]?.locations ?? {}).every((l) => l.startsWith('specs/minimal.platform.yaml:'))).toBe(true);
    // And each policy statement's, as the source map keys them, so a broadening names the statement's line.
    const iam = plan.stacks.find((s) => s.name === 'iam');
    const committed = JSON.parse(readFileSync(join(generatedDir, 'minimal', 'dev', 'iam.sourcemap.json'), 'utf8')) as { statements: Record<string, { location: string }> };
    expect(iam?.statementLocations).toEqual(Object.fromEntries(Object.entries(committed.statements).map(([key, entry]) => [key, entry.location])));
    expect(Object.keys(iam?.statementLocations ?? {}).length).toBeGreaterThan(0);
  });

  const edit = (change: (manifest: { environments: { stacks: Record<string, unknown>[] }[] }) => void): string => {
    const manifest = JSON.parse(original) as { environments: { stacks: Record<string, unknown>[] }[] };
    change(manifest);
    return JSON.stringify(manifest);
  };

  it.each([
    { name: 'null', text: 'null', says: 'manifest must be an object' },
    { name: 'environments not a list', text: '{"platform":"minimal","environments":5}', says: 'manifest.environments must be a list' },
    { name: 'a stack without a template', text: edit((m) => delete m.environments[0]!.stacks[0]!['template']), says: 'manifest.environments[0].stacks[0].template must be a file name' },
    { name: 'a template outside the directory', text: edit((m) => (m.environments[0]!.stacks[0]!['template'] = '../../etc/passwd')), says: 'must stay inside' },
    { name: 'dependsOn not a list', text: edit((m) => (m.environments[0]!.stacks[0]!['dependsOn'] = 'iam')), says: 'dependsOn must be a list of strings' },
  ])('a manifest with $name is DEPLOY003: $says', ({ text, says }) => {
    writeFileSync(manifestPath(), text);
    const error = failure();
    expect(error).toBeInstanceOf(DeployError);
    expect(error).toMatchObject({ code: 'DEPLOY003' });
    expect((error as DeployError).message).toContain(says);
  });

  it.each([
    { file: 'dev/iam.template.json', text: 'null' },
    { file: 'dev/iam.parameters.json', text: '[null]' },
  ])('a damaged $file is DEPLOY003', ({ file, text }) => {
    writeFileSync(join(generatedDir, 'minimal', file), text);
    expect(failure()).toMatchObject({ code: 'DEPLOY003' });
  });

  it('loads without spec lines when the source map is damaged', () => {
    writeFileSync(join(generatedDir, 'minimal', 'dev/iam.sourcemap.json'), '{"resources":{"A":null}}');
    expect(load().stacks.find((s) => s.name === 'iam')?.locations).toEqual({});
    expect(load().stacks.find((s) => s.name === 'iam')?.statementLocations).toEqual({});
  });

  it('never throws anything but a DeployError, whatever JSON manifest.json holds', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      writeFileSync(manifestPath(), JSON.stringify(value) ?? 'null');
      const error = failure();
      return error === undefined || error instanceof DeployError;
    }), { numRuns: 200 });
  });
});
