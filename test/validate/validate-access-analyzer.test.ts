/**
 * `platformc validate --access-analyzer --base <ref>` end to end: the spec at the base revision is read from git
 * and compiled in memory, every policy goes through the real SDK client to a local Access Analyzer, and the new
 * access is reported on the line of the statement that adds it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../compiler/cli/main.js';
import type { CliIo } from '../../compiler/cli/io.js';
import { ok, startFakeAccessAnalyzer, type FakeAccessAnalyzer } from './support/access-analyzer-server.js';

const root = join(import.meta.dirname, '..', '..');
const MINIMAL = readFileSync(join(root, 'specs', 'minimal.platform.yaml'), 'utf8');
const BASE = `${MINIMAL}  roles:
    shipper:
      service: ec2.amazonaws.com
      allow:
        - actions: [logs:PutLogEvents]
          resources: ["*"]
`;
const HEAD = `${BASE}        - actions: [s3:DeleteObject]
          resources: ["*"]
`;

let cwd: string;
let server: FakeAccessAnalyzer;

beforeAll(async () => {
  cwd = mkdtempSync(join(tmpdir(), 'platformc-aa-'));
  mkdirSync(join(cwd, 'specs'));
  const spec = join(cwd, 'specs', 'minimal.platform.yaml');
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd });
  };
  git('init', '-q');
  writeFileSync(spec, BASE);
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  writeFileSync(spec, HEAD);
  server = await startFakeAccessAnalyzer((request) => {
    if (request.path === '/policy/validation') {
      // A suggestion on the new statement's action, located as Access Analyzer locates one.
      return ok({ findings: String(request.body.policyDocument).includes('s3:DeleteObject') && request.body.policyType === 'IDENTITY_POLICY' ? [{
        findingDetails: 'Add a resource ARN to limit s3:DeleteObject.', findingType: 'SUGGESTION', issueCode: 'EXAMPLE_SUGGESTION',
        locations: [{ path: [{ value: 'Statement' }, { index: 1 }, { value: 'Action' }, { index: 0 }], span: { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 1, offset: 1 } } }],
      }] : [] });
    }
    if (request.path === '/policy/check-access-not-granted') return ok({ result: 'PASS', reasons: [] });
    const grantsNew = String(request.body.newPolicyDocument).includes('s3:DeleteObject');
    return ok(grantsNew
      ? { result: 'FAIL', message: 'The modified permissions grant new access compared to your existing policy.', reasons: [{ description: 'New access in the statement with index: 1.', statementIndex: 1 }] }
      : { result: 'PASS', reasons: [] });
  });
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDVALIDATE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_ENDPOINT_URL_ACCESSANALYZER: server.endpoint });
});

afterAll(async () => {
  await server.close();
  rmSync(cwd, { recursive: true, force: true });
});

async function validate(args: readonly string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io: CliIo = { cwd, env: { NO_COLOR: '1' }, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true } };
  const code = await runCli(['validate', '--no-lint', ...args], io);
  return { code, stdout };
}

describe('platformc validate --access-analyzer', () => {
  it('flags only the access the change adds, on the line of the statement that adds it', async () => {
    const { code, stdout } = await validate(['--access-analyzer', '--base', 'HEAD', '--no-cache']);
    const line = HEAD.split('\n').findIndex((l) => l.includes('[s3:DeleteObject]')) + 1;
    expect(stdout).toMatch(new RegExp(`^specs/minimal\\.platform\\.yaml:${line}:\\d+: security_warning AA101: .*grants access that HEAD does not`, 'mi'));
    expect(code).toBe(1);

    const validations = server.requests.filter((r) => r.path === '/policy/validation');
    const types = validations.map((r) => `${String(r.body.policyType)} ${String(r.body.validatePolicyResourceType ?? '-')}`);
    expect(types).toContain('RESOURCE_POLICY AWS::IAM::AssumeRolePolicyDocument');
    expect(types).toContain('IDENTITY_POLICY -');
    const boundary = validations.map((r) => String(r.body.policyDocument)).find((d) => d.includes('iam:PermissionsBoundary'));
    expect(boundary).toContain('arn:aws:iam::111122223333:policy/minimal-dev-boundary');
    for (const r of server.requests) expect(String(r.headers.authorization)).toContain('/us-east-1/access-analyzer/aws4_request');
    const compared = server.requests.filter((r) => r.path === '/policy/check-no-new-access' && String(r.body.newPolicyDocument).includes('s3:DeleteObject'));
    expect(compared).toHaveLength(1);
    expect(String(compared[0]?.body.existingPolicyDocument)).toContain('logs:PutLogEvents');
    expect(String(compared[0]?.body.existingPolicyDocument)).not.toContain('s3:DeleteObject');
  });

  it('puts a ValidatePolicy finding on the action its location names, where the spec writes it', async () => {
    const { stdout } = await validate(['--access-analyzer', '--base', 'HEAD', '--format', 'json']);
    const report = JSON.parse(stdout) as { diagnostics: { code: string; line: number; col: number; notes?: string[] }[] };
    const row = HEAD.split('\n').findIndex((l) => l.includes('[s3:DeleteObject]'));
    expect(report.diagnostics.filter((d) => d.code === 'access-analyzer EXAMPLE_SUGGESTION')).toEqual([expect.objectContaining({
      line: row + 1, col: (HEAD.split('\n')[row] ?? '').indexOf('s3:DeleteObject') + 1, notes: ['in minimal-dev-iam: ShipperRole inline policy 0, statement 1'],
    })]);
  });

  it('caches answers so a re-run makes no calls', async () => {
    await validate(['--access-analyzer', '--base', 'HEAD']);
    expect(existsSync(join(cwd, '.platformc-cache', 'access-analyzer'))).toBe(true);
    const before = server.requests.length;
    const { code } = await validate(['--access-analyzer', '--base', 'HEAD']);
    expect(server.requests.length).toBe(before);
    expect(code).toBe(1);
  });

  it('passes once the new access is acknowledged, printing the reason', async () => {
    writeFileSync(join(cwd, 'specs', 'minimal.platform.yaml'), `${HEAD}acknowledge:\n  - { code: AA101, env: dev, resource: iam.roles.shipper, reason: "shipper prunes old archives" }\n`);
    const { code, stdout } = await validate(['--access-analyzer', '--base', 'HEAD', '--format', 'json']);
    const report = JSON.parse(stdout) as { diagnostics: { code: string; acknowledged?: string }[] };
    expect(report.diagnostics.filter((d) => d.code === 'AA101').map((d) => d.acknowledged)).toEqual(['shipper prunes old archives']);
    expect(code).toBe(0);
    writeFileSync(join(cwd, 'specs', 'minimal.platform.yaml'), HEAD);
  });

  it('without --base or --reference compares with origin/main, and says so where there is none', async () => {
    const missing = await validate(['--access-analyzer', '--no-cache']);
    expect(missing.stdout).toMatch(/AA104: CheckNoNewAccess was not run: no --base or --reference, and no origin\/main/);
    expect(missing.code).toBe(0);
    // Suggestions (this AA104, and the server's suggestion on the new action) are counted as notes, not warnings.
    expect(missing.stdout).toMatch(/\n1 spec valid \(2 notes\)\n$/);
    // A remote-tracking ref at the base commit: the default now finds the new access as --base HEAD does.
    execFileSync('git', ['update-ref', 'refs/remotes/origin/main', 'HEAD'], { cwd });
    try {
      const compared = await validate(['--access-analyzer', '--no-cache']);
      expect(compared.stdout).toContain('AA101');
      expect(compared.stdout).not.toContain('AA104');
      expect(compared.code).toBe(1);
    } finally {
      execFileSync('git', ['update-ref', '-d', 'refs/remotes/origin/main'], { cwd });
    }
  });

  it('reads a spec that is a link inside the repository at the base through the link', async () => {
    // At the base, specs/linked.platform.yaml leads to shared/base.platform.yaml, whose content git has.
    const git = (...args: string[]): void => {
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd });
    };
    mkdirSync(join(cwd, 'shared'));
    writeFileSync(join(cwd, 'shared', 'base.platform.yaml'), BASE.replace(/^platform: .*$/m, 'platform: linked'));
    symlinkSync('../shared/base.platform.yaml', join(cwd, 'specs', 'linked.platform.yaml'));
    git('add', 'shared', 'specs/linked.platform.yaml');
    git('commit', '-q', '-m', 'linked');
    const base = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    writeFileSync(join(cwd, 'shared', 'base.platform.yaml'), HEAD.replace(/^platform: .*$/m, 'platform: linked'));
    try {
      const { stdout } = await validate(['specs/linked.platform.yaml', '--access-analyzer', '--base', base, '--no-cache']);
      // Compared with the linked content at the base: only the added statement is new access.
      expect(stdout).not.toContain('AA901');
      const line = HEAD.split('\n').findIndex((l) => l.includes('[s3:DeleteObject]')) + 1;
      expect(stdout).toMatch(new RegExp(`^specs/linked\\.platform\\.yaml:${line}:\\d+: security_warning AA101: .*grants access that ${base} does not`, 'm'));
    } finally {
      rmSync(join(cwd, 'specs', 'linked.platform.yaml'));
      rmSync(join(cwd, 'shared'), { recursive: true, force: true });
    }
  });

  it('reports a base revision that does not exist', async () => {
    const { code, stdout } = await validate(['--access-analyzer', '--base', 'no-such-branch', '--no-cache']);
    expect(stdout).toMatch(/error AA901: cannot read specs\/minimal\.platform\.yaml at no-such-branch/i);
    expect(code).toBe(1);
  });
});
