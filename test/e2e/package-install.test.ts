/**
 * platformc as its users get it: packed with `npm pack` and installed as a dev dependency of a new repository,
 * where its own build tools (tsc, rolldown) and scripts do not exist. The package must work as installed: init,
 * compile, check and validate through node_modules/.bin, the starter spec's schema reference resolving to a file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from './cli-driver.js';

function run(command: string, args: readonly string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' }, timeout: 300_000 });
  return { code: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

describe('the packed package installed in a new repository', () => {
  let dir: string;
  let files: string[];
  let project: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'platformc-package-'));
    // The tests run after `npm run build`; packing again would only rebuild the same dist/.
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], REPO);
    expect(pack.code, pack.stderr).toBe(0);
    const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    files = (packed?.files ?? []).map((file) => file.path);
    project = join(dir, 'project');
    mkdirSync(project);
    expect(run('git', ['init', '-q'], project).code).toBe(0);
    expect(run('npm', ['init', '-y'], project).code).toBe(0);
    const install = run('npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', join(dir, packed?.filename ?? '')], project);
    expect(install.code, install.stderr).toBe(0);
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds what runs and nothing of the repository\'s own tooling', () => {
    for (const path of ['bin/platformc', 'bin/platformc.cjs', 'dist/cli/main.js', 'dist/bundle/main.cjs', 'dist/bundle/code-cache.bin', 'schema/platform.schema.json', 'compiler/tooling/templates/starter.platform.yaml.hbs', 'compiler/expand/templates/user-data.sh.hbs', 'LICENSE', 'README.md', 'package.json']) {
      expect(files, path).toContain(path);
    }
    expect(files.filter((path) => /^(test|generated|specs|\.ci|\.github)\//.test(path) || path.endsWith('.ts') && !path.endsWith('.d.ts'))).toEqual([]);
  });

  it('installs without build tools and runs init, compile, check and validate from node_modules/.bin', () => {
    const platformc = join(project, 'node_modules', '.bin', 'platformc');
    const init = run(platformc, ['init', '--name', 'shop'], project);
    expect(init.code, init.stderr).toBe(0);
    const compile = run(platformc, ['compile', '--quiet'], project);
    expect(compile.code, compile.stderr).toBe(0);
    expect(existsSync(join(project, 'generated', 'shop', 'manifest.json'))).toBe(true);
    expect(run(platformc, ['check'], project).code).toBe(0);
    const validate = run(platformc, ['validate', '--no-lint'], project);
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    expect(validate.stdout).toContain('1 spec valid');
  });

  it('gives editors the schema the starter spec names', () => {
    const first = readFileSync(join(project, 'specs', 'shop.platform.yaml'), 'utf8').split('\n')[0] ?? '';
    const reference = /\$schema=(\S+)/.exec(first)?.[1] ?? '';
    const schema = resolve(project, 'specs', reference);
    expect(existsSync(schema), schema).toBe(true);
    expect((JSON.parse(readFileSync(schema, 'utf8')) as { title?: string }).title).toBe('platformc platform spec');
  });
});
