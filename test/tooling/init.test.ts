/**
 * The starter spec compiles as it is, for any valid name, without a single warning; init never overwrites.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileSource } from '../../compiler/compile.js';
import { initFiles, writeInitFiles } from '../../compiler/tooling/init.js';
import { PLATFORM_NAME } from '../../compiler/tooling/platform-name.js';
import { runInit } from '../../compiler/tooling/run-init.js';
import { COMMENT_MARKER } from '../../compiler/diff/render-markdown.js';
import type { CliIo } from '../../compiler/cli/io.js';
import { execFileSync } from 'node:child_process';

/** Runs git in `cwd` and returns what it printed. */
const git = (cwd: string, args: readonly string[]): string => execFileSync('git', [...args], { cwd, encoding: 'utf8' });

describe('init', () => {
  it.each(['demo', 'a', 'cloud-stack-2', 'x23456789012345678901234'])('the starter spec for %s compiles without findings', (name) => {
    const [spec] = initFiles(name);
    const result = compileSource({ file: `specs/${name}.platform.yaml`, text: spec?.content ?? '' });
    expect(result.diagnostics).toEqual([]);
    expect(result.platform?.name).toBe(name);
    expect(result.files.length).toBeGreaterThan(0);
  });

  it.each(['', 'Demo', '1demo', 'demo_1', 'x234567890123456789012345', 'a b'])('rejects the name %j', (name) => {
    expect(PLATFORM_NAME.test(name)).toBe(false);
  });

  it.each([
    ['Shop_Front', ' (such as --name shop-front)'],
    ['2048 Game', ' (such as --name game)'],
    ['123', ''],
  ])('refuses the name %j, suggesting a valid one where there is one', async (name, suggestion) => {
    const dir = mkdtempSync(join(tmpdir(), 'platformc-init-'));
    try {
      let err = '';
      const io: CliIo = { cwd: dir, env: { NO_COLOR: '1' }, stdout: { write: () => true }, stderr: { write: (t: string) => { err += t; return true; } } };
      expect(await runInit(io, { name, format: 'text', quiet: false })).toBe(2);
      expect(err).toBe(`platformc init: invalid platform name "${name}": use 1-24 lowercase letters, digits and dashes, starting with a letter${suggestion}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the CI workflow is valid YAML that checks generated/ and validates with the pinned cfn-lint', () => {
    const workflow = initFiles('demo').find((file) => file.path === '.github/workflows/platformc.yml');
    const steps = (parse(workflow?.content ?? '') as { jobs: { check: { steps: { run?: string }[] } } }).jobs.check.steps;
    const runs = steps.map((step) => step.run ?? '');
    const pinned = /^cfn-lint==(\S+)$/m.exec(readFileSync(new URL('../../requirements-dev.txt', import.meta.url), 'utf8'))?.[1];
    expect(runs).toContain(`pip install cfn-lint==${pinned}`);
    expect(runs).toContain('npx platformc check');
    // Every spec, not the one init was run for: a platform added later is validated too.
    expect(runs).toContain('npx platformc validate --format github --sarif platformc.sarif');
    // Pull requests get the semantic diff in the job summary; GitHub's own expressions survive the template.
    expect(runs).toContain('npx platformc diff --base "origin/$BASE_REF" --format markdown > platformc-diff.md\ncat platformc-diff.md >> "$GITHUB_STEP_SUMMARY"\n');
    expect(runs).toContain('npx platformc diff --base "origin/$BASE_REF" --format github');
    expect(workflow?.content).toContain("if: ${{ !cancelled() && github.event_name == 'pull_request' }}");
    expect(workflow?.content).toContain('BASE_REF: ${{ github.base_ref }}');
    // cfn-lint's findings carry over from run to run, so CI lints only the templates a change touched.
    const all = (parse(workflow?.content ?? '') as { jobs: { check: { steps: { uses?: string; run?: string; with?: Record<string, string> }[] } } }).jobs.check.steps;
    const cache = all.findIndex((step) => step.uses?.startsWith('actions/cache@') === true);
    expect(all[cache]?.with).toEqual({ path: '.platformc-cache/cfn-lint', key: 'platformc-cfn-lint-${{ github.sha }}', 'restore-keys': 'platformc-cfn-lint-' });
    expect(cache).toBeLessThan(all.findIndex((step) => step.run?.startsWith('npx platformc validate') === true));
    // Findings go to code scanning, and the diff into one pull request comment, found again by the marker the
    // Markdown starts with.
    const uses = steps.map((step) => (step as { uses?: string }).uses ?? '');
    expect(uses).toContain('github/codeql-action/upload-sarif@v3');
    expect(uses).toContain('actions/github-script@v7');
    const script = (steps.find((step) => (step as { uses?: string }).uses === 'actions/github-script@v7') as { with: { script: string } }).with.script;
    expect(script).toContain(`const marker = '${COMMENT_MARKER}';`);
    const permissions = (parse(workflow?.content ?? '') as { permissions: Record<string, string> }).permissions;
    expect(permissions).toEqual({ contents: 'read', 'pull-requests': 'write', 'security-events': 'write' });
  });

  it.each([
    ['no package.json', undefined, 'add a package.json that lists platformc'],
    ['a package.json without platformc', { name: 'x', devDependencies: { typescript: '5' } }, 'add platformc to devDependencies'],
    ['platformc in devDependencies', { devDependencies: { platformc: '^0.1.0' } }, undefined],
    ['platformc in dependencies', { dependencies: { platformc: '^0.1.0' } }, undefined],
  ])('says what the workflow still needs to install platformc: %s', async (_, manifest, says) => {
    const dir = mkdtempSync(join(tmpdir(), 'platformc-init-'));
    try {
      if (manifest !== undefined) writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
      let out = '';
      const io: CliIo = { cwd: dir, env: { NO_COLOR: '1' }, stdout: { write: (t: string) => { out += t; return true; } }, stderr: { write: () => true } };
      expect(await runInit(io, { name: 'demo', format: 'text', quiet: false })).toBe(0);
      if (says === undefined) expect(out).not.toContain('npm ci');
      else expect(out).toContain(says);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes nothing when the spec exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'platformc-init-'));
    try {
      mkdirSync(join(dir, 'specs'));
      writeFileSync(join(dir, 'specs/demo.platform.yaml'), 'mine\n');
      expect(writeInitFiles(dir, initFiles('demo'))).toEqual({ existing: ['specs/demo.platform.yaml'] });
      expect(readFileSync(join(dir, 'specs/demo.platform.yaml'), 'utf8')).toBe('mine\n');
      expect(() => readFileSync(join(dir, '.github/workflows/platformc.yml'))).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes nothing when a folder on the way is a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'platformc-init-'));
    try {
      writeFileSync(join(dir, '.github'), 'not a folder\n');
      expect(writeInitFiles(dir, initFiles('demo'))).toEqual({ existing: ['.github'] });
      expect(() => readFileSync(join(dir, 'specs/demo.platform.yaml'))).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds a second platform to a project that has the workflow, keeping the workflow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'platformc-init-'));
    try {
      expect(writeInitFiles(dir, initFiles('first'))).toEqual({ written: ['specs/first.platform.yaml', '.github/workflows/platformc.yml', '.gitattributes'], kept: [] });
      const workflow = readFileSync(join(dir, '.github/workflows/platformc.yml'), 'utf8');
      expect(writeInitFiles(dir, initFiles('second'))).toEqual({ written: ['specs/second.platform.yaml'], kept: ['.github/workflows/platformc.yml', '.gitattributes'] });
      expect(readFileSync(join(dir, '.github/workflows/platformc.yml'), 'utf8')).toBe(workflow);

      // A workflow from an earlier platformc that validated one named spec: the output says what to change.
      writeFileSync(join(dir, '.github/workflows/platformc.yml'), workflow.replace('npx platformc validate --format', 'npx platformc validate specs/first.platform.yaml --format'));
      const out: string[] = [];
      const io = { cwd: dir, env: { NO_COLOR: '1' }, stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => out.push(text) } };
      expect(await runInit(io, { name: 'third', format: 'text', quiet: false })).toBe(0);
      expect(out.join('')).toContain('kept    .github/workflows/platformc.yml (left as it is)');
      expect(out.join('')).toContain('.github/workflows/platformc.yml validates specs/first.platform.yaml only: drop the path from its validate step so it checks every spec');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes a .gitattributes that keeps generated/ LF, and keeps one that exists, saying what it lacks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'platformc-init-'));
    try {
      git(dir, ['init', '-q']);
      expect(writeInitFiles(dir, initFiles('first'))).toMatchObject({ written: expect.arrayContaining(['.gitattributes']) as unknown as string[] });
      // Git itself reads the attribute: LF for generated/ whatever core.autocrlf is.
      expect(git(dir, ['check-attr', 'eol', '--', 'generated/first/dev/iam.template.json'])).toBe('generated/first/dev/iam.template.json: eol: lf\n');

      writeFileSync(join(dir, '.gitattributes'), '*.png binary\n');
      const out: string[] = [];
      const io = { cwd: dir, env: { NO_COLOR: '1' }, stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => out.push(text) } };
      expect(await runInit(io, { name: 'second', format: 'text', quiet: false })).toBe(0);
      expect(readFileSync(join(dir, '.gitattributes'), 'utf8')).toBe('*.png binary\n');
      expect(out.join('')).toContain('add `generated/** text eol=lf` to .gitattributes');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('returns a write error instead of throwing or hanging', () => {
    // Nobody, not even root, can make a folder under /proc/self.
    const outcome = writeInitFiles('/proc/self', initFiles('demo'));
    expect(outcome).toMatchObject({ failed: 'specs/demo.platform.yaml', written: [] });
  });
});
