/**
 * `platformc compile` driven in-process: what it writes, what it removes, what it prints and its exit codes.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../compiler/cli/main.js';
import type { CliIo } from '../../compiler/cli/io.js';
import { exampleVariant } from '../properties/spec-variants.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'platformc-compile-'));
  mkdirSync(join(cwd, 'specs'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, env: { NO_COLOR: '1' }, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const spec = (hypervisors: number): string => exampleVariant({ environments: 2, hypervisors: [hypervisors], roles: 0 });

describe('platformc compile', () => {
  it('writes templates, parameter files, source maps and the manifest, and summarizes', async () => {
    writeFileSync(join(cwd, 'specs', 'cloudstack.platform.yaml'), spec(2));
    const { code, stdout, stderr } = await run('compile');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const file of ['manifest.json', 'dev/iam.template.json', 'dev/hosts.parameters.json', 'prod/network.sourcemap.json']) {
      expect(existsSync(join(cwd, 'generated', 'cloudstack', file)), file).toBe(true);
    }
    expect(stdout).toMatch(/^cloudstack {2}specs\/cloudstack\.platform\.yaml -> generated\/cloudstack\//);
    expect(stdout).toMatch(/ dev +\d+ stacks +\d+ resources/);
    expect(stdout).toMatch(/compiled 1 platform \(\d+ stacks\) in \d+ ms\n$/);
  });

  it('leaves unchanged files alone and removes files of stacks that are gone', async () => {
    writeFileSync(join(cwd, 'specs', 'cloudstack.platform.yaml'), spec(2));
    await run('compile', '--quiet');
    const stale = join(cwd, 'generated', 'cloudstack', 'retired', 'hosts.template.json');
    mkdirSync(join(cwd, 'generated', 'cloudstack', 'retired'));
    writeFileSync(stale, '{}\n');
    const notOurs = join(cwd, 'generated', 'cloudstack', 'NOTES.md');
    writeFileSync(notOurs, 'kept\n');
    const { stdout } = await run('compile');
    expect(stdout).toMatch(/files: 0 written, \d+ unchanged, 1 removed/);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(join(cwd, 'generated', 'cloudstack', 'retired'))).toBe(false);
    expect(readFileSync(notOurs, 'utf8')).toBe('kept\n');
  });

  it('writes to --out and prints nothing with --quiet', async () => {
    writeFileSync(join(cwd, 'specs', 'cloudstack.platform.yaml'), spec(1));
    const { code, stdout } = await run('compile', 'specs/cloudstack.platform.yaml', '--out', 'build', '--quiet');
    expect([code, stdout]).toEqual([0, '']);
    expect(existsSync(join(cwd, 'build', 'cloudstack', 'manifest.json'))).toBe(true);
  });

  it('reports per platform and diagnostics as JSON with --format json', async () => {
    writeFileSync(join(cwd, 'specs', 'cloudstack.platform.yaml'), spec(1));
    const { code, stdout } = await run('compile', '--format', 'json');
    const report = JSON.parse(stdout) as { ok: boolean; platforms: { platform: string; environments: { name: string; stacks: number }[] }[]; diagnostics: unknown[] };
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.platforms.map((p) => [p.platform, p.environments.map((e) => e.name)])).toEqual([['cloudstack', ['dev', 'prod']]]);
    expect(report.diagnostics).toEqual([]);
  });

  it('exits 1 and writes nothing for a spec with errors', async () => {
    writeFileSync(join(cwd, 'specs', 'cloudstack.platform.yaml'), spec(1).replace('vpcCidr: 10.1.0.0/16', 'vpcCidr: 10.1.0.0/33'));
    const { code, stderr } = await run('compile');
    expect(code).toBe(1);
    expect(stderr).toMatch(/specs\/cloudstack\.platform\.yaml:\d+:\d+: error /);
    expect(stderr.endsWith('specs/cloudstack.platform.yaml: 1 error, nothing written for this spec\n')).toBe(true);
    expect(existsSync(join(cwd, 'generated'))).toBe(false);
    expect((await run('compile', '--quiet')).stderr).not.toContain('nothing written');
  });

  it('exits 2 when a named spec file does not exist', async () => {
    const { code, stderr } = await run('compile', 'specs/missing.platform.yaml');
    expect(code).toBe(2);
    expect(stderr).toContain('missing.platform.yaml does not exist');
  });

  it('exits 2 with a diagnostic when the output cannot be written', async () => {
    writeFileSync(join(cwd, 'specs', 'cloudstack.platform.yaml'), spec(1));
    writeFileSync(join(cwd, 'occupied'), 'a file, not a directory\n');
    const { code, stderr } = await run('compile', '--out', 'occupied');
    expect(code).toBe(2);
    expect(stderr).toContain('COMPILE007');
    expect(stderr).toContain('cannot write occupied/cloudstack/');
  });

  it('exits 2 instead of hanging where no folder can be made', async () => {
    writeFileSync(join(cwd, 'specs', 'cloudstack.platform.yaml'), spec(1));
    const { code, stderr } = await run('compile', '--out', '/proc/self/generated');
    expect(code).toBe(2);
    expect(stderr).toContain('COMPILE007');
  });

  it('exits 2 on an unknown flag', async () => {
    expect((await run('compile', '--frobnicate')).code).toBe(2);
  });

  /** The smallest spec: one environment `env` of platform `platform` in `account`, one hypervisor. */
  const minimal = (platform: string, env: string, account = '111122223333'): string =>
    [
      'version: 1',
      `platform: ${platform}`,
      'environments:',
      `  ${env}: { account: "${account}", region: us-east-1, vpcCidr: 10.0.0.0/16, boundary: default, logRetentionDays: 7 }`,
      'network:',
      '  hostSubnet: { prefixLength: 24 }',
      '  overlay: { cidr: 172.16.0.0/16, vni: 1, port: 4789, multicastGroup: 239.255.0.1, mtu: 8951 }',
      'hosts:',
      '  router: { instanceType: c5n.large }',
      '  management: { instanceType: m5.large }',
      '  hypervisors: { instanceType: c5.metal, count: 1 }',
      '  image: { ssmParameter: /platform/demo/ami }',
      'iam:',
      '  boundaries:',
      '    default: {}',
      '',
    ].join('\n');

  it('reports two specs whose stacks share names in one account and region (COMPILE008), and writes only the first', async () => {
    // Platform ab-dev with environment prod, and platform ab with environment dev-prod: both make ab-dev-prod-iam.
    writeFileSync(join(cwd, 'specs', 'a.platform.yaml'), minimal('ab-dev', 'prod'));
    writeFileSync(join(cwd, 'specs', 'b.platform.yaml'), minimal('ab', 'dev-prod'));
    const { code, stderr } = await run('compile');
    expect(code).toBe(1);
    expect(stderr).toContain('specs/b.platform.yaml');
    expect(stderr).toContain('COMPILE008');
    expect(stderr).toContain('stack ab-dev-prod-iam of environment dev-prod is also a stack of platform ab-dev, environment prod (specs/a.platform.yaml)');
    expect(existsSync(join(cwd, 'generated', 'ab-dev', 'manifest.json'))).toBe(true);
    expect(existsSync(join(cwd, 'generated', 'ab'))).toBe(false);
  });

  it('lets names that only look alike live in different accounts', async () => {
    writeFileSync(join(cwd, 'specs', 'a.platform.yaml'), minimal('ab-dev', 'prod'));
    writeFileSync(join(cwd, 'specs', 'b.platform.yaml'), minimal('ab', 'dev-prod', '444455556666'));
    const { code, stderr } = await run('compile');
    expect(stderr).not.toContain('COMPILE008');
    expect(code, stderr).toBe(0);
  });

  it('reports two specs that define the same platform', async () => {
    writeFileSync(join(cwd, 'specs', 'a.platform.yaml'), spec(1));
    writeFileSync(join(cwd, 'specs', 'b.platform.yaml'), spec(1));
    const { code, stdout, stderr } = await run('compile');
    expect(code).toBe(1);
    expect(stderr).toContain('COMPILE006');
    expect(stderr).toContain('platform cloudstack is already defined by specs/a.platform.yaml');
    // Only the spec that failed says it wrote nothing; the summary counts it beside the one that compiled.
    expect(stderr).toContain('specs/b.platform.yaml: 1 error, nothing written for this spec\n');
    expect(stderr).not.toContain('specs/a.platform.yaml: ');
    expect(stdout).toMatch(/compiled 1 platform \(\d+ stacks\), 1 spec with errors in \d+ ms\n$/);
  });
});
