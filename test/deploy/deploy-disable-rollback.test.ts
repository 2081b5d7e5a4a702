/**
 * Stack failure options against moto with the real SDK, the proxy in front standing in for what moto does not
 * do (a failed operation, RollbackStack): --disable-rollback executes change sets with DisableRollback, a failure
 * keeps what succeeded and says how to go on; the next deploy retries an unchanged failed stack as it was
 * (UpdateStack with the previous template and values); --rollback rolls failed stacks back and touches nothing
 * else; a plan cannot hold a retry (DEPLOY028).
 */
import { describe, expect, it } from 'vitest';
import { queryResult, rewrite, type ProxyRule } from './fault-proxy.js';
import { demoEnv, type FixtureEnv } from './fixture-builder.js';
import { deploy } from './harness.js';
import { useMotoSession } from './moto-session.js';

const session = useMotoSession();
const HOSTS = 'demo-dev-hosts';

/** The demo environment with a new description on the hosts' security group: an update of hosts only. */
function hostsChanged(): FixtureEnv {
  const env = demoEnv();
  return {
    ...env,
    stacks: env.stacks.map((s) => (s.name === 'hosts'
      ? { ...s, resources: { HostGroup: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: { 'Fn::Sub': 'hosts v2 of ${ImageId}' } } } } }
      : s)),
  };
}

/** DescribeStacks of hosts shows `status()` whenever it returns one. */
function hostsStatus(status: () => string | undefined): ProxyRule {
  return {
    action: 'DescribeStacks',
    when: (p) => p.get('StackName') === HOSTS && status() !== undefined,
    handle: rewrite((b) => b.replace(/<StackStatus>[A-Z_]+<\/StackStatus>/, `<StackStatus>${status() ?? ''}</StackStatus>`)),
  };
}

/** Records the parameters of every call of `action` and answers for moto, which does not implement it. */
function recording(action: string, seen: URLSearchParams[], reply: () => ReturnType<typeof queryResult>): ProxyRule {
  return {
    action,
    handle: async ({ params }) => {
      seen.push(params);
      return reply();
    },
  };
}

async function deployedThenChanged(): Promise<void> {
  expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
  session.fixture.write([hostsChanged()]);
  session.proxy.reset();
}

describe('--disable-rollback', () => {
  it('keeps a failed update, retries it as it was on the next deploy, and says how at each step', async () => {
    await deployedThenChanged();
    // 1. The update fails after ExecuteChangeSet; with rollback disabled the stack stays UPDATE_FAILED.
    const executes: URLSearchParams[] = [];
    let failed = false;
    session.proxy.rules = [
      {
        action: 'ExecuteChangeSet',
        handle: async ({ params, forward }) => {
          executes.push(params);
          const up = await forward();
          failed = true;
          return { status: up.status, body: up.body, contentType: 'text/xml' };
        },
      },
      hostsStatus(() => (failed ? 'UPDATE_FAILED' : undefined)),
    ];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true, disableRollback: true });
    expect(run.code).toBe(1);
    expect(executes.map((p) => [p.get('StackName'), p.get('DisableRollback')])).toEqual([[HOSTS, 'true']]);
    const hosts = run.report.stacks.find((s) => s.stack === 'hosts');
    expect(hosts?.error?.code).toBe('DEPLOY011');
    expect(hosts?.error?.message).toContain('update failed (UPDATE_FAILED)');
    expect(hosts?.error?.hint).toContain('What succeeded is kept (--disable-rollback)');
    expect(hosts?.error?.hint).toContain('`platformc deploy dev --rollback`');

    // 2. Nothing new in generated/: the next deploy retries the operation with the previous template and values.
    session.proxy.reset();
    const updates: URLSearchParams[] = [];
    let retried = false;
    session.proxy.rules = [
      recording('UpdateStack', updates, () => { retried = true; return queryResult('UpdateStack', `<StackId>${HOSTS}</StackId>`); }),
      hostsStatus(() => (retried ? 'UPDATE_COMPLETE' : 'UPDATE_FAILED')),
    ];
    const again = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true, disableRollback: true, format: 'text' });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain(`~ ${HOSTS}: retry: UPDATE_FAILED (its last operation failed with rollback disabled); the same template runs again from the point of failure`);
    expect(again.stdout).toContain(`${HOSTS}: updated`);
    expect(session.proxy.count('CreateChangeSet')).toBe(0);
    const [update] = updates;
    expect(update?.get('UsePreviousTemplate')).toBe('true');
    expect(update?.get('DisableRollback')).toBe('true');
    expect(update?.get('Parameters.member.1.ParameterKey')).toBe('ImageId');
    expect(update?.get('Parameters.member.1.UsePreviousValue')).toBe('true');
    expect(update?.get('Capabilities.member.1')).toBe('CAPABILITY_NAMED_IAM');
  });

  it('cannot be carried by a plan: --create-only refuses to plan a retry (DEPLOY028)', async () => {
    await deployedThenChanged();
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    session.proxy.rules = [hostsStatus(() => 'UPDATE_FAILED')];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, createOnly: true, plan: 'plan-dev.json' });
    expect(run.code).toBe(1);
    const hosts = run.report.stacks.find((s) => s.stack === 'hosts');
    expect(hosts?.error?.code).toBe('DEPLOY028');
    expect(hosts?.error?.hint).toContain('`platformc deploy dev --rollback`');
  });
});

