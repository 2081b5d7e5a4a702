/**
 * `platformc validate` and `platformc schema` in-process: exit codes 0/1/2, text and JSON reports; and the short
 * flags, which mean the same on every command.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayDirectory, type CliIo } from '../../compiler/cli/io.js';
import { buildProgram, runCli } from '../../compiler/cli/main.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function io(cwd: string): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    env: { NO_COLOR: '1' },
    stdout: { write: (s: string) => { out += s; return true; } },
    stderr: { write: (s: string) => { err += s; return true; } },
    out: () => out,
    err: () => err,
  };
}

describe('platformc validate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'platformc-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'specs'));
  copyFileSync(join(ROOT, 'specs/minimal.platform.yaml'), join(dir, 'specs/minimal.platform.yaml'));
  const bad = readFileSync(join(ROOT, 'specs/minimal.platform.yaml'), 'utf8').replace('mtu: 8951', 'mtu: 9001');
  writeFileSync(join(dir, 'bad.platform.yaml'), bad);

  it('accepts the bundled examples (exit 0)', async () => {
    const cli = io(ROOT);
    expect(await runCli(['validate', '--no-lint'], cli)).toBe(0);
    expect(cli.out()).toBe('2 specs valid\n');
  });

  it('reports errors with file:line:col and exits 1', async () => {
    const cli = io(dir);
    expect(await runCli(['validate', 'bad.platform.yaml', '--no-lint'], cli)).toBe(1);
    expect(cli.out()).toMatch(/^bad\.platform\.yaml:11:\d+: error NET006: overlay MTU 9001/);
    expect(cli.out()).toContain('1 error, 0 warnings in 1 spec\n');
  });

  it('prints a JSON report', async () => {
    const cli = io(dir);
    expect(await runCli(['validate', 'bad.platform.yaml', 'specs/minimal.platform.yaml', '--format', 'json', '--no-lint'], cli)).toBe(1);
    const report = JSON.parse(cli.out()) as { valid: boolean; files: unknown[]; diagnostics: { code: string; line: number }[]; steps: string[] };
    expect(report.valid).toBe(false);
    expect(report.steps).toContain('spec');
    // A rule error stops the later steps for that spec, and the report says which did not run.
    expect(report.files).toEqual([{ file: 'bad.platform.yaml', valid: false, notChecked: ['compile', 'iam'] }, { file: 'specs/minimal.platform.yaml', valid: true, notChecked: [] }]);
    expect(report.diagnostics.map((d) => [d.code, d.line])).toEqual([['NET006', 11]]);
  });

  it('validates every spec under a directory named on the command line', async () => {
    const cli = io(dir);
    expect(await runCli(['validate', 'specs/', '--format', 'json', '--no-lint'], cli)).toBe(0);
    const whole = io(dir);
    await runCli(['validate', '--format', 'json', '--no-lint'], whole);
    expect((JSON.parse(cli.out()) as { files: unknown[] }).files).toEqual((JSON.parse(whole.out()) as { files: unknown[] }).files);
  });

  it('says what a spec with errors was not checked for, so fixing them does not seem to bring new ones', async () => {
    const shapeError = io(dir);
    writeFileSync(join(dir, 'shape.platform.yaml'), readFileSync(join(dir, 'specs', 'minimal.platform.yaml'), 'utf8').replace(/^platform: .*$/m, 'platform: Bad_Name'));
    writeFileSync(join(dir, 'syntax.platform.yaml'), 'version: [1\n');
    expect(await runCli(['validate', 'shape.platform.yaml', 'syntax.platform.yaml', 'bad.platform.yaml', 'specs/minimal.platform.yaml', '--no-lint'], shapeError)).toBe(1);
    const lines = shapeError.out().split('\n').filter((line) => line.includes('not checked further'));
    expect(lines).toEqual([
      'bad.platform.yaml: not checked further until its errors are fixed (compile, iam)',
      'shape.platform.yaml: not checked further until its errors are fixed (rules, compile, iam)',
      'syntax.platform.yaml: not checked further until its errors are fixed (rules, compile, iam)',
    ]);
    const quiet = io(dir);
    await runCli(['validate', 'shape.platform.yaml', '--no-lint', '--quiet'], quiet);
    expect(quiet.out()).not.toContain('not checked further');
  });

  it('is silent with --quiet when everything is valid', async () => {
    const cli = io(dir);
    expect(await runCli(['validate', '--quiet', '--no-lint'], cli)).toBe(0);
    expect(cli.out()).toBe('');
  });

  it('exits 2 for a missing file, a directory without specs, an unmatched glob and an unknown flag', async () => {
    expect(await runCli(['validate', 'nope.platform.yaml'], io(dir))).toBe(2);
    mkdirSync(join(dir, 'notes'), { recursive: true });
    const empty = io(dir);
    expect(await runCli(['validate', 'notes/'], empty)).toBe(2);
    expect(empty.out()).toContain('PARSE013: no spec files (*.platform.yaml) under notes/');
    expect(await runCli(['validate', 'other/*.platform.yaml'], io(dir))).toBe(2);
    const cli = io(dir);
    expect(await runCli(['validate', '--frobnicate'], cli)).toBe(2);
    expect(cli.err()).toContain('unknown option');
  });

  it('has help with examples', async () => {
    const cli = io(dir);
    expect(await runCli(['validate', '--help'], cli)).toBe(0);
    expect(cli.out()).toContain('Examples:');
  });
});

describe('platformc schema', () => {
  it('prints the JSON Schema as shipped', async () => {
    const cli = io(ROOT);
    expect(await runCli(['schema'], cli)).toBe(0);
    expect(cli.out()).toBe(readFileSync(join(ROOT, 'schema/platform.schema.json'), 'utf8'));
  });
});

describe('short flags', () => {
  /** The short form each long flag has, wherever a command takes it. */
  const SHORT: Readonly<Record<string, string>> = { '--quiet': '-q', '--out': '-o', '--env': '-e', '--yes': '-y', '--watch': '-w' };

  it.each(Object.entries(SHORT))('%s is %s on every command that takes it', (long, short) => {
    const program = buildProgram(io(ROOT), { code: 0 });
    const taking = program.commands.flatMap((command) => command.options.filter((o) => o.long === long).map((o) => [command.name(), o.short]));
    expect(taking.length).toBeGreaterThan(0);
    expect(taking.filter(([, s]) => s !== short)).toEqual([]);
  });

  it('no command gives one short flag two meanings', () => {
    const program = buildProgram(io(ROOT), { code: 0 });
    const meanings = new Map<string, Set<string>>();
    for (const command of program.commands) {
      for (const option of command.options) {
        if (option.short === undefined || option.long === undefined) continue;
        meanings.set(option.short, (meanings.get(option.short) ?? new Set()).add(option.long));
      }
    }
    expect([...meanings].filter(([, longs]) => longs.size > 1)).toEqual([]);
  });

  it('compile -q -o writes where --quiet --out would, silently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'platformc-short-'));
    try {
      mkdirSync(join(dir, 'specs'));
      copyFileSync(join(ROOT, 'specs/minimal.platform.yaml'), join(dir, 'specs/minimal.platform.yaml'));
      const cli = io(dir);
      expect(await runCli(['compile', '-q', '-o', 'out'], cli)).toBe(0);
      expect(cli.out()).toBe('');
      expect(readFileSync(join(dir, 'out', 'minimal', 'manifest.json'), 'utf8')).toContain('"platform": "minimal"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('directories as shown', () => {
  it.each([
    ['/work/project/generated', 'generated'],
    ['/work/project', '.'],
    ['/work/project/a/b', 'a/b'],
    ['/work/other/out', '/work/other/out'],
    ['/work', '/work'],
    ['/work/project..x', '/work/project..x'],
    ['/work/project/..x', '..x'],
  ])('%s from /work/project is %s', (dir, shown) => {
    expect(displayDirectory(dir, '/work/project')).toBe(shown);
  });
});
