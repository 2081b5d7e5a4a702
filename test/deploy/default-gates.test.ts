/**
 * Deploy's freshness gate on a real project directory: it passes on output just compiled, and fails (naming the
 * file) when a committed file was edited or when output of a platform without a spec is left behind.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultGates } from '../../compiler/deploy/default-gates.js';

let cwd: string;
const fresh = () => defaultGates({ local: true }).fresh({ cwd, generatedDir: join(cwd, 'generated') });

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'platformc-gates-'));
  mkdirSync(join(cwd, 'specs'));
  cpSync('specs/minimal.platform.yaml', join(cwd, 'specs/minimal.platform.yaml'));
  cpSync('generated/minimal', join(cwd, 'generated/minimal'), { recursive: true });
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

describe('the freshness gate', () => {
  it('passes on the committed output of the spec', async () => {
    expect(await fresh()).toEqual({ passed: true, report: '' });
  });

  it('fails on an edited file', async () => {
    appendFileSync(join(cwd, 'generated/minimal/manifest.json'), ' ');
    const result = await fresh();
    expect(result.passed).toBe(false);
    expect(result.report).toContain('generated/minimal/manifest.json');
  });

  it('fails on output of a platform whose spec is gone', async () => {
    mkdirSync(join(cwd, 'generated/retired'));
    writeFileSync(join(cwd, 'generated/retired/manifest.json'), '{}\n');
    const result = await fresh();
    expect(result.passed).toBe(false);
    expect(result.report).toContain('generated/retired/manifest.json');
    expect(result.report).toContain('rm -r generated/retired && platformc compile');
  });

  it('ignores a folder under generated/ that is not platform output', async () => {
    mkdirSync(join(cwd, 'generated/notes'));
    writeFileSync(join(cwd, 'generated/notes/README.md'), 'hand-written\n');
    expect((await fresh()).passed).toBe(true);
  });
});