describe('--rollback', () => {
  it('rolls back only the stacks left failed, after confirmation, and makes no change set', async () => {
    await deployedThenChanged();
    const rollbacks: URLSearchParams[] = [];
    let rolled = false;
    session.proxy.rules = [
      recording('RollbackStack', rollbacks, () => { rolled = true; return queryResult('RollbackStack', `<StackId>${HOSTS}</StackId>`); }),
      hostsStatus(() => (rolled ? 'UPDATE_ROLLBACK_COMPLETE' : 'UPDATE_FAILED')),
    ];
    const declined = await deploy(session.fixture, { endpointUrl: session.proxy.url, rollback: true, answers: ['n'], format: 'text' });
    expect(declined.code).toBe(1);
    expect(declined.prompts).toEqual(['Roll back these stacks of dev? [y/N] ']);
    expect(declined.stdout).toContain(`${HOSTS} (UPDATE_FAILED): back to its last stable state`);
    expect(rollbacks).toHaveLength(0);

    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, rollback: true, yes: true });
    expect(run.code, JSON.stringify(run.report.errors)).toBe(0);
    expect(rollbacks.map((p) => p.get('StackName'))).toEqual([HOSTS]);
    expect(run.report.stacks.map((s) => [s.stack, s.result])).toEqual([['hosts', 'rolled back'], ['iam', 'unchanged'], ['network', 'unchanged'], ['logging', 'unchanged']]);
    expect(session.proxy.count('CreateChangeSet')).toBe(0);
    expect(session.proxy.count('ExecuteChangeSet')).toBe(0);
  });

  it('says so when nothing is failed, and changes nothing', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    session.proxy.reset();
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, rollback: true, yes: true, format: 'text' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No stack of dev is in CREATE_FAILED or UPDATE_FAILED: nothing to roll back.');
    expect(session.proxy.count('RollbackStack')).toBe(0);
  });

  it('DEPLOY029: a rollback that cannot finish names the stack and stops', async () => {
    await deployedThenChanged();
    let rolled = false;
    session.proxy.rules = [
      recording('RollbackStack', [], () => { rolled = true; return queryResult('RollbackStack', `<StackId>${HOSTS}</StackId>`); }),
      hostsStatus(() => (rolled ? 'UPDATE_ROLLBACK_FAILED' : 'UPDATE_FAILED')),
    ];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, rollback: true, yes: true });
    expect(run.code).toBe(1);
    const hosts = run.report.stacks.find((s) => s.stack === 'hosts');
    expect(hosts?.result).toBe('failed');
    expect(hosts?.error?.code).toBe('DEPLOY029');
    expect(hosts?.error?.message).toBe(`${HOSTS}: the rollback ended in UPDATE_ROLLBACK_FAILED`);
  });

  it.each([
    ['--rollback with --prune', { rollback: true, prune: true }],
    ['--disable-rollback with --create-only', { disableRollback: true, createOnly: true }],
  ])('is a usage error: %s', async (_name, flags) => {
    const { runCli } = await import('../../compiler/cli/main.js');
    let stderr = '';
    const args = ['deploy', 'dev', ...Object.keys(flags).map((k) => `--${k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`)];
    const code = await runCli(args, { cwd: session.fixture.cwd, env: {}, stdout: { write: () => true }, stderr: { write: (t: string) => { stderr += t; return true; } } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot be used with option/);
  });
});
