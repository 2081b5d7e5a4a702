import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBase, listFilesAt, prefixInRepository, readSpecAt, revisionExists } from '../../compiler/git/git.js';

let dir: string;
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'platformc-git-'));
  mkdirSync(join(dir, 'infra', 'specs', 'nested'), { recursive: true });
  writeFileSync(join(dir, 'infra', 'specs', 'a.platform.yaml'), 'platform: a\n');
  writeFileSync(join(dir, 'infra', 'specs', 'nested', 'b c.platform.yaml'), 'platform: b\n');
  writeFileSync(join(dir, 'shared.platform.yaml'), 'platform: shared\n');
  // Links as git stores them: a chain inside the repository, one out of it, and a loop.
  symlinkSync('../../shared.platform.yaml', join(dir, 'infra', 'specs', 'inside.platform.yaml'));
  symlinkSync('inside.platform.yaml', join(dir, 'infra', 'specs', 'chain.platform.yaml'));
  symlinkSync('/srv/elsewhere.platform.yaml', join(dir, 'infra', 'specs', 'absolute.platform.yaml'));
  symlinkSync('../../../outside.platform.yaml', join(dir, 'infra', 'specs', 'up.platform.yaml'));
  symlinkSync('nested', join(dir, 'infra', 'specs', 'folder.platform.yaml'));
  symlinkSync('loop-b.platform.yaml', join(dir, 'infra', 'specs', 'loop-a.platform.yaml'));
  symlinkSync('loop-a.platform.yaml', join(dir, 'infra', 'specs', 'loop-b.platform.yaml'));
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'one');
  writeFileSync(join(dir, 'infra', 'specs', 'a.platform.yaml'), 'platform: changed\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading a revision from git', () => {
  it('lists and reads files at a revision relative to a subdirectory, not the working tree', async () => {
    const cwd = join(dir, 'infra');
    expect(await prefixInRepository({ cwd })).toBe('infra/');
    expect(await listFilesAt('HEAD', 'specs', { cwd })).toEqual([
      'specs/a.platform.yaml', 'specs/absolute.platform.yaml', 'specs/chain.platform.yaml', 'specs/folder.platform.yaml', 'specs/inside.platform.yaml',
      'specs/loop-a.platform.yaml', 'specs/loop-b.platform.yaml', 'specs/nested/b c.platform.yaml', 'specs/up.platform.yaml',
    ]);
    expect(await readSpecAt('HEAD', 'specs/a.platform.yaml', { cwd })).toEqual({ text: 'platform: a\n' });
    expect(await readSpecAt('HEAD', 'specs/nested/b c.platform.yaml', { cwd })).toEqual({ text: 'platform: b\n' });
    expect(await readSpecAt('HEAD', 'specs/none.platform.yaml', { cwd })).toBeUndefined();
  });

  it('follows symbolic links inside the repository, and names the target of one that leaves it', async () => {
    const cwd = join(dir, 'infra');
    expect(await readSpecAt('HEAD', 'specs/inside.platform.yaml', { cwd })).toEqual({ text: 'platform: shared\n' });
    expect(await readSpecAt('HEAD', 'specs/chain.platform.yaml', { cwd })).toEqual({ text: 'platform: shared\n' });
    expect(await readSpecAt('HEAD', 'specs/absolute.platform.yaml', { cwd })).toEqual({ outside: '/srv/elsewhere.platform.yaml' });
    expect(await readSpecAt('HEAD', 'specs/up.platform.yaml', { cwd })).toEqual({ outside: '../../../outside.platform.yaml' });
    expect(await readSpecAt('HEAD', 'specs/loop-a.platform.yaml', { cwd })).toBeUndefined();
    // A link to a folder is no spec.
    expect(await readSpecAt('HEAD', 'specs/folder.platform.yaml', { cwd })).toBeUndefined();
  });

  it('knows which revisions exist, refuses option-like names, and defaults to HEAD without origin/main', async () => {
    expect(await revisionExists('HEAD', { cwd: dir })).toBe(true);
    expect(await revisionExists('nope', { cwd: dir })).toBe(false);
    expect(await revisionExists('--all', { cwd: dir })).toBe(false);
    expect(await defaultBase({ cwd: dir })).toBe('HEAD');
    expect(await prefixInRepository({ cwd: tmpdir() })).toBeUndefined();
  });
});
