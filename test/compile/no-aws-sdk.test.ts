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
  it.each([
    ['bundled', '1'],
    ['from the tsc output', '0'],
  ])('never loads the AWS SDK (%s)', (_, bundle) => {
    const cwd = mkdtempSync(join(tmpdir(), 'platformc-nosdk-'));
    try {
      mkdirSync(join(cwd, 'specs'));
      writeFileSync(join(cwd, 'specs', 'cloudstack.platform.yaml'), exampleVariant({ environments: 2, hypervisors: [2], roles: 1 }));
      const child = spawnSync(process.execPath, ['--import', join(root, 'test/compile/fixtures/register-forbid-aws-sdk.mjs'), join(root, 'bin/platformc.cjs'), 'compile'], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', PLATFORMC_BUNDLE: bundle },
      });
      expect(child.stderr).not.toContain('the AWS SDK was loaded');
      expect(child.status, child.stderr).toBe(0);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it.each([
    ['an ES module import', ['--input-type=module', '-e', "await import('@aws-sdk/client-sts')"]],
    ['a CommonJS require (the bundled CLI)', ['-e', "require('@aws-sdk/client-sts')"]],
  ])('is caught by the hook when the SDK is loaded through %s (the test can fail)', (_, args) => {
    const child = spawnSync(process.execPath, ['--import', join(root, 'test/compile/fixtures/register-forbid-aws-sdk.mjs'), ...args], { cwd: root, encoding: 'utf8' });
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain('the AWS SDK was loaded: @aws-sdk/client-sts');
  });
});
