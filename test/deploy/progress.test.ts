/**
 * Progress output: plain lines for logs and CI, a live block redrawn in place on a terminal, with failures kept
 * as lines above it; and the final text summary.
 */
import { describe, expect, it } from 'vitest';
import { colors } from '../../compiler/cli/io.js';
import { liveProgress, plainProgress } from '../../compiler/deploy/progress.js';
import { renderDeployText } from '../../compiler/deploy/render-report.js';

const c = colors(false);
const event = (status: string, logicalId: string, reason?: string) => ({ eventId: logicalId + status, timestamp: new Date(0), logicalId, resourceType: 'AWS::Logs::LogGroup', status, reason });

describe('progress', () => {
  it('writes one plain line per event with counts and elapsed time', () => {
    let out = '';
    let now = 0;
    const p = plainProgress({ write: (t) => (out += t), colors: c, now: () => now });
    now = 65_000;
    p.event('demo-dev-logging', event('CREATE_COMPLETE', 'HostLogs'), { done: 1, total: 2 });
    p.finished('demo-dev-logging', 'CREATE_COMPLETE');
    expect(out).toBe('[1:05] demo-dev-logging 1/2 CREATE_COMPLETE HostLogs AWS::Logs::LogGroup\n[1:05] demo-dev-logging: CREATE_COMPLETE\n');
  });

  it('redraws one line per running stack in place and keeps failures above', () => {
    const writes: string[] = [];
    const p = liveProgress({ write: (t) => writes.push(t), colors: c, now: () => 0 });
    p.event('a', event('CREATE_IN_PROGRESS', 'X'), { done: 0, total: 2 });
    p.event('b', event('CREATE_IN_PROGRESS', 'Y'), { done: 0, total: 1 });
    p.event('a', event('CREATE_FAILED', 'X', 'bad value'), { done: 0, total: 2 });
    expect(writes[0]).toBe('0:00 a 0/2 CREATE_IN_PROGRESS X\n');
    expect(writes[1]).toBe('\x1b[1A\x1b[J0:00 a 0/2 CREATE_IN_PROGRESS X\n0:00 b 0/1 CREATE_IN_PROGRESS Y\n');
    expect(writes[2]).toBe('\x1b[2A\x1b[Jx a X: bad value\n0:00 a 0/2 CREATE_FAILED X\n0:00 b 0/1 CREATE_IN_PROGRESS Y\n');
    p.close();
    expect(writes[3]).toBe('\x1b[2A\x1b[J');
  });
});

describe('renderDeployText', () => {
  it('summarizes each stack with outputs and errors, and says how to resume after an interrupt', () => {
    const text = renderDeployText(
      {
        platform: 'demo',
        env: 'dev',
        account: '111111111111',
        region: 'us-east-1',
        dryRun: false,
        changeSetsCreated: 2,
        elapsedMs: 4200,
        errors: [],
        exitCode: 1,
        stacks: [
          { stack: 'iam', stackName: 'demo-dev-iam', result: 'created', changes: [], outputs: [{ key: 'RoleArn', value: 'arn:aws:iam::1:role/r' }], protection: [], elapsedMs: 1500 },
          { stack: 'hosts', stackName: 'demo-dev-hosts', result: 'interrupted', changes: [], outputs: [], protection: [], error: { code: 'DEPLOY021', message: 'interrupted while demo-dev-hosts is CREATE_IN_PROGRESS', notes: [] } },
        ],
      },
      c,
    );
    expect(text).toContain('  demo-dev-iam: created in 1.5 s\n    RoleArn = arn:aws:iam::1:role/r\n');
    expect(text).toContain('    error DEPLOY021: interrupted while demo-dev-hosts is CREATE_IN_PROGRESS\n');
    expect(text).toContain('failed: 1 created, 1 interrupted; 2 change set(s) created; 4.2 s');
    expect(text).toContain('Run the same command again');
  });
});
