import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../compiler/cli/main.js';
import { memoryIo } from '../check/memory-io.js';
import { FIXTURES } from './fixture-diff.js';

let dir: string;
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
const spec = () => join(dir, 'specs', 'fixture.platform.yaml');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'platformc-diff-'));
  mkdirSync(join(dir, 'specs'));
  copyFileSync(join(FIXTURES, 'iam-action-added', 'before.platform.yaml'), spec());
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  copyFileSync(join(FIXTURES, 'iam-action-added', 'after.platform.yaml'), spec());
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('platformc diff', () => {
  it('compares the working tree with HEAD by default, without touching the working tree', async () => {
    const before = readFileSync(spec(), 'utf8');
    const io = memoryIo(dir);
    expect(await runCli(['diff'], io)).toBe(0);
    expect(io.out()).toContain('fixture/dev: 0 added, 1 changed, 0 removed · IAM broadening');
    expect(io.out()).toContain('logs:CreateLogStream');
    // What was edited comes first, on its line of the working tree.
    const line = before.split('\n').findIndex((l) => l.includes('logs:CreateLogStream')) + 1;
    expect(io.out()).toMatch(new RegExp(`^spec changes:\n  specs/fixture\\.platform\\.yaml:${line}:\\d+ iam\\.roles\\.log-shipper\\.allow\\[0\\]\\.actions\\[\\d\\]: `));
    expect(readFileSync(spec(), 'utf8')).toBe(before);
    expect(git('status', '--porcelain')).toBe(' M specs/fixture.platform.yaml\n');
  });

  it('renders JSON and Markdown, and fails on broadening only when asked', async () => {
    const json = memoryIo(dir);
    expect(await runCli(['diff', '--base', 'HEAD', '--format', 'json'], json)).toBe(0);
    const report = JSON.parse(json.out()) as { base: string; broadening: boolean; stacks: { stack: string; iam: { kind: string }[] }[] };
    expect(report.base).toBe('HEAD');
    expect(report.broadening).toBe(true);
    expect(report.stacks.map((s) => [s.stack, s.iam.map((f) => f.kind)])).toEqual([['iam', ['action-added']]]);

    const md = memoryIo(dir);
    expect(await runCli(['diff', '--format', 'markdown', '--env', 'dev'], md)).toBe(0);
    expect(md.out()).toContain('| fixture | dev | 0 | 1 | 0 | **yes** | no | 0 |');
    expect(md.out()).toContain('<details><summary><b>fixture/dev/iam</b>');

    // From a subdirectory too, the annotation names the spec from the repository root, where GitHub looks.
    mkdirSync(join(dir, 'tools'));
    const github = memoryIo(join(dir, 'tools'));
    expect(await runCli(['diff', '--base', 'HEAD', '--format', 'github', '../specs/fixture.platform.yaml'], github)).toBe(0);
    expect(github.out()).toMatch(/^::warning title=IAM broadening,file=specs\/fixture\.platform\.yaml,line=\d+,col=\d+::fixture\/dev\/iam: LogShipperRole /);

    expect(await runCli(['diff', '--fail-on-broadening', '--quiet'], memoryIo(dir))).toBe(1);
    copyFileSync(join(FIXTURES, 'iam-action-added', 'before.platform.yaml'), spec());
    const none = memoryIo(dir);
    expect(await runCli(['diff', '--fail-on-broadening', '--quiet'], none)).toBe(0);
    expect(none.out()).toBe('');
  });

  it('calls out acknowledgements the change adds, in every format, as findings that no longer fail', async () => {
    const prodEnv = '  prod: { account: "444455556666", region: us-west-2, vpcCidr: 10.1.0.0/16, boundary: default, logRetentionDays: 7 }\n';
    const base = readFileSync(join(FIXTURES, 'iam-action-added', 'before.platform.yaml'), 'utf8').replace('network:\n', `${prodEnv}network:\n`);
    expect(base).toContain(prodEnv);
    const jsonOf = async (...args: string[]): Promise<{ acknowledgementsAdded: { code: string }[] }> => {
      const io = memoryIo(dir);
      await runCli(['diff', '--format', 'json', ...args], io);
      return JSON.parse(io.out()) as { acknowledgementsAdded: { code: string }[] };
    };
    const kept = '  - { code: cfn-lint W3005, reason: "ordering" }\n';
    writeFileSync(spec(), `${base}acknowledge:\n${kept}`);
    git('commit', '-q', '-am', 'an acknowledgement already there');
    const head = `${base}acknowledge:\n${kept}  - { code: IAM105, resource: iam.roles.log-shipper, reason: "bootstrap | role" }\n  - { code: cfn-lint W3005, env: dev, reason: "ordering" }\n`;
    writeFileSync(spec(), head);
    const line = head.split('\n').findIndex((l) => l.includes('IAM105')) + 1;

    const text = memoryIo(dir);
    expect(await runCli(['diff'], text)).toBe(0);
    expect(text.out()).toContain([
      'acknowledgements added (their findings no longer fail validation):',
      `  ! specs/fixture.platform.yaml:${line}:5 IAM105 in every environment on iam.roles.log-shipper: bootstrap | role`,
      `  ! specs/fixture.platform.yaml:${line + 1}:5 cfn-lint W3005 in dev: ordering`,
    ].join('\n'));
    expect((await jsonOf()).acknowledgementsAdded).toEqual([
      { file: 'specs/fixture.platform.yaml', code: 'IAM105', resource: 'iam.roles.log-shipper', reason: 'bootstrap | role', location: `specs/fixture.platform.yaml:${line}:5` },
      { file: 'specs/fixture.platform.yaml', code: 'cfn-lint W3005', env: 'dev', reason: 'ordering', location: `specs/fixture.platform.yaml:${line + 1}:5` },
    ]);
    const md = memoryIo(dir);
    await runCli(['diff', '--format', 'markdown'], md);
    expect(md.out()).toContain(`| \`specs/fixture.platform.yaml:${line}:5\` | IAM105 in every environment on iam.roles.log-shipper | bootstrap \\| role |`);
    const github = memoryIo(dir);
    await runCli(['diff', '--format', 'github'], github);
    expect(github.out()).toContain(`::warning title=Acknowledgement added,file=specs/fixture.platform.yaml,line=${line},col=5::IAM105 in every environment on iam.roles.log-shipper no longer fails validation: bootstrap | role`);
    // With --env, only what applies there.
    expect((await jsonOf('--env', 'prod')).acknowledgementsAdded.map((a) => a.code)).toEqual(['IAM105']);
  });

  it('prefers origin/main as the default base when it exists', async () => {
    git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    const io = memoryIo(dir);
    expect(await runCli(['diff', '--format', 'json'], io)).toBe(0);
    expect((JSON.parse(io.out()) as { base: string }).base).toBe('origin/main');
  });

  it('diffs a spec linked from inside the repository, and leaves out with DIFF006 one linked from outside', async () => {
    // Inside: the link is followed at the base as in the working tree, so the same change shows as usual.
    mkdirSync(join(dir, 'shared'));
    copyFileSync(join(FIXTURES, 'iam-action-added', 'before.platform.yaml'), join(dir, 'shared', 'other.platform.yaml'));
    writeFileSync(join(dir, 'shared', 'other.platform.yaml'), readFileSync(join(dir, 'shared', 'other.platform.yaml'), 'utf8').replace(/^platform: .*$/m, 'platform: other'));
    symlinkSync('../shared/other.platform.yaml', join(dir, 'specs', 'other.platform.yaml'));
    const outside = mkdtempSync(join(tmpdir(), 'platformc-outside-'));
    try {
      writeFileSync(join(outside, 'far.platform.yaml'), readFileSync(join(dir, 'shared', 'other.platform.yaml'), 'utf8').replace(/^platform: .*$/m, 'platform: far'));
      symlinkSync(join(outside, 'far.platform.yaml'), join(dir, 'specs', 'far.platform.yaml'));
      git('add', 'shared', 'specs/other.platform.yaml', 'specs/far.platform.yaml');
      git('commit', '-q', '-m', 'links');
      const io = memoryIo(dir);
      expect(await runCli(['diff', '--base', 'HEAD'], io)).toBe(0);
      // Only the fixture's own change: the spec linked from inside compares equal (it showed all added when
      // the base read the link's text), the one linked from outside is left out.
      expect(io.out()).toContain('fixture/dev: 0 added, 1 changed, 0 removed');
      expect(io.out()).toContain('other/dev: 0 added, 0 changed, 0 removed\n');
      expect(io.out()).not.toMatch(/^far\//m);
      expect(io.err()).toContain(`warning DIFF006: specs/far.platform.yaml links to ${join(outside, 'far.platform.yaml')}, outside the repository, so git has no version of it at HEAD; its platform is left out of the diff`);
      expect(io.err()).not.toContain('other.platform.yaml');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('points a removed hypervisor at the spec node that produced it, where that node is now', async () => {
    copyFileSync(join(FIXTURES, 'hypervisor-removed', 'before.platform.yaml'), spec());
    git('commit', '-q', '-am', 'two hypervisors');
    // A line more above the node, so its line in the working tree differs from the base's.
    writeFileSync(spec(), `# moved down a line\n${readFileSync(join(FIXTURES, 'hypervisor-removed', 'after.platform.yaml'), 'utf8')}`);
    const line = readFileSync(spec(), 'utf8').split('\n').findIndex((l) => l.startsWith('  hypervisors:')) + 1;
    const text = memoryIo(dir);
    expect(await runCli(['diff', '--base', 'HEAD'], text)).toBe(0);
    expect(text.out()).toMatch(new RegExp(`! Hypervisor02Instance \\(specs/fixture\\.platform\\.yaml:${line}:\\d+\\) AWS::EC2::Instance deleted with its data`));
    expect(text.out()).toMatch(new RegExp(`- Hypervisor02Instance \\(specs/fixture\\.platform\\.yaml:${line}:\\d+\\) AWS::EC2::Instance`));
    const github = memoryIo(dir);
    expect(await runCli(['diff', '--base', 'HEAD', '--format', 'github'], github)).toBe(0);
    expect(github.out()).toMatch(new RegExp(`^::warning title=Deletion \\(data is lost\\),file=specs/fixture\\.platform\\.yaml,line=${line},col=\\d+::fixture/dev/hosts: Hypervisor02Instance`, 'm'));
 
    expect(text.out(), 'dev is not protected').not.toContain('refused by the stack policy');

    // Protected (read from the compiled manifest), the same change will not deploy: the diff says so.
    const protect = (file: string) => readFileSync(file, 'utf8').replace('    logRetentionDays: 7\n', '    logRetentionDays: 7\n    protect: true\n');
    writeFileSync(spec(), protect(join(FIXTURES, 'hypervisor-removed', 'before.platform.yaml')));
    git('commit', '-q', '-am', 'protected');
    writeFileSync(spec(), protect(join(FIXTURES, 'hypervisor-removed', 'after.platform.yaml')));
    const guarded = memoryIo(dir);
    expect(await runCli(['diff', '--base', 'HEAD'], guarded)).toBe(0);
    expect(guarded.out()).toContain('fixture/dev: 0 added, 0 changed, 1 removed · 1 deleted with data · 1 refused by the stack policy');
    expect(guarded.out()).toMatch(/! Hypervisor02Instance \(specs\/fixture\.platform\.yaml:\d+:\d+\) refused by the stack policy of this protected environment/);
  });

  it('exits 2 for an unknown base or environment, with a coded message', async () => {
    const ref = memoryIo(dir);
    expect(await runCli(['diff', '--base', 'no-such-branch'], ref)).toBe(2);
    // About no file: the line starts with the severity, not with a made-up location.
    expect(ref.err()).toMatch(/^error DIFF001: base revision no-such-branch not found\n  hint: /);
    const env = memoryIo(dir);
    expect(await runCli(['diff', '--env', 'prdo'], env)).toBe(2);
    expect(env.err()).toContain('DIFF003');
    expect(await runCli(['diff', '--format', 'yaml'], memoryIo(dir))).toBe(2);
  });

  it('leaves a spec with errors out of the diff instead of showing it removed, and exits 1', async () => {
    writeFileSync(spec(), readFileSync(spec(), 'utf8').replace('vpcCidr: 10.0.0.0/16', 'vpcCidr: not-a-cidr'));
    const io = memoryIo(dir);
    expect(await runCli(['diff', '--format', 'json'], io)).toBe(1);
    const report = JSON.parse(io.out()) as { stacks: unknown[]; environments: unknown[]; diagnostics: { code: string }[] };
    expect(report.stacks).toEqual([]);
    expect(report.environments).toEqual([]);
    expect(report.diagnostics.map((d) => d.code)).toContain('DIFF005');
  });
});
