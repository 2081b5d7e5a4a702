/**
 * Output does not depend on the machine's locale: names are sorted by code unit everywhere (`compareText`), never
 * by `localeCompare`, which follows the locale (Lithuanian sorts "y" between "i" and "j", Turkish has its own
 * "i"s). The binary runs under several locales on the same input and must print the same bytes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compareText } from '../../compiler/model/compare-text.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOCALES = ['C.UTF-8', 'lt_LT.UTF-8', 'tr_TR.UTF-8', 'de_DE.UTF-8'];
const work = mkdtempSync(join(tmpdir(), 'platformc-locale-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): void {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
}

/** stdout of `platformc <args>` in `cwd` under `locale`. */
function platformc(cwd: string, locale: string, args: readonly string[]): string {
  const env = { ...process.env, LANG: locale, LC_ALL: locale, NO_COLOR: '1' };
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'platformc.cjs'), ...args], { cwd, env, encoding: 'utf8' });
  expect(run.status === 0 || run.status === 1, run.stderr).toBe(true);
  return run.stdout;
}

describe('the machine locale', () => {
  it('resolves differently in Node for these locales, so the test means something', () => {
    const sorted = (locale: string) => spawnSync(process.execPath, ['-e', "process.stdout.write(['j','y','i'].sort((a,b)=>a.localeCompare(b)).join(''))"], { env: { ...process.env, LANG: locale, LC_ALL: locale }, encoding: 'utf8' }).stdout;
    expect(sorted('C.UTF-8')).toBe('ijy');
    expect(sorted('lt_LT.UTF-8')).toBe('iyj');
  });

  it('changes nothing that compile, validate or diff print', () => {
    const project = join(work, 'project');
    cpSync(join(ROOT, 'specs'), join(project, 'specs'), { recursive: true });
    git(project, 'init', '-q');
    git(project, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
    git(project, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'base');
    // A change that adds roles and changes DNS in several environments, and a spec with findings.
    const spec = join(project, 'specs', 'cloudstack.platform.yaml');
    // Two new roles whose logical ids (IjRole, IyRole) a Lithuanian collation orders the other way round.
    const role = (name: string) => `    ${name}:\n      service: ec2.amazonaws.com\n      allow:\n        - actions: [logs:PutLogEvents]\n          resources: [logGroup:overlay]\n`;
    writeFileSync(spec, readFileSync(spec, 'utf8')
      .replace('weight: 90', 'weight: 70')
      .replace('  roles:\n', `  roles:\n${role('ij')}${role('iy')}`));
    writeFileSync(join(project, 'specs', 'bad.platform.yaml'), readFileSync(join(ROOT, 'specs', 'minimal.platform.yaml'), 'utf8').replace('mtu: 8951', 'mtu: 9001').replace('vni: 1,', 'vni: 0,').replace('platform: minimal', 'platform: yi-ij'));
    const outputs = LOCALES.map((locale) => {
      // The same folder every time, emptied first: it is named in the compile report.
      const out = join(work, 'out');
      rmSync(out, { recursive: true, force: true });
      const printed = [
        platformc(project, locale, ['compile', '--out', out, '--format', 'json']).replace(/"milliseconds": \d+/, ''),
        platformc(project, locale, ['validate', '--no-lint', '--format', 'json']),
        platformc(project, locale, ['validate', '--no-lint', '--format', 'sarif']),
        platformc(project, locale, ['diff', '--base', 'HEAD', '--format', 'json']),
        platformc(project, locale, ['diff', '--base', 'HEAD', '--format', 'markdown']),
      ];
      expect(printed[3]).toContain('"logicalId": "IyRole"');
      const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(out, f)).isFile()).sort(compareText);
      return [...printed, ...files.map((f) => `${relative(out, join(out, f))}\n${readFileSync(join(out, f), 'utf8')}`)].join('\n---\n');
    });
    for (const [i, output] of outputs.entries()) expect(output, LOCALES[i]).toBe(outputs[0]);
  });

  it('is never consulted for an order: no localeCompare or Intl.Collator in compiler/', () => {
    const sources = readdirSync(join(ROOT, 'compiler'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const uses = sources.flatMap((file) => readFileSync(join(ROOT, 'compiler', file), 'utf8').split('\n')
      .filter((line) => /\.localeCompare\(|Intl\.Collator/.test(line) && !/^\s*(\*|\/\/)/.test(line))
      .map((line) => `${file}: ${line.trim()}`));
    expect(uses).toEqual([]);
  });
});
