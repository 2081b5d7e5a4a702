/**
 * Generated output does not depend on the directory platformc runs in: inside a git repository, specs are named
 * from the repository root in templates, source maps and the manifest. Diagnostics keep the path as given, which
 * is what terminals and editors open from the working directory.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../compiler/cli/main.js';
import { outputSpecName } from '../../compiler/load/spec-name.js';
import { compareText } from '../../compiler/model/compare-text.js';
import { memoryIo } from '../check/memory-io.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'platformc-cwd-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tree(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort(compareText);
  return new Map(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

describe('outputSpecName', () => {
  const repo = join(work, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, 'infra', 'tools'), { recursive: true });
  const outside = join(work, 'outside');
  mkdirSync(outside, { recursive: true });

  it.each([
    ['at the root', repo, 'specs/a.platform.yaml', 'specs/a.platform.yaml'],
    ['from a subdirectory', join(repo, 'infra', 'tools'), '../specs/a.platform.yaml', 'infra/specs/a.platform.yaml'],
    ['with a leading ./', join(repo, 'infra'), './specs/a.platform.yaml', 'infra/specs/a.platform.yaml'],
    ['for a spec outside the repository', repo, '../elsewhere/a.platform.yaml', '../elsewhere/a.platform.yaml'],
    ['outside any repository', outside, 'specs/a.platform.yaml', 'specs/a.platform.yaml'],
  ])('%s', (_, cwd, file, expected) => {
    expect(outputSpecName(file, cwd)).toBe(expected);
  });
});

describe('compile and check from another directory', () => {
  it('write and accept the same bytes as at the repository root, while diagnostics name the path as given', async () => {
    const project = join(work, 'project');
    cpSync(join(ROOT, 'specs'), join(project, 'specs'), { recursive: true });
    mkdirSync(join(project, 'tools'));
    spawnSync('git', ['init', '-q', project]);

    expect(await runCli(['compile', '--quiet', '--out', 'at-root'], memoryIo(project))).toBe(0);
    const sub = join(project, 'tools');
    expect(await runCli(['compile', '--quiet', '../specs/cloudstack.platform.yaml', '../specs/minimal.platform.yaml', '--out', '../from-sub'], memoryIo(sub))).toBe(0);
    const atRoot = tree(join(project, 'at-root'));
    const fromSub = tree(join(project, 'from-sub'));
    expect([...fromSub.keys()]).toEqual([...atRoot.keys()]);
    for (const [file, content] of atRoot) expect(fromSub.get(file), file).toBe(content);
    expect(atRoot.get('minimal/manifest.json')).toContain('"spec": "specs/minimal.platform.yaml"');

    const check = memoryIo(sub);
    expect(await runCli(['check', '../specs/cloudstack.platform.yaml', '../specs/minimal.platform.yaml', '--out', '../at-root'], check)).toBe(0);

    writeFileSync(join(project, 'specs', 'minimal.platform.yaml'), readFileSync(join(project, 'specs', 'minimal.platform.yaml'), 'utf8').replace('mtu: 8951', 'mtu: 9001'));
    const validate = memoryIo(sub);
    expect(await runCli(['validate', '--no-lint', '../specs/minimal.platform.yaml'], validate)).toBe(1);
    expect(validate.out()).toMatch(/^\.\.\/specs\/minimal\.platform\.yaml:\d+:\d+: error NET006/m);
    expect(validate.out()).toContain('mtu: 9001');
  });
});
