import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../compiler/cli/main.js';
import { memoryIo } from './memory-io.js';

const SPEC = join(import.meta.dirname, '..', 'diff', 'fixtures', 'no-change', 'before.platform.yaml');
let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'platformc-check-'));
  cpSync(SPEC, join(dir, 'specs', 'fixture.platform.yaml'));
  expect(await runCli(['compile', '--quiet'], memoryIo(dir))).toBe(0);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('platformc check', () => {
  it('passes when generated/ is what the specs compile to', async () => {
    const io = memoryIo(dir);
    expect(await runCli(['check'], io)).toBe(0);
    expect(io.out()).toMatch(/^generated\/ is up to date \(\d+ files, 1 platform\)\.\n$/);
    const quiet = memoryIo(dir);
    expect(await runCli(['check', '--quiet'], quiet)).toBe(0);
    expect(quiet.out()).toBe('');
  });

  it('lists changed, missing and extra files with a unified diff and the fix', async () => {
    const template = join(dir, 'generated', 'fixture', 'dev', 'network.template.json');
    writeFileSync(template, readFileSync(template, 'utf8').replace('10.0.0.0/16', '10.9.0.0/16'));
    rmSync(join(dir, 'generated', 'fixture', 'dev', 'hosts.parameters.json'));
    writeFileSync(join(dir, 'generated', 'fixture', 'dev', 'old.template.json'), '{}\n');
    const io = memoryIo(dir);
    expect(await runCli(['check'], io)).toBe(1);
    const out = io.out();
    expect(out).toContain('generated/ is stale: 1 changed, 1 missing, 1 extra');
    expect(out).toContain('  missing  generated/fixture/dev/hosts.parameters.json');
    expect(out).toContain('  extra    generated/fixture/dev/old.template.json');
    expect(out).toContain('  changed  generated/fixture/dev/network.template.json');
    expect(out).toContain('--- a/generated/fixture/dev/network.template.json');
    expect(out).toMatch(/^-.*10\.9\.0\.0\/16/m);
    expect(out).toMatch(/^\+.*10\.0\.0\.0\/16/m);
    expect(out).toContain('Fix: run platformc compile and commit generated/.');
    expect(out).not.toContain('\u001b[');
  });

  it('names the source maps a comment line at the top of the spec shifted, and diffs only the real change', async () => {
    const spec = join(dir, 'specs', 'fixture.platform.yaml');
    writeFileSync(spec, `# owned by the platform team\n${readFileSync(spec, 'utf8').replace('10.0.0.0/16', '10.9.0.0/16')}`);
    const io = memoryIo(dir);
    expect(await runCli(['check'], io)).toBe(1);
    const out = io.out();
    const moved = out.split('\n').filter((line) => line.endsWith('(spec lines moved only)'));
    expect(moved.length).toBeGreaterThan(1);
    expect(moved.every((line) => line.includes('.sourcemap.json'))).toBe(true);
    expect(out).toContain(`${moved.length} source maps changed only because lines of the spec moved`);
    expect(out).not.toMatch(/^--- a\/.*\.sourcemap\.json/m);
    expect(out).toContain('--- a/generated/fixture/dev/network.template.json');
    const json = memoryIo(dir);
    expect(await runCli(['check', '--format', 'json'], json)).toBe(1);
    const report = JSON.parse(json.out()) as { changed: { path: string; movedLinesOnly: boolean; diff: string }[] };
    expect(report.changed.filter((c) => c.movedLinesOnly).length).toBe(moved.length);
    expect(report.changed.find((c) => c.path === 'fixture/dev/network.template.json')?.movedLinesOnly).toBe(false);
    expect(report.changed.every((c) => c.diff.includes('@@'))).toBe(true);
  });

  it('names an output directory outside the project by its absolute path', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'platformc-out-'));
    try {
      const io = memoryIo(dir);
      expect(await runCli(['check', '--out', elsewhere], io)).toBe(1);
      expect(io.out()).toContain(`${elsewhere}/ is stale`);
      expect(io.out()).toContain(`Fix: run platformc compile --out ${elsewhere} and commit ${elsewhere}/.`);
      expect(io.out()).not.toContain('../');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('reports as JSON, and colors only when allowed', async () => {
    appendFileSync(join(dir, 'generated', 'fixture', 'manifest.json'), ' ');
    const json = memoryIo(dir);
    expect(await runCli(['check', '--format', 'json'], json)).toBe(1);
    const report = JSON.parse(json.out()) as { upToDate: boolean; changed: { path: string; diff: string }[]; fix: string };
    expect(report.upToDate).toBe(false);
    expect(report.changed.map((c) => c.path)).toEqual(['fixture/manifest.json']);
    expect(report.changed[0]?.diff).toContain('@@');
    expect(report.fix).toBe('platformc compile');

    const colored = memoryIo(dir, { FORCE_COLOR: '1' });
    await runCli(['check'], colored);
    expect(colored.out()).toContain('\u001b[');
    const plain = memoryIo(dir, { FORCE_COLOR: '1', NO_COLOR: '1' });
    await runCli(['check'], plain);
    expect(plain.out()).not.toContain('\u001b[');
  });

  it('exits 1 with the spec error on its line when a spec does not compile', async () => {
    const file = join(dir, 'specs', 'fixture.platform.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('vpcCidr: 10.0.0.0/16', 'vpcCidr: not-a-cidr'));
    const io = memoryIo(dir);
    expect(await runCli(['check'], io)).toBe(1);
    expect(io.err()).toMatch(/specs\/fixture\.platform\.yaml:\d+:\d+: error/);
    // It says that spec's output went unchecked, rather than ending on the finding.
    expect(io.err().endsWith('specs/fixture.platform.yaml: 1 error, its output in generated/ was not compared\n')).toBe(true);
    expect(io.out()).not.toContain('is up to date');
  });

  it('names the specs and output directory in the fix command, and rejects bad usage with 2', async () => {
    const io = memoryIo(dir);
    expect(await runCli(['check', 'specs/fixture.platform.yaml', '--out', 'elsewhere'], io)).toBe(1);
    expect(io.out()).toContain('Fix: run platformc compile specs/fixture.platform.yaml --out elsewhere');
    expect(await runCli(['check', '--format', 'yaml'], memoryIo(dir))).toBe(2);
    expect(await runCli(['check', 'specs/missing.platform.yaml'], memoryIo(dir))).toBe(2);
  });
});

describe('platformc check with an environment added or removed', () => {
  it('folds the files of an environment no spec has any more into one line', async () => {
    cpSync(join(dir, 'generated', 'fixture', 'dev'), join(dir, 'generated', 'fixture', 'qa'), { recursive: true });
    const io = memoryIo(dir);
    expect(await runCli(['check'], io)).toBe(1);
    expect(io.out()).toMatch(/^generated\/ is stale: (\d+) extra\n {2}extra {4}generated\/fixture\/qa\/ \(\1 files: no environment qa in the spec any more\)\n\nFix: run platformc compile and commit generated\/\.\n$/);
    expect(await runCli(['compile', '--quiet'], memoryIo(dir))).toBe(0);
    expect(await runCli(['check'], memoryIo(dir))).toBe(0);
  });

  it('folds the files of an environment with no output yet into one line, and lists a single missing file as it is', async () => {
    rmSync(join(dir, 'generated', 'fixture', 'dev'), { recursive: true });
    const io = memoryIo(dir);
    expect(await runCli(['check'], io)).toBe(1);
    expect(io.out()).toMatch(/^generated\/ is stale: (\d+) missing\n {2}missing {2}generated\/fixture\/dev\/ \(\1 files: environment dev has no output yet\)\n/);
    expect(await runCli(['compile', '--quiet'], memoryIo(dir))).toBe(0);
    rmSync(join(dir, 'generated', 'fixture', 'dev', 'iam.template.json'));
    const one = memoryIo(dir);
    expect(await runCli(['check'], one)).toBe(1);
    expect(one.out()).toContain('  missing  generated/fixture/dev/iam.template.json\n');
  });
});

describe('platformc check with a spec removed', () => {
  it('removes in its fix the files compile never deletes, so that running the fix makes generated/ up to date', async () => {
    writeFileSync(join(dir, 'generated', 'fixture', 'dev', 'notes.txt'), 'mine\n');
    writeFileSync(join(dir, 'generated', 'fixture', 'dev', 'old.template.json'), '{}\n');
    const io = memoryIo(dir);
    expect(await runCli(['check'], io)).toBe(1);
    expect(io.out()).toContain('  extra    generated/fixture/dev/notes.txt');
    expect(io.out()).toContain('Fix: run rm generated/fixture/dev/notes.txt && platformc compile and commit generated/.');
    // Running the fix: old.template.json is compile's to delete, notes.txt is the rm's.
    rmSync(join(dir, 'generated', 'fixture', 'dev', 'notes.txt'));
    expect(await runCli(['compile', '--quiet'], memoryIo(dir))).toBe(0);
    expect(await runCli(['check'], memoryIo(dir))).toBe(0);
  });

  it('lists the output of a platform no spec defines as extra, and says how to remove it', async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'platformc-check-'));
    try {
      cpSync(SPEC, join(dir2, 'specs', 'fixture.platform.yaml'));
      expect(await runCli(['compile', '--quiet'], memoryIo(dir2))).toBe(0);
      cpSync(join(dir2, 'generated', 'fixture'), join(dir2, 'generated', 'gone'), { recursive: true });
      const io = memoryIo(dir2);
      expect(await runCli(['check'], io)).toBe(1);
      // One line for the whole platform; the JSON report still names every file.
      const files = io.out().split('\n').filter((line) => line.includes('generated/gone'));
      expect(files[0]).toMatch(/^ {2}extra {4}generated\/gone\/ \((\d+) files: no spec defines platform gone\)$/);
      expect(files.slice(1)).toEqual(['Fix: run rm -r generated/gone && platformc compile and commit generated/.']);
      const json = memoryIo(dir2);
      await runCli(['check', '--format', 'json'], json);
      const extra = (JSON.parse(json.out()) as { extra: string[] }).extra;
      expect(extra).toContain('gone/manifest.json');
      expect(files[0]).toContain(`(${extra.length} files`);

      // A platform with no output yet is one line too.
      rmSync(join(dir2, 'generated', 'gone'), { recursive: true });
      rmSync(join(dir2, 'generated', 'fixture'), { recursive: true });
      const fresh = memoryIo(dir2);
      expect(await runCli(['check'], fresh)).toBe(1);
      expect(fresh.out()).toMatch(/^generated\/ is stale: (\d+) missing\n {2}missing {2}generated\/fixture\/ \(\1 files: platform fixture has no output yet\)\n\nFix: run platformc compile and commit generated\/\.\n$/);
    } finally {
      rmSync(dir2, { recursive: true, force: true });
    }
  });
});
