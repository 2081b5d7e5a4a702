import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PINNED_CFN_LINT } from '../../compiler/lint/find-cfn-lint.js';
import { PINNED_MOTO } from '../../compiler/deploy/local-moto.js';
import { lintStacks } from '../../compiler/lint/run-cfn-lint.js';
import { locateInSpec } from '../../compiler/lint/locate-in-spec.js';
import { parseCfnLintReport } from '../../compiler/lint/cfn-lint-report.js';
import { directoryCache } from '../../compiler/cache/result-cache.js';
import type { Finding } from '../../compiler/iam-checks/finding.js';
import { role, SPEC, stack } from './support/builders.js';

const cwd = join(import.meta.dirname, '..', '..');

describe('cfn-lint wrapper', () => {
  it('maps a real cfn-lint error to the spec line of the resource and of the policy statement', async () => {
    const s = stack({
      name: 'logging',
      resources: {
        Archive: { Type: 'AWS::S3::Bucket', Properties: { BucketNam: 'archive' } },
        ShipperRole: role([{ Effect: 'Allw', Action: 'logs:PutLogEvents', Resource: '*' }]),
      },
      lines: { Archive: 12, ShipperRole: 30, 'ShipperRole/Properties.Policies.0.PolicyDocument.Statement.0': 33 },
    });
    const diagnostics = (await lintStacks([s], { cwd, env: process.env })).map((f) => f.diagnostic);
    const summary = diagnostics.map((d) => `${d.file}:${d.position?.line}:${d.position?.col} ${d.severity} ${d.code}`).sort();
    expect(summary).toEqual([
      `${SPEC}:12:5 error cfn-lint E3002`,
      `${SPEC}:33:5 error cfn-lint E3510`,
    ]);
    expect(diagnostics.find((d) => d.code === 'cfn-lint E3002')?.message).toContain('BucketNam');
  });

  it('condenses a real finding that lists every instance type to its count and the closest type', async () => {
    const s = stack({
      name: 'hosts',
      resources: { Management: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', InstanceType: 'm5.xlarge-x' } } },
      lines: { Management: 9 },
    });
    const diagnostics = (await lintStacks([s], { cwd, env: process.env })).map((f) => f.diagnostic);
    const finding = diagnostics.find((d) => d.code === 'cfn-lint E3628');
    expect(finding?.position?.line).toBe(9);
    // cfn-lint itself prints over 20,000 characters here.
    expect(finding?.message).toMatch(/^'m5\.xlarge-x' is not one of the \d{3,} allowed values \(closest: 'm5\.xlarge'\) in 'us-east-1'$/);
  });

  it('lints a clean template to no findings', async () => {
    const s = stack({ resources: { Archive: { Type: 'AWS::S3::Bucket', Properties: {} } } });
    expect(await lintStacks([s], { cwd, env: process.env })).toEqual([]);
  });

  it('says how to install cfn-lint when it is missing, without failing', async () => {
    const s = stack({ resources: {} });
    const diagnostics = (await lintStacks([s], { cwd: '/nonexistent', env: { PATH: '/nonexistent/bin' } })).map((f) => f.diagnostic);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'LINT001', severity: 'error', file: SPEC });
    // Commands that work in any project, not scripts of platformc's own repository.
    expect(diagnostics[0]?.hint).toContain('`python3 -m venv .venv && .venv/bin/pip install cfn-lint==1.58.0` (platformc looks in .venv first)');
    expect(diagnostics[0]?.hint).toContain('`pip install cfn-lint==1.58.0`');
    expect(diagnostics[0]?.hint).not.toContain('.ci/');
  });

  it('reports a broken cfn-lint as a diagnostic', async () => {
    const s = stack({ resources: {} });
    const diagnostics = (await lintStacks([s], { cwd, env: process.env, executable: '/bin/false' })).map((f) => f.diagnostic);
    expect(diagnostics.map((d) => d.code)).toEqual(['LINT002']);
  });

  it('falls back to the resource, then the parameter, then the top of the spec', () => {
    const s = stack({ resources: {}, lines: { Web: 7 } });
    expect(locateInSpec(s, ['Resources', 'Web', 'Properties', 'ImageId']).position?.line).toBe(7);
    expect(locateInSpec(s, ['Outputs', 'X'])).toEqual({ file: SPEC, path: [] });
  });

  it('points a finding inside a property made from another spec node at that node', () => {
    const s = stack({ resources: {}, lines: { Web: 7 } });
    const withProperty = { ...s, sourceMap: { ...s.sourceMap, properties: { 'Web/Properties.UserData': { path: ['network', 'overlay'], location: `${SPEC}:30:3` } } } };
    expect(locateInSpec(withProperty, ['Resources', 'Web', 'Properties', 'UserData', 'Fn::Base64'])).toMatchObject({ path: ['network', 'overlay'], position: { line: 30 } });
    expect(locateInSpec(withProperty, ['Resources', 'Web', 'Properties', 'ImageId']).position?.line).toBe(7);
  });

  it('counts report entries of an unexpected shape instead of dropping them', () => {
    expect(parseCfnLintReport('not json')).toBeUndefined();
    expect(parseCfnLintReport('[{"Rule": 1}]')).toEqual({ matches: [], unreadable: 1 });
  });

  it('says when cfn-lint is not the pinned version or reports what cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'platformc-fake-lint-'));
    const fake = join(dir, 'cfn-lint');
    writeFileSync(fake, '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "cfn-lint 0.87.1"; else echo \'[{"Rule": {"Id": 7}}]\'; fi\n', { mode: 0o755 });
    try {
      const diagnostics = (await lintStacks([stack({ resources: {} })], { cwd, env: process.env, executable: fake })).map((f) => f.diagnostic);
      expect(diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(['LINT002 error', 'LINT003 warning']);
      expect(diagnostics[1]?.message).toContain(`cfn-lint 0.87.1 at ${fake} is not the pinned ${PINNED_CFN_LINT}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('with a cache', () => {
    /**
     * A cfn-lint installed as pip installs it (`<prefix>/bin/cfn-lint` beside `<prefix>/lib/python3.x/site-packages/
     * cfn_lint-<version>.dist-info`) that logs each start, then runs the project's pinned one.
     */
    function loggingCfnLint(version = PINNED_CFN_LINT): { executable: string; starts: () => string[]; dir: string } {
      const dir = mkdtempSync(join(tmpdir(), 'platformc-cached-lint-'));
      mkdirSync(join(dir, 'prefix', 'bin'), { recursive: true });
      mkdirSync(join(dir, 'prefix', 'lib', 'python3.11', 'site-packages', `cfn_lint-${version}.dist-info`), { recursive: true });
      const executable = join(dir, 'prefix', 'bin', 'cfn-lint');
      const log = join(dir, 'starts.log');
      writeFileSync(executable, `#!/bin/sh\necho "$*" >> '${log}'\nexec '${join(cwd, '.venv', 'bin', 'cfn-lint')}' "$@"\n`, { mode: 0o755 });
      return { executable, dir, starts: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
    }
    const broken = stack({ name: 'logging', resources: { Archive: { Type: 'AWS::S3::Bucket', Properties: { BucketNam: 'archive' } } }, lines: { Archive: 12 } });
    const clean = stack({ name: 'iam', resources: { Archive: { Type: 'AWS::S3::Bucket', Properties: {} } } });
    const summary = (findings: readonly Finding[]) => findings.map((f) => `${f.diagnostic.position?.line} ${f.diagnostic.code} ${f.diagnostic.message} ${f.diagnostic.notes?.join()}`);

    it('lints only the templates it has not seen, and starts no cfn-lint when it has seen them all', async () => {
      const lint = loggingCfnLint();
      try {
        const cache = directoryCache(join(lint.dir, 'cache'));
        const first = await lintStacks([broken, clean], { cwd, env: process.env, executable: lint.executable, cache });
        expect(summary(first)).toEqual([expect.stringMatching(/^12 cfn-lint E3002 .*BucketNam.* in demo-dev-logging: Resources\/Archive\/Properties\/BucketNam$/)]);
        expect(lint.starts()).toHaveLength(1);
        // Again: the same findings, from the cache, and no new start.
        expect(summary(await lintStacks([broken, clean], { cwd, env: process.env, executable: lint.executable, cache }))).toEqual(summary(first));
        expect(lint.starts()).toHaveLength(1);
        // One template changed: only it is linted.
        const changed = stack({ name: 'iam', resources: { Archive: { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: 'Sometimes' } } } }, lines: { Archive: 20 } });
        const third = await lintStacks([broken, changed], { cwd, env: process.env, executable: lint.executable, cache });
        expect(lint.starts()).toHaveLength(2);
        expect(lint.starts()[1]?.match(/\.template\.json/g)).toHaveLength(1);
        expect(lint.starts()[1]).toContain('demo-dev-iam');
        expect(summary(third).map((line) => line.split(' ').slice(0, 2).join(' ')).sort()).toEqual(['12 cfn-lint', '20 cfn-lint']);
      } finally {
        rmSync(lint.dir, { recursive: true, force: true });
      }
    });

    it('lints again after cfn-lint was upgraded or its configuration changed, and caches nothing for a cfn-lint of unknown release', async () => {
      const lint = loggingCfnLint();
      const home = mkdtempSync(join(tmpdir(), 'platformc-home-'));
      try {
        const cache = directoryCache(join(lint.dir, 'cache'));
        const env = { ...process.env, HOME: home };
        await lintStacks([clean], { cwd, env, executable: lint.executable, cache });
        writeFileSync(join(home, '.cfnlintrc'), 'ignore_checks: [W3005]\n');
        await lintStacks([clean], { cwd, env, executable: lint.executable, cache });
        expect(lint.starts()).toHaveLength(2);
        await lintStacks([clean], { cwd, env, executable: lint.executable, cache });
        expect(lint.starts()).toHaveLength(2);
        const upgraded = join(lint.dir, 'prefix', 'lib', 'python3.11', 'site-packages');
        renameSync(join(upgraded, `cfn_lint-${PINNED_CFN_LINT}.dist-info`), join(upgraded, 'cfn_lint-9.9.9.dist-info'));
        const after = await lintStacks([clean], { cwd, env, executable: lint.executable, cache });
        expect(lint.starts()).toHaveLength(3);
        // The release comes from the package metadata, so it is also what LINT003 names.
        expect(after.map((f) => f.diagnostic.message)).toEqual([`cfn-lint 9.9.9 at ${lint.executable} is not the pinned ${PINNED_CFN_LINT}; its findings may differ from CI's`]);
        // Two releases side by side: which one runs is unknown, so nothing is cached.
        mkdirSync(join(upgraded, `cfn_lint-${PINNED_CFN_LINT}.dist-info`));
        await lintStacks([clean], { cwd, env, executable: lint.executable, cache });
        await lintStacks([clean], { cwd, env, executable: lint.executable, cache });
        expect(lint.starts().filter((start) => !start.startsWith('--version'))).toHaveLength(5);
      } finally {
        rmSync(lint.dir, { recursive: true, force: true });
        rmSync(home, { recursive: true, force: true });
      }
    });

    it('leaves git status clean in a project that does not ignore the cache', async () => {
      const lint = loggingCfnLint();
      try {
        execFileSync('git', ['init', '-q', lint.dir]);
        await lintStacks([clean], { cwd, env: process.env, executable: lint.executable, cache: directoryCache(join(lint.dir, '.platformc-cache', 'cfn-lint')) });
        expect(readdirSync(join(lint.dir, '.platformc-cache', 'cfn-lint')).filter((name) => name.endsWith('.json'))).toHaveLength(1);
        const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: lint.dir, encoding: 'utf8' });
        expect(status.split('\n').filter((line) => line.includes('.platformc-cache'))).toEqual([]);
        expect(status).toContain('starts.log');
      } finally {
        rmSync(lint.dir, { recursive: true, force: true });
      }
    });

    it('caches nothing from a run that failed', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'platformc-failing-lint-'));
      try {
        mkdirSync(join(dir, 'prefix', 'bin'), { recursive: true });
        mkdirSync(join(dir, 'prefix', 'lib', 'python3.11', 'site-packages', `cfn_lint-${PINNED_CFN_LINT}.dist-info`), { recursive: true });
        const executable = join(dir, 'prefix', 'bin', 'cfn-lint');
        writeFileSync(executable, '#!/bin/sh\necho "Traceback: boom" >&2\nexit 1\n', { mode: 0o755 });
        const cache = directoryCache(join(dir, 'cache'));
        const failed = await lintStacks([clean], { cwd, env: process.env, executable, cache });
        expect(failed.map((f) => f.diagnostic.code)).toEqual(['LINT002']);
        expect(existsSync(join(dir, 'cache'))).toBe(false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('shows a match for a file it did not lint at the top of the spec rather than dropping it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'platformc-odd-lint-'));
    const fake = join(dir, 'cfn-lint');
    const match = { Rule: { Id: 'E0000' }, Level: 'Error', Message: 'odd', Filename: 'elsewhere.json', Location: { Path: [] } };
    writeFileSync(fake, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "cfn-lint ${PINNED_CFN_LINT}"; else echo '${JSON.stringify([match])}'; exit 2; fi\n`, { mode: 0o755 });
    try {
      const diagnostics = (await lintStacks([stack({ resources: {} })], { cwd, env: process.env, executable: fake })).map((f) => f.diagnostic);
      expect(diagnostics.map((d) => [d.code, d.file, d.message, d.notes])).toEqual([['cfn-lint E0000', SPEC, 'odd', ['in template: ']]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pins the same cfn-lint and moto versions as requirements-dev.txt', () => {
    const requirements = readFileSync(join(cwd, 'requirements-dev.txt'), 'utf8');
    expect(/^cfn-lint==(\S+)$/m.exec(requirements)?.[1]).toBe(PINNED_CFN_LINT);
    expect(/^moto\[server\]==(\S+)$/m.exec(requirements)?.[1]).toBe(PINNED_MOTO);
  });

});
