/**
 * An environment removed from the spec, against moto with the real SDK: the manifest no longer names it, so
 * `deploy <env> --prune --account --region` says where its stacks are. All of them are left over and deleted,
 * importers first, once the environment's name is typed; stacks of the environments that remain are not touched.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoEnv, PLATFORM } from './fixture-builder.js';
import { deploy } from './harness.js';
import { useMotoSession } from './moto-session.js';

const session = useMotoSession();
const RETIRED = { prune: true, account: '111111111111', region: 'us-east-1' } as const;

async function liveStacks(): Promise<string[]> {
  const client = new CloudFormationClient({ region: 'us-east-1', endpoint: session.moto.url, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  const out = await client.send(new DescribeStacksCommand({}));
  return (out.Stacks ?? []).filter((s) => s.StackStatus !== 'DELETE_COMPLETE').map((s) => s.StackName ?? '').sort();
}

/** Deploys dev and qa, then writes generated/ with qa only: dev has been removed from the spec. */
async function deployThenRemoveDev(): Promise<void> {
  session.fixture.write([demoEnv(), demoEnv({ name: 'qa' })]);
  for (const env of ['dev', 'qa']) expect((await deploy(session.fixture, { env, endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
  session.fixture.write([demoEnv({ name: 'qa' })]);
  session.proxy.reset();
}

const deleted = (): string[] => session.proxy.log.filter((c) => c.action === 'DeleteStack').map((c) => /stack\/([^/]+)\//.exec(c.target)?.[1] ?? c.target);

describe('an environment removed from the spec', () => {
  it('deletes every stack of it, importers first, after its name is typed, and nothing of the others', async () => {
    await deployThenRemoveDev();
    const declined = await deploy(session.fixture, { env: 'dev', endpointUrl: session.proxy.url, ...RETIRED, answers: ['yes'] });
    expect(declined.code).toBe(1);
    expect(declined.prompts).toEqual(['dev is no longer in the spec: its stacks above are deleted. Type the environment name (dev) to delete them: ']);
    expect(session.proxy.count('DeleteStack')).toBe(0);

    const run = await deploy(session.fixture, { env: 'dev', endpointUrl: session.proxy.url, ...RETIRED, answers: ['dev'] });
    expect(run.code, JSON.stringify(run.report.errors)).toBe(0);
    expect(run.report.stacks).toEqual([]);
    expect(run.report.leftovers?.map((l) => [l.stackName, l.result]).sort()).toEqual(
      ['hosts', 'iam', 'logging', 'network'].map((s) => [`${PLATFORM}-dev-${s}`, 'deleted']),
    );
    // hosts imports from iam and network: it goes before them.
    const order = deleted();
    expect(order.indexOf(`${PLATFORM}-dev-hosts`)).toBeLessThan(order.indexOf(`${PLATFORM}-dev-network`));
    expect(order.indexOf(`${PLATFORM}-dev-hosts`)).toBeLessThan(order.indexOf(`${PLATFORM}-dev-iam`));
    expect(await liveStacks()).toEqual(['hosts', 'iam', 'logging', 'network'].map((s) => `${PLATFORM}-qa-${s}`));
  });

  it('shows what would go with --dry-run and deletes nothing', async () => {
    await deployThenRemoveDev();
    const run = await deploy(session.fixture, { env: 'dev', endpointUrl: session.proxy.url, ...RETIRED, dryRun: true, format: 'text' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toContain(`dev is no longer in ${PLATFORM}'s spec (account 111111111111, us-east-1): every stack of it found there is left over.`);
    expect(run.stdout + run.stderr).toContain(`${PLATFORM}-dev-hosts (CREATE_COMPLETE): 1 resource; deleted by --prune\n`);
    expect(session.proxy.count('DeleteStack')).toBe(0);
    expect(await liveStacks()).toHaveLength(8);
  });

  it('refuses credentials of another account than --account names, before looking at any stack', async () => {
    await deployThenRemoveDev();
    const run = await deploy(session.fixture, { env: 'dev', endpointUrl: session.proxy.url, ...RETIRED, account: '222222222222', yes: true });
    expect(run.code).toBe(1);
    expect(run.report.errors[0]?.code).toBe('DEPLOY001');
    expect(session.proxy.count('ListStacks')).toBe(0);
  });

  it('works for a platform whose spec and output are gone, named with --platform', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    rmSync(join(session.fixture.generatedDir, PLATFORM), { recursive: true });
    mkdirSync(join(session.fixture.generatedDir, 'other'), { recursive: true });
    writeFileSync(join(session.fixture.generatedDir, 'other', 'manifest.json'), '{}');
    session.proxy.reset();
    const run = await deploy(session.fixture, { env: 'dev', platform: PLATFORM, endpointUrl: session.proxy.url, ...RETIRED, yes: true });
    expect(run.code, JSON.stringify(run.report.errors)).toBe(0);
    expect(run.report.leftovers?.map((l) => l.result)).toEqual(['deleted', 'deleted', 'deleted', 'deleted']);
    expect(await liveStacks()).toEqual([]);
    const unnamed = await deploy(session.fixture, { env: 'dev', platform: 'Not_A_Platform', endpointUrl: session.proxy.url, ...RETIRED, yes: true });
    expect(unnamed.report.errors[0]).toMatchObject({ code: 'DEPLOY004', message: '--platform Not_A_Platform is not a platform name' });
  });

  it('says how to delete its stacks when deploy is pointed at it without --account and --region', async () => {
    await deployThenRemoveDev();
    const run = await deploy(session.fixture, { env: 'dev', endpointUrl: session.proxy.url, prune: true, yes: true });
    expect(run.code).toBe(1);
    expect(run.report.errors[0]).toMatchObject({ code: 'DEPLOY004', hint: expect.stringContaining('platformc deploy dev --prune --account <id> --region <region>') as unknown as string });
  });

  it('refuses --account and --region for an environment the manifest still has', async () => {
    await deployThenRemoveDev();
    const run = await deploy(session.fixture, { env: 'qa', endpointUrl: session.proxy.url, ...RETIRED, yes: true });
    expect(run.code).toBe(1);
    expect(run.report.errors[0]?.message).toContain('environment "qa" is in demo\'s manifest (account 111111111111, us-east-1)');
    expect(session.proxy.count('DeleteStack')).toBe(0);
  });

  it.each([
    ['--account without --region', { prune: true, account: '111111111111' }],
    ['--region without --account', { prune: true, region: 'us-east-1' }],
    ['both without --prune', { account: '111111111111', region: 'us-east-1' }],
  ])('is a usage error: %s', async (_name, flags) => {
    const run = await deploy(session.fixture, { env: 'gone', endpointUrl: session.proxy.url, yes: true, format: 'text', ...flags });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--account and --region go together, with --prune');
  });
});
