/**
 * `bin/platformc`, the command users run (package.json "bin"): which commands start Node without
 * NODE_EXTRA_CA_CERTS, that the value travels on for the CLI to put back, that it finds platformc.cjs through
 * the symbolic links npm makes, and that the real Node then skips the certificates.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../compiler/cli/main.js';
import { REPO } from './cli-driver.js';

const LAUNCHER = join(REPO, 'bin', 'platformc');
const CLI = join(REPO, 'bin', 'platformc.cjs');
const CA = '/etc/platformc-test/ca.pem';

interface Started {
  readonly script: string;
  readonly extraCa: string | undefined;
  readonly stashed: string | undefined;
  readonly args: readonly string[];
}

let dir: string;
let fakeBin: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'platformc-launcher-'));
  fakeBin = join(dir, 'fake-bin');
  mkdirSync(fakeBin);
  // A stand-in for node that reports how it was started, one line per item, "-" for a variable that is unset.
  const fakeNode = join(fakeBin, 'node');
  writeFileSync(fakeNode, [
    '#!/bin/sh',
    'printf "%s\\n" "$1" "${NODE_EXTRA_CA_CERTS--}" "${PLATFORMC_EXTRA_CA_CERTS--}"',
    'shift',
    'for a in "$@"; do printf "%s\\n" "$a"; done',
    '',
  ].join('\n'));
  chmodSync(fakeNode, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function launch(args: readonly string[], options: { extraCa?: string; via?: string } = {}): Started {
  const env: Record<string, string> = { PATH: `${fakeBin}:/usr/bin:/bin` };
  if (options.extraCa !== undefined) env.NODE_EXTRA_CA_CERTS = options.extraCa;
  const run = spawnSync(options.via ?? LAUNCHER, args, { env, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const [script = '', extraCa, stashed, ...rest] = run.stdout.split('\n').slice(0, -1);
  const unset = (value: string | undefined): string | undefined => (value === '-' ? undefined : value);
  return { script, extraCa: unset(extraCa), stashed: unset(stashed), args: rest };
}

describe('bin/platformc starts Node', () => {
  it('knows every command: a new one starts with the certificates until it is listed as opening no TLS connection', () => {
    const launcher = readFileSync(LAUNCHER, 'utf8');
    const listed = /^ {2}([^)\n]+)\) tls=no ;;$/m.exec(launcher)?.[1]?.split('|') ?? [];
    const quiet = { write: () => true };
    const commands = buildProgram({ cwd: dir, env: {}, stdout: quiet, stderr: quiet }, { code: 0 }).commands.map((command) => command.name());
    // deploy opens TLS connections; validate is decided by its flags, below the list.
    expect(commands.filter((name) => !listed.includes(name)).sort()).toEqual(['deploy', 'validate']);
    expect(listed.filter((name) => /^[a-z]+$/.test(name) && name !== 'help' && !commands.includes(name))).toEqual([]);
  });

  it.each([
    [['compile']],
    [['compile', 'specs/a.platform.yaml', '--out', '/tmp/out']],
    [['check']],
    [['diff', '--base', 'origin/main', '--format', 'markdown']],
    [['list']],
    [['explain', 'iam.roles.deployer']],
    [['graph']],
    [['schema']],
    [['init', '--name', 'shop']],
    [['validate']],
    [['validate', '--no-lint', '--format', 'json']],
    [['--version']],
    [['help', 'deploy']],
    [[]],
  ])('without the extra certificates for %j, which opens no TLS connection', (args) => {
    expect(launch(args, { extraCa: CA })).toEqual({ script: CLI, extraCa: '', stashed: CA, args });
  });

  it.each([
    [['deploy', 'dev']],
    [['deploy', '--help']],
    [['validate', '--access-analyzer']],
    [['validate', 'specs/a.platform.yaml', '--access-analyzer', '--base', 'origin/main']],
    [['--no-such-flag', 'compile']],
    [['something-new']],
  ])('with the environment as it is for %j', (args) => {
    expect(launch(args, { extraCa: CA })).toEqual({ script: CLI, extraCa: CA, stashed: undefined, args });
  });

  it('leaves the environment alone when the variable is not set', () => {
    expect(launch(['compile'])).toEqual({ script: CLI, extraCa: undefined, stashed: undefined, args: ['compile'] });
    expect(launch(['compile'], { extraCa: '' })).toEqual({ script: CLI, extraCa: '', stashed: undefined, args: ['compile'] });
  });

  it('passes every argument on as it was given', () => {
    const args = ['compile', 'specs/with space.platform.yaml', "it's", '$HOME', '*', '--out=a b'];
    expect(launch(args, { extraCa: CA }).args).toEqual(args);
  });

  it('finds platformc.cjs through the relative symbolic link npm puts in node_modules/.bin, and through a chain of links', () => {
    const project = join(dir, 'project');
    const binDir = join(project, 'node_modules', '.bin');
    const packageBin = join(project, 'node_modules', 'platformc', 'bin');
    mkdirSync(binDir, { recursive: true });
    mkdirSync(join(project, 'node_modules', 'platformc'), { recursive: true });
    symlinkSync(join(REPO, 'bin'), packageBin);
    symlinkSync('../platformc/bin/platformc', join(binDir, 'platformc'));
    symlinkSync(join(binDir, 'platformc'), join(dir, 'pc'));
    // The path it gives Node goes through the links' directories, unnormalised; it names the file beside the launcher.
    for (const via of [join(binDir, 'platformc'), join(dir, 'pc')]) {
      const { script } = launch(['list'], { via });
      expect(script).toBe(`${binDir}/../platformc/bin/platformc.cjs`);
      expect(realpathSync(script)).toBe(realpathSync(CLI));
    }
  });
});

describe('the real Node behind bin/platformc', () => {
  // Node reports a certificate file it cannot read while it starts, which shows whether it read the variable.
  const missing = '/nonexistent/platformc-extra-ca.pem';
  const real = (command: string, args: readonly string[]): { status: number | null; stderr: string; stdout: string } => {
    const run = spawnSync(command, args, { env: { ...process.env, NODE_EXTRA_CA_CERTS: missing }, encoding: 'utf8' });
    return { status: run.status, stderr: run.stderr, stdout: run.stdout };
  };

  it('does not read the certificates for --version, as node bin/platformc.cjs does', () => {
    const direct = real(process.execPath, [CLI, '--version']);
    expect(direct.stderr).toContain(`Ignoring extra certs from \`${missing}\``);
    const launched = real(LAUNCHER, ['--version']);
    expect(launched).toEqual({ status: 0, stderr: '', stdout: direct.stdout });
  });

  it('reads them for deploy', () => {
    expect(real(LAUNCHER, ['deploy', '--help']).stderr).toContain(`Ignoring extra certs from \`${missing}\``);
  });

  it.each([[['deploy', 'dev']], [['validate', '--access-analyzer']]])('%j refuses to run in a Node started without them (a launcher bug)', (args) => {
    const run = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env: { ...process.env, NODE_EXTRA_CA_CERTS: '', PLATFORMC_EXTRA_CA_CERTS: missing }, encoding: 'utf8' });
    expect(run.status).toBe(70);
    expect(run.stderr).toContain('this command opens TLS connections, but bin/platformc started Node without NODE_EXTRA_CA_CERTS');
  });
});
