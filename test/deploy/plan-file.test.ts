/**
 * The plan file read back by --execute-plan: every defect is DEPLOY025, a plan for other content or another
 * environment is DEPLOY024, and a written plan reads back unchanged.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeployError } from '../../compiler/deploy/deploy-error.js';
import { checkPlanMatches } from '../../compiler/deploy/execute-plan.js';
import type { EnvironmentPlan } from '../../compiler/deploy/load-plan.js';
import { readPlanFile, writePlanFile, type DeployPlanFile } from '../../compiler/deploy/plan-file.js';

const dir = mkdtempSync(join(tmpdir(), 'platformc-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HASH = 'a'.repeat(64);
const PLAN: DeployPlanFile = {
  format: 1,
  platform: 'demo',
  env: 'dev',
  account: '111111111111',
  region: 'us-east-1',
  stacks: [
    { stack: 'iam', stackName: 'demo-dev-iam', contentHash: HASH, action: 'change-set', changeSetType: 'UPDATE', changeSetName: 'platformc-aaaaaaaaaaaa', changeSetId: 'arn:cs' },
    { stack: 'logging', stackName: 'demo-dev-logging', contentHash: HASH, action: 'unchanged' },
    { stack: 'hosts', stackName: 'demo-dev-hosts', contentHash: HASH, action: 'deferred', changeSetType: 'CREATE' },
  ],
  broadening: ['iam: ShipperRole allows s3:PutObject on arn:aws:s3:::archive/*'],
  risks: ['demo-dev-hosts/Hypervisor01Instance stopped and started: UserData changes'],
};

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof DeployError ? error.code : 'not a DeployError';
  }
}

function fileWith(text: string): string {
  const path = join(dir, `plan-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, text);
  return path;
}

describe('plan file', () => {
  it('reads back what it wrote', () => {
    const path = join(dir, 'plan.json');
    writePlanFile(path, PLAN);
    expect(readPlanFile(path)).toEqual(PLAN);
  });

  it('reads a plan written before risks were recorded as one without risks', () => {
    const { risks: _risks, ...older } = PLAN;
    expect(readPlanFile(fileWith(JSON.stringify(older)))).toEqual({ ...PLAN, risks: [] });
  });

  it.each([
    ['a missing file', undefined],
    ['not JSON', '{'],
    ['another format', JSON.stringify({ ...PLAN, format: 2 })],
    ['no account', JSON.stringify({ ...PLAN, account: undefined })],
    ['stacks not a list', JSON.stringify({ ...PLAN, stacks: {} })],
    ['no broadening list', JSON.stringify({ ...PLAN, broadening: undefined })],
    ['risks not a list of strings', JSON.stringify({ ...PLAN, risks: [1] })],
    ['an unknown action', JSON.stringify({ ...PLAN, stacks: [{ ...PLAN.stacks[1], action: 'delete', changeSetType: 'UPDATE' }] })],
    ['a change set without its id', JSON.stringify({ ...PLAN, stacks: [{ ...PLAN.stacks[0], changeSetId: undefined }] })],
    ['a deferred stack without a type', JSON.stringify({ ...PLAN, stacks: [{ ...PLAN.stacks[2], changeSetType: 'DELETE' }] })],
  ])('refuses %s with DEPLOY025', (_what, text) => {
    const path = text === undefined ? join(dir, 'missing.json') : fileWith(text);
    expect(codeOf(() => readPlanFile(path))).toBe('DEPLOY025');
  });

  const environment = (hashes: Record<string, string>, env = 'dev'): EnvironmentPlan =>
    ({
      platform: 'demo',
      environment: { name: env, account: '111111111111', region: 'us-east-1' },
      stacks: Object.entries(hashes).map(([name, contentHash]) => ({ name, stackName: `demo-${env}-${name}`, contentHash })),
    }) as unknown as EnvironmentPlan;

  it.each([
    ['the same content', environment({ iam: HASH, logging: HASH, hosts: HASH }), undefined],
    ['a changed template', environment({ iam: HASH, logging: 'b'.repeat(64), hosts: HASH }), 'DEPLOY024'],
    ['a stack added since', environment({ iam: HASH, logging: HASH, hosts: HASH, dns: HASH }), 'DEPLOY024'],
    ['a stack removed since', environment({ iam: HASH, logging: HASH }), 'DEPLOY024'],
    ['another environment', environment({ iam: HASH, logging: HASH, hosts: HASH }, 'prod'), 'DEPLOY024'],
  ])('a plan checked against %s', (_what, env, code) => {
    expect(codeOf(() => checkPlanMatches(PLAN, env))).toBe(code);
  });
});
