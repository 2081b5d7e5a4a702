/**
 * The remaining refusals, one per code: no credentials, no generated output, stale output, blocked validation,
 * a stack in a state only a person may resolve, a non-retryable API error, and no moto for --local.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeployGates } from '../../compiler/deploy/gates.js';
import { startLocalMoto } from '../../compiler/deploy/local-moto.js';
import { queryError, rewrite } from './fault-proxy.js';
import { deploy } from './harness.js';
import { useMotoSession } from './moto-session.js';

const session = useMotoSession();

const gate = (which: 'fresh' | 'validate', report: string): DeployGates => ({
  fresh: async () => ({ passed: which !== 'fresh', report: which === 'fresh' ? report : '' }),
  validate: async () => ({ passed: which !== 'validate', report: which === 'validate' ? report : '' }),
});

describe('refusals', () => {
  it('DEPLOY002: the caller identity cannot be read', async () => {
    session.proxy.rules = [{ action: 'GetCallerIdentity', handle: async () => queryError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403) }];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(run.code).toBe(1);
    expect(run.report.errors[0]?.code).toBe('DEPLOY002');
    expect(run.report.errors[0]?.message).toContain('InvalidClientTokenId');
  });

  it('DEPLOY003: there is no generated output', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'platformc-empty-'));
    try {
      const run = await deploy({ ...session.fixture, cwd: empty }, { endpointUrl: session.proxy.url, yes: true });
      expect(run.report.errors[0]?.code).toBe('DEPLOY003');
      expect(run.report.errors[0]?.hint).toBe('Run `platformc compile` and commit generated/, or point --out at the output directory.');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('--out takes an absolute path as it is, from any working directory', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'platformc-elsewhere-'));
    try {
      const run = await deploy({ ...session.fixture, cwd: elsewhere }, { endpointUrl: session.proxy.url, yes: true, dryRun: true, out: session.fixture.generatedDir });
      expect(run.report.errors).toEqual([]);
      expect(run.report.stacks.length).toBeGreaterThan(0);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('DEPLOY005: generated/ differs from a fresh compile, and nothing is touched', async () => {
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true }, { gates: gate('fresh', 'differs: demo/dev/iam.template.json\n') });
    expect(run.report.errors[0]?.code).toBe('DEPLOY005');
    expect(run.stderr).toContain('differs: demo/dev/iam.template.json');
    expect(session.proxy.count('DescribeStacks')).toBe(0);
  });

  it('DEPLOY006: validation blocks', async () => {
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true }, { gates: gate('validate', 'specs/demo.platform.yaml:3:5: SECURITY_WARNING AA001: ...\n') });
    expect(run.report.errors[0]?.code).toBe('DEPLOY006');
    expect(run.stderr).toContain('SECURITY_WARNING AA001');
    expect(session.proxy.count('CreateChangeSet')).toBe(0);
  });

  it('DEPLOY014: a stack in DELETE_FAILED is left to a person', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    session.proxy.reset();
    session.proxy.rules = [{ action: 'DescribeStacks', when: (p) => p.get('StackName') === 'demo-dev-logging', handle: rewrite((b) => b.replace(/<StackStatus>[A-Z_]+<\/StackStatus>/, '<StackStatus>DELETE_FAILED</StackStatus>')) }];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(run.report.stacks.find((s) => s.stack === 'logging')?.error?.code).toBe('DEPLOY014');
    expect(session.proxy.count('DeleteStack')).toBe(0);
  });

  it('DEPLOY016: a non-retryable API error names the call and the AWS code', async () => {
    session.proxy.rules = [{ action: 'CreateChangeSet', handle: async () => queryError('AccessDenied', 'User is not authorized to perform cloudformation:CreateChangeSet', 403) }];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true, concurrency: 1 });
    const failed = run.report.stacks.find((s) => s.error?.code === 'DEPLOY016');
    expect(failed?.error?.message).toMatch(/^CreateChangeSet failed for demo-dev-\w+: AccessDenied: User is not authorized/);
    // Once for each of the three stacks planned up front: access errors are not retried.
    expect(session.proxy.count('CreateChangeSet')).toBe(3);
    expect(session.proxy.count('ExecuteChangeSet')).toBe(0);
  });

  it('DEPLOY016, not DEPLOY011: ExecuteChangeSet refused before anything started', async () => {
    session.proxy.rules = [{ action: 'ExecuteChangeSet', handle: async () => queryError('AccessDenied', 'User is not authorized to perform cloudformation:ExecuteChangeSet', 403) }];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true, concurrency: 1 });
    expect(run.code).toBe(1);
    const failed = run.report.stacks.find((s) => s.error !== undefined);
    expect(failed?.error?.code).toBe('DEPLOY016');
    expect(failed?.error?.message).toMatch(/^ExecuteChangeSet failed for demo-dev-\w+: AccessDenied/);
  });

  it('DEPLOY020: --local without moto says how to install it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'platformc-nomoto-'));
    try {
      await expect(startLocalMoto({ cwd: empty, env: { PATH: empty }, account: '111111111111' })).rejects.toMatchObject({ code: 'DEPLOY020' });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
