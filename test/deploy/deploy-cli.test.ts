/**
 * The command line: flags reach deploy, usage errors exit 2, `--local` starts its own moto server with the
 * environment's account, deploys to it and stops it again.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../compiler/cli/io.js';
import { runCli } from '../../compiler/cli/main.js';
import { parseOutputsProfiles } from '../../compiler/cli/commands/deploy.js';
import { createFixture, demoEnv, type Fixture } from './fixture-builder.js';
import { deploy } from './harness.js';

let fixture: Fixture | undefined;
afterEach(() => fixture?.remove());

function capture(cwd: string): { io: CliIo; out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    io: { cwd, env: { NO_COLOR: '1' }, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } },
    out: () => stdout,
    err: () => stderr,
  };
}

const listening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('platformc deploy (command line)', () => {
  it('documents its flags with examples', async () => {
    const c = capture(process.cwd());
    expect(await runCli(['deploy', '--help'], c.io)).toBe(0);
    for (const flag of ['--yes', '--dry-run', '--concurrency', '--role-arn', '--artifact-bucket', '--replace-failed', '--skip-access-analyzer', '--local', '--endpoint-url', '--timeout', '--format', '--create-only', '--plan', '--execute-plan', '--prune']) {
      expect(c.out()).toContain(flag);
    }
    expect(c.out()).toContain('platformc deploy dev --local');
  });

  it('rejects bad flag values and contradictory flags as usage errors', async () => {
    fixture = createFixture([demoEnv()]);
    const bad = capture(fixture.cwd);
    expect(await runCli(['deploy', 'dev', '--concurrency', '0'], bad.io)).toBe(2);
    const both = capture(fixture.cwd);
    expect(await runCli(['deploy', 'dev', '--local', '--endpoint-url', 'http://127.0.0.1:1'], both.io)).toBe(2);
    expect(both.err()).toContain('exclude each other');
    const phases = capture(fixture.cwd);
    expect(await runCli(['deploy', 'dev', '--create-only', '--execute-plan', 'plan-dev.json'], phases.io)).toBe(2);
    // Deleting stacks is a person's one-shot act, never part of a plan carried past an approval.
    for (const phase of [['--create-only'], ['--execute-plan', 'plan-dev.json']]) {
      const pruning = capture(fixture.cwd);
      expect(await runCli(['deploy', 'dev', '--prune', ...phase, '--endpoint-url', 'http://127.0.0.1:1'], pruning.io)).toBe(2);
      expect(pruning.err()).toMatch(/option '--prune' cannot be used with option '--(create-only|execute-plan)/);
    }
    const stray = capture(fixture.cwd);
    expect(await runCli(['deploy', 'dev', '--plan', 'plan-dev.json', '--endpoint-url', 'http://127.0.0.1:1'], stray.io)).toBe(2);
    expect(stray.err()).toContain('--plan names the file --create-only writes');
    const profile = capture(fixture.cwd);
    expect(await runCli(['deploy', 'dev', '--outputs-profile', 'dev', '--endpoint-url', 'http://127.0.0.1:1'], profile.io)).toBe(2);
    expect(profile.err()).toContain('expected <env>=<profile>, got "dev"');
  });

  it.each([
    [['dev=a'], { dev: 'a' }],
    [['dev=a,dr=b'], { dev: 'a', dr: 'b' }],
    [['dev=a', 'dr=b', 'dev=c'], { dev: 'c', dr: 'b' }],
  ])('parses --outputs-profile %j', (values, expected) => {
    expect(values.reduce<Readonly<Record<string, string>>>((previous, value) => parseOutputsProfiles(value, previous), {})).toEqual(expected);
  });

  it('names the environments when the one asked for is unknown', async () => {
    fixture = createFixture([demoEnv()]);
    const c = capture(fixture.cwd);
    expect(await runCli(['deploy', 'staging', '--endpoint-url', 'http://127.0.0.1:1', '--format', 'json'], c.io)).toBe(1);
    const report = JSON.parse(c.out()) as { errors: { code: string; message: string }[] };
    expect(report.errors[0]?.code).toBe('DEPLOY004');
    expect(report.errors[0]?.message).toContain('environments: dev');
  });

  it('names the platforms there are when the one asked for has no manifest', async () => {
    fixture = createFixture([demoEnv()]);
    const c = capture(fixture.cwd);
    expect(await runCli(['deploy', 'dev', '--platform', 'other', '--endpoint-url', 'http://127.0.0.1:1', '--format', 'json'], c.io)).toBe(1);
    const report = JSON.parse(c.out()) as { errors: { code: string; message: string; hint?: string }[] };
    expect(report.errors[0]?.code).toBe('DEPLOY004');
    expect(report.errors[0]?.hint).toMatch(/^Platforms in .*generated\/: \w/);
  });

  it('--local runs moto for the environment account, deploys to it and stops it', async () => {
    fixture = createFixture([demoEnv({ account: '333333333333' })]);
    const run = await deploy(fixture, { endpointUrl: undefined as unknown as string, local: true, yes: true });
    expect(run.code, run.stdout).toBe(0);
    expect(run.report.account).toBe('333333333333');
    expect(run.report.stacks.every((s) => s.result === 'created')).toBe(true);
    const port = Number(/moto server on http:\/\/127\.0\.0\.1:(\d+)/.exec(run.stderr)?.[1]);
    expect(port).toBeGreaterThan(0);
    expect(await listening(port)).toBe(false);
  });

  it('--local deploys a protected environment, noting the protection moto cannot apply', async () => {
    fixture = createFixture([demoEnv({ protect: true })]);
    const calls: string[] = [];
    const run = await deploy(fixture, { endpointUrl: undefined as unknown as string, local: true, answers: ['dev'] }, { onCall: (_service, command) => calls.push(command) });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stderr).toContain('protection not applied (the local endpoint does not implement it)');
    // One attempt per stack, not the retries with backoff used against AWS.
    expect(calls.filter((c) => c === 'UpdateTerminationProtection')).toHaveLength(4);
  });
});
