import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBase, listFilesAt, prefixInRepository, readFileAt, revisionExists } from '../../compiler/git/git.js';

let dir: string;
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'platformc-git-'));
  mkdirSync(join(dir, 'infra', 'specs', 'nested'), { recursive: true });
  writeFileSync(join(dir, 'infra', 'specs', 'a.platform.yaml'), 'platform: a\n');
  writeFileSync(join(dir, 'infra', 'specs', 'nested', 'b c.platform.yaml'), 'platform: b\n');
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
    expect(await listFilesAt('HEAD', 'specs', { cwd })).toEqual(['specs/a.platform.yaml', 'specs/nested/b c.platform.yaml']);
    expect(await readFileAt('HEAD', 'specs/a.platform.yaml', { cwd })).toBe('platform: a\n');
    expect(await readFileAt('HEAD', 'specs/none.platform.yaml', { cwd })).toBeUndefined();
  });

  it('knows which revisions exist, refuses option-like names, and defaults to HEAD without origin/main', async () => {
    expect(await revisionExists('HEAD', { cwd: dir })).toBe(true);
    expect(await revisionExists('nope', { cwd: dir })).toBe(false);
    expect(await revisionExists('--all', { cwd: dir })).toBe(false);
    expect(await defaultBase({ cwd: dir })).toBe('HEAD');
    expect(await prefixInRepository({ cwd: tmpdir() })).toBeUndefined();
  });
});
