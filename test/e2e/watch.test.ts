/**
 * `validate --watch` and `compile --watch` as a user runs them: a separate process, real file saves (written in
 * place, and renamed over the spec as vim and `sed -i` do), and Ctrl-C to stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshProject, platformc, REPO, userEnv, type Project } from './cli-driver.js';
import { watchedDirectories, watchSpecs } from '../../compiler/cli/watch.js';

const built = existsSync(join(REPO, 'dist/cli/main.js'));
const EXAMPLE = join(REPO, 'specs', 'cloudstack.platform.yaml');
const WATCHING = /watching specs\/ for changes \(Ctrl-C to stop\)\n/g;

/** A running `platformc ... --watch`, with everything it printed so far. */
interface Watcher {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves once the status line has been printed `count` times in all (one per finished run). */
  runs(count: number): Promise<string>;
  stop(): Promise<number | null>;
}

function startWatch(cwd: string, args: readonly string[]): Watcher {
  const child = spawn(process.execPath, [join(REPO, 'bin/platformc.cjs'), ...args], { cwd, env: userEnv({ NO_COLOR: '1' }) });
  let text = '';
  const waiting: (() => void)[] = [];
  const seen = (): void => waiting.splice(0).forEach((check) => check());
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    seen();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    seen();
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return {
    child,
    output: () => text,
    runs: (count) => new Promise<string>((done, fail) => {
      const timeout = setTimeout(() => fail(new Error(`waited for run ${count}; output so far:\n${text}`)), 20_000);
      const check = (): void => {
        if ((text.match(WATCHING) ?? []).length >= count) {
          clearTimeout(timeout);
          done(text);
        } else waiting.push(check);
      };
      check();
    }),
    stop: () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}

/** The parts of a VS Code problem matcher the README's task uses. */
interface VsCodeMatcher {
  readonly pattern: { readonly regexp: string; readonly file: number; readonly line: number; readonly column: number; readonly severity: number; readonly code: number };
  readonly background: { readonly beginsPattern: string; readonly endsPattern: string };
}

/** Saves as vim does: the new text goes to another file, which is renamed over the spec. */
function saveByRename(path: string, text: string): void {
  writeFileSync(`${path}.swp`, text);
  renameSync(`${path}.swp`, path);
}

describe.skipIf(!built)('--watch', () => {
  let project: Project;
  let spec: string;
  let watcher: Watcher | undefined;
  beforeEach(() => {
    project = freshProject();
    mkdirSync(join(project.dir, 'specs'));
    spec = join(project.dir, 'specs', 'cloudstack.platform.yaml');
    writeFileSync(spec, readFileSync(EXAMPLE, 'utf8'));
  });
  afterEach(async () => {
    if (watcher !== undefined && watcher.child.exitCode === null) await watcher.stop();
    watcher = undefined;
    project.remove();
  });

  it('validate --watch reports each save, written in place or renamed over the spec, until Ctrl-C', async () => {
    watcher = startWatch(project.dir, ['validate', '--watch', '--no-lint']);
    expect(await watcher.runs(1)).toContain('1 spec valid');
    const valid = readFileSync(spec, 'utf8');
    saveByRename(spec, valid.replace('logRetentionDays: 14', 'logRetentionDays: 15'));
    const second = (await watcher.runs(2)).split(WATCHING)[1] ?? '';
    expect(second).toContain('specs/cloudstack.platform.yaml changed\n');
    expect(second).toMatch(/specs\/cloudstack\.platform\.yaml:\d+:\d+: error LOG001/);
    expect(second).toMatch(/exit 1; $/);
    // A second rename over the same file: Node's own recursive watcher on Linux no longer sees this one.
    saveByRename(spec, valid);
    expect((await watcher.runs(3)).split(WATCHING)[2]).toContain('1 spec valid');
    writeFileSync(spec, `${valid}# a comment written in place\n`);
    expect((await watcher.runs(4)).split(WATCHING)[3]).toContain('1 spec valid');
    expect(await watcher.stop()).toBe(0);
  });

  it('compile --watch writes generated/ again after a save, and a new spec in a new folder is found', async () => {
    watcher = startWatch(project.dir, ['compile', '--watch', '--quiet']);
    await watcher.runs(1);
    const template = join(project.dir, 'generated', 'cloudstack', 'dev', 'network.template.json');
    const vpc = (): string | undefined => /"CidrBlock": "(10\.\d+\.0\.0\/16)"/.exec(readFileSync(template, 'utf8'))?.[1];
    const before = vpc();
    expect(before).toBeDefined();
    writeFileSync(spec, readFileSync(spec, 'utf8').replace(before ?? '', '10.77.0.0/16'));
    await watcher.runs(2);
    expect(vpc()).toBe('10.77.0.0/16');
    const written = await platformc(project.dir, ['check', '--quiet']);
    expect(written.code, written.stdout).toBe(0);

    mkdirSync(join(project.dir, 'specs', 'team'));
    writeFileSync(join(project.dir, 'specs', 'team', 'broken.platform.yaml'), 'version: 1\nplatform: [\n');
    const third = (await watcher.runs(3)).split(WATCHING)[2] ?? '';
    expect(third).toContain('specs/team/broken.platform.yaml changed');
    expect(third).toMatch(/specs\/team\/broken\.platform\.yaml:\d+:\d+: error PARSE/);
    expect(await watcher.stop()).toBe(0);
  });

  it('the VS Code task in the README puts what validate --watch prints into the problem list', async () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const block = /```json\n(\{\n {2}"version": "2\.0\.0"[\s\S]*?)\n```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const task = (JSON.parse(block ?? '{}') as { tasks: { command: string; problemMatcher: VsCodeMatcher }[] }).tasks[0];
    expect(task?.command).toBe('npx platformc validate --watch --no-lint');
    const matcher = task?.problemMatcher;
    const pattern = new RegExp(matcher?.pattern.regexp ?? '$^');
    const valid = readFileSync(spec, 'utf8');
    writeFileSync(spec, valid.replace('logRetentionDays: 14', 'logRetentionDays: 15'));

    watcher = startWatch(project.dir, task?.command.split(' ').slice(2) ?? []);
    await watcher.runs(1);
    writeFileSync(spec, valid.replace('logRetentionDays: 14', 'logRetentionDays: 16').replace(/vpcCidr: 10\.\d+\.0\.0\/16/, 'vpcCidr: 10.0.0.0/33'));
    const lines = (await watcher.runs(2)).split('\n');
    const problems = lines.flatMap((line) => {
      const m = pattern.exec(line);
      const at = (group: number | undefined): string => m?.[group ?? 0] ?? '';
      return m === null ? [] : [[at(matcher?.pattern.file), Number(at(matcher?.pattern.line)), Number(at(matcher?.pattern.column)), at(matcher?.pattern.severity), at(matcher?.pattern.code)]];
    });
    // What the JSON report says of the same two states, finding for finding.
    const expected: unknown[] = [];
    for (const text of [valid.replace('logRetentionDays: 14', 'logRetentionDays: 15'), readFileSync(spec, 'utf8')]) {
      writeFileSync(join(project.dir, 'specs', 'copy.yaml'), text);
      const json = await platformc(project.dir, ['validate', 'specs/copy.yaml', '--no-lint', '--format', 'json']);
      const report = JSON.parse(json.stdout) as { diagnostics: { line: number; col: number; severity: string; code: string }[] };
      expected.push(...report.diagnostics.map((d) => ['specs/cloudstack.platform.yaml', d.line, d.col, d.severity.toLowerCase(), d.code]));
    }
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(problems).toEqual(expected);
    // One cycle begins with the save (the first is active on start), and each ends with its status line.
    expect(lines.filter((line) => new RegExp(matcher?.background.beginsPattern ?? '$^').test(line))).toHaveLength(1);
    expect(lines.filter((line) => new RegExp(matcher?.background.endsPattern ?? '$^').test(line))).toHaveLength(2);
  });

  it.each([
    [['compile', '--watch', '--format', 'json'], '--watch prints text for a person'],
    [['validate', '--watch', '--format', 'sarif'], '--watch does not go with --format sarif'],
    [['validate', '--watch', '--access-analyzer'], '--watch does not go with --access-analyzer'],
    [['validate', '--watch', 'nowhere/*.platform.yaml'], 'cannot watch nowhere/: no such directory'],
  ])('refuses %j as a usage error', async (args, message) => {
    const run = await platformc(project.dir, args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe('watchSpecs in-process', () => {
  it('reports a run that throws as a bug, goes on watching, and stops when told', async () => {
    const project = freshProject();
    try {
      mkdirSync(join(project.dir, 'specs'));
      const spec = join(project.dir, 'specs', 'a.platform.yaml');
      writeFileSync(spec, 'version: 1\n');
      let errors = '';
      const io = { cwd: project.dir, env: {}, stdout: { write: () => true }, stderr: { write: (text: string) => (errors += text) } };
      const controller = new AbortController();
      let runs = 0;
      const watching = watchSpecs(io, {
        patterns: [], settleMs: 20, signal: controller.signal,
        run: async () => {
          runs += 1;
          if (runs === 1) throw new Error('boom');
          controller.abort();
          return 0;
        },
      });
      for (let waited = 0; !errors.includes('exit 70; watching specs/') && waited < 10_000; waited += 20) await new Promise((done) => setTimeout(done, 20));
      expect(errors).toContain('platformc: internal error: boom\nThis is a bug; please report it with the command you ran.\n');
      writeFileSync(spec, 'version: 1\n# saved\n');
      expect(await watching).toBe(0);
      expect(runs).toBe(2);
      expect(errors).toContain('specs/a.platform.yaml changed\n');
    } finally {
      project.remove();
    }
  });
});

describe('the directories --watch watches', () => {
  it.each([
    [[], [['specs', true]]],
    [['specs/*.platform.yaml'], [['specs', false]]],
    [['specs/*/x.platform.yaml', 'specs/a.platform.yaml'], [['specs', true]]],
    [['one.platform.yaml', 'teams/**/*.yaml'], [['.', false], ['teams', true]]],
  ] as const)('for %j: %j', async (patterns, expected) => {
    const found = await watchedDirectories(patterns, '/project');
    expect(found.map(({ dir, recursive }) => [dir === '/project' ? '.' : dir.replace('/project/', ''), recursive])).toEqual(expected);
  });

  it('watches a directory named as it is, with its subdirectories', async () => {
    const project = freshProject();
    try {
      mkdirSync(join(project.dir, 'platforms'));
      const found = await watchedDirectories(['platforms/', 'other/one.platform.yaml'], project.dir);
      expect(found).toEqual([{ dir: join(project.dir, 'other'), recursive: false }, { dir: join(project.dir, 'platforms'), recursive: true }]);
    } finally {
      project.remove();
    }
  });
});
