/**
 * Compile must stay fast and work offline: nothing on its path may load the AWS SDK. The built CLI runs as a
 * real process with a resolution hook that fails on any @aws-sdk or @smithy import.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exampleVariant } from '../properties/spec-variants.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('platformc compile', () => {
  it('never loads the AWS SDK', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'platformc-nosdk-'));
    try {
      mkdirSync(join(cwd, 'specs'));
      writeFileSync(join(cwd, 'specs', 'cloudstack.platform.yaml'), exampleVariant({ environments: 2, hypervisors: [2], roles: 1 }));
      const child = spawnSync(process.execPath, ['--import', join(root, 'test/compile/fixtures/register-forbid-aws-sdk.mjs'), join(root, 'bin/platformc.js'), 'compile'], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(child.stderr).not.toContain('the AWS SDK was loaded');
      expect(child.status, child.stderr).toBe(0);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('is caught by the hook when the SDK is loaded (the test can fail)', () => {
    const child = spawnSync(process.execPath, ['--import', join(root, 'test/compile/fixtures/register-forbid-aws-sdk.mjs'), '--input-type=module', '-e', "await import('@aws-sdk/client-sts')"], { cwd: root, encoding: 'utf8' });
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain('the AWS SDK was loaded: @aws-sdk/client-sts');
  });
});
