/**
 * The installed entry point, as a separate process: `bin/platformc.cjs` runs the built CLI from dist/, finds its
 * templates from there, and exits with the code of the command. (`npm test` builds dist/ first.)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshProject, REPO, userEnv, type Project } from './cli-driver.js';

const built = existsSync(join(REPO, 'dist/cli/main.js'));

function platformcProcess(cwd: string, args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(REPO, 'bin/platformc.cjs'), ...args], { cwd, env: userEnv({ NO_COLOR: '1' }), encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe.skipIf(!built)('bin/platformc.cjs as a process', () => {
  let project: Project;
  beforeAll(() => {
    project = freshProject();
  });
  afterAll(() => project.remove());

  it('init, then list, from an empty directory', () => {
    const init = platformcProcess(project.dir, ['init', '--name', 'proc']);
    expect(init.code, init.stderr).toBe(0);
    const list = platformcProcess(project.dir, ['list', '--format', 'json']);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { stacks: { stackName: string }[] }).stacks.map((row) => row.stackName)).toContain('proc-dev-hosts');
  });

  it('stops quietly when the reader has gone (platformc graph | true)', () => {
    // `true` exits at once, so every write of platformc meets a closed pipe (EPIPE).
    const command = `"${process.execPath}" "${join(REPO, 'bin/platformc.cjs')}" graph | true`;
    const run = spawnSync('bash', ['-o', 'pipefail', '-c', command], { cwd: project.dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // The command's own exit code survives the closed pipe (explain prints its answer, then exits 1: no match).
    const failing = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${join(REPO, 'bin/platformc.cjs')}" explain no.such.path | true`], { cwd: project.dir, encoding: 'utf8' });
    expect(failing.stderr).toBe('');
    expect(failing.status).toBe(1);
  });

  it('exits only once its output is written, also to a reader that is slow to start', () => {
    // The entry point exits as soon as the command is done; the whole schema must still reach the reader.
    const command = `"${process.execPath}" "${join(REPO, 'bin/platformc.cjs')}" schema | (sleep 0.3; cat)`;
    const run = spawnSync('bash', ['-o', 'pipefail', '-c', command], { cwd: project.dir, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(REPO, 'schema/platform.schema.json'), 'utf8'));
  });

  it('exits 2 on a usage error without a stack trace', () => {
    const run = platformcProcess(project.dir, ['graph', '--format', 'png']);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('bin/platformc.cjs without a build', () => {
  it('says to run npm install, exits 70 and shows no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'platformc-unbuilt-'));
    try {
      mkdirSync(join(dir, 'bin'));
      copyFileSync(join(REPO, 'bin/platformc.cjs'), join(dir, 'bin/platformc.cjs'));
      const run = spawnSync(process.execPath, [join(dir, 'bin/platformc.cjs'), '--version'], { cwd: dir, encoding: 'utf8' });
      expect(run.status).toBe(70);
      expect(run.stderr).toContain('platformc: cannot start:');
      expect(run.stderr).toContain('Run `npm install` (it builds dist/).');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
