/**
 * `platformc validate` end to end, in-process: the spec compiles, cfn-lint and the IAM checks run on the result,
 * and every finding is reported on the spec line that produced it, in text, JSON and SARIF.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../compiler/cli/main.js';
import type { CliIo } from '../../compiler/cli/io.js';

const root = join(import.meta.dirname, '..', '..');
const MINIMAL = readFileSync(join(root, 'specs', 'minimal.platform.yaml'), 'utf8');

/** The minimal example plus a role whose second action does not exist. */
const WITH_BAD_ROLE = `${MINIMAL}  roles:
    shipper:
      service: ec2.amazonaws.com
      allow:
        - actions: [logs:PutLogEvents]
          resources: ["*"]
        - actions: [sqs:ReceiveMessages]
          resources: ["*"]
`;

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'platformc-validate-'));
  mkdirSync(join(cwd, 'specs'));
  writeFileSync(join(cwd, '.cfnlintrc'), readFileSync(join(root, '.cfnlintrc')));
  writeFileSync(join(cwd, 'specs', 'minimal.platform.yaml'), MINIMAL);
  writeFileSync(join(cwd, 'specs', 'bad-role.platform.yaml'), WITH_BAD_ROLE.replace('platform: minimal', 'platform: badrole'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

async function validate(args: readonly string[], where = (): string => cwd): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd: where(),
    env: { NO_COLOR: '1' },
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  };
  process.env.PATH = `${join(root, '.venv', 'bin')}${delimiter}${process.env.PATH ?? ''}`;
  const code = await runCli(['validate', ...args], io);
  return { code, stdout, stderr };
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('platformc validate', () => {
  it('runs cfn-lint and the IAM checks over a clean example and passes', async () => {
    const { code, stdout } = await validate(['specs/minimal.platform.yaml', '--format', 'json']);
    const report = JSON.parse(stdout) as { steps: string[]; diagnostics: unknown[] };
    expect(report.steps).toEqual(['spec', 'compile', 'cfn-lint', 'iam']);
    expect(report.diagnostics).toEqual([]);
    expect(code).toBe(0);
  });

  it('validates the bundled examples without a blocking finding from any step', async () => {
    const { code, stdout } = await validate(['--format', 'json'], () => root);
    const report = JSON.parse(stdout) as { steps: string[]; files: { file: string }[]; diagnostics: { code: string; severity: string }[] };
    expect(report.files.map((f) => f.file)).toEqual(['specs/cloudstack.platform.yaml', 'specs/minimal.platform.yaml']);
    expect(report.steps).toEqual(['spec', 'compile', 'cfn-lint', 'iam']);
    expect(report.diagnostics.filter((d) => ['error', 'ERROR', 'SECURITY_WARNING'].includes(d.severity))).toEqual([]);
    expect(code).toBe(0);
  });

  it('reports an unknown action on the spec line of its statement and fails', async () => {
    const { code, stdout } = await validate(['specs/bad-role.platform.yaml']);
    const line = lineOf(WITH_BAD_ROLE, '- actions: [sqs:ReceiveMessages]');
    expect(stdout).toMatch(new RegExp(`^specs/bad-role\\.platform\\.yaml:${line}:\\d+: error IAM102: .*unknown action "sqs:ReceiveMessages"`, 'mi'));
    expect(stdout).toMatch(new RegExp(`^specs/bad-role\\.platform\\.yaml:${line}:\\d+: warning cfn-lint W3037: `, 'm'));
    expect(code).toBe(1);
  });

  it('reports what every environment shares once, at the action itself, with the action meant', async () => {
    const prod = '  prod: { account: "444455556666", region: us-west-2, vpcCidr: 10.1.0.0/16, boundary: default, logRetentionDays: 7 }';
    const twoEnvironments = WITH_BAD_ROLE.replace('platform: minimal', 'platform: twoenv').replace(/^( {2}dev: \{.*\})$/m, `$1\n${prod}`);
    expect(twoEnvironments).toContain(prod);
    writeFileSync(join(cwd, 'specs', 'two-environments.platform.yaml'), twoEnvironments);
    const { stdout } = await validate(['specs/two-environments.platform.yaml', '--format', 'json']);
    const report = JSON.parse(stdout) as { diagnostics: { code: string; line: number; col: number; hint?: string; notes?: string[] }[] };
    const line = lineOf(twoEnvironments, '- actions: [sqs:ReceiveMessages]');
    const col = (twoEnvironments.split('\n')[line - 1] ?? '').indexOf('sqs:ReceiveMessages') + 1;
    expect(report.diagnostics.filter((d) => d.code === 'IAM102')).toEqual([expect.objectContaining({
      line, col, hint: 'did you mean "sqs:ReceiveMessage"?', notes: ['in twoenv-dev-iam, twoenv-prod-iam: ShipperRole inline policy 0, statement 1'],
    })]);
    // cfn-lint sees the same action in both templates: one finding too.
    const lint = report.diagnostics.filter((d) => d.code === 'cfn-lint W3037');
    expect(lint).toHaveLength(1);
    expect(lint[0]?.notes?.[0]).toMatch(/^in twoenv-dev-iam, twoenv-prod-iam: Resources\/ShipperRole\//);
  });

  it('names each step on an interactive terminal while it runs, and erases the line before the report', async () => {
    const run = async (options: { tty: boolean; env: Record<string, string>; args?: readonly string[] }): Promise<{ stdout: string; stderr: string }> => {
      let stdout = '';
      let stderr = '';
      const io: CliIo = {
        cwd, env: { NO_COLOR: '1', ...options.env },
        stdout: { write: (t: string) => (stdout += t), isTTY: options.tty },
        stderr: { write: (t: string) => (stderr += t), isTTY: options.tty },
      };
      await runCli(['validate', 'specs/minimal.platform.yaml', '--no-lint', ...(options.args ?? [])], io);
      return { stdout, stderr };
    };
    const terminal = await run({ tty: true, env: {} });
    expect(terminal.stderr).toBe('\r\u001b[Kvalidate: compile...\r\u001b[Kvalidate: iam...\r\u001b[K');
    expect(terminal.stdout).toBe('1 spec valid\n');
    const silent: { tty: boolean; env: Record<string, string>; args?: readonly string[] }[] = [
      { tty: false, env: {} }, { tty: true, env: { CI: 'true' } }, { tty: true, env: {}, args: ['--format', 'json'] }, { tty: true, env: {}, args: ['--quiet'] },
    ];
    for (const quiet of silent) {
      expect((await run(quiet)).stderr, JSON.stringify(quiet)).toBe('');
    }
  });

  it('lets --block-on decide what fails, without hiding the finding', async () => {
    const { code, stdout } = await validate(['specs/bad-role.platform.yaml', '--block-on', 'SECURITY_WARNING']);
    expect(stdout).toContain('IAM102');
    expect(code).toBe(0);
  });

  it('writes SARIF with the finding at the spec line', async () => {
    const { code, stdout } = await validate(['specs/bad-role.platform.yaml', '--format', 'sarif']);
    const log = JSON.parse(stdout) as { version: string; runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    expect(log.version).toBe('2.1.0');
    const result = log.runs[0]!.results.find((r) => r.ruleId === 'IAM102');
    expect(result?.level).toBe('error');
    expect(result?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('specs/bad-role.platform.yaml');
    expect(result?.locations[0]?.physicalLocation.region.startLine).toBe(lineOf(WITH_BAD_ROLE, '- actions: [sqs:ReceiveMessages]'));
    expect(code).toBe(1);
  });

  it('marks an acknowledged finding with its reason and does not fail', async () => {
    const acknowledged = `${WITH_BAD_ROLE.replace('platform: minimal', 'platform: acked')}acknowledge:
  - { code: IAM102, env: dev, reason: "queue arrives with the next release" }
`;
    writeFileSync(join(cwd, 'specs', 'acked.platform.yaml'), acknowledged);
    const { code, stdout } = await validate(['specs/acked.platform.yaml', '--format', 'json']);
    const report = JSON.parse(stdout) as { diagnostics: { code: string; acknowledged?: string }[] };
    expect(report.diagnostics.find((d) => d.code === 'IAM102')?.acknowledged).toBe('queue arrives with the next release');
    expect(report.diagnostics.map((d) => d.code)).not.toContain('ACK005');
    expect(code).toBe(0);
  });

  it('lists findings in spec order across checks, and counts acknowledged ones apart from errors', async () => {
    const mixed = `${MINIMAL.replace('platform: minimal', 'platform: mixed')}  roles:
    shipper:
      service: ec2.amazonaws.com
      allow:
        - actions: [sqs:ReceiveMessages, iam:PassRole]
          resources: ["*"]
acknowledge:
  - { code: IAM102, reason: "queue arrives with the next release" }
`;
    writeFileSync(join(cwd, 'specs', 'mixed.platform.yaml'), mixed);
    const { code, stdout } = await validate(['specs/mixed.platform.yaml', '--no-lint']);
    const row = lineOf(mixed, 'sqs:ReceiveMessages');
    const at = (text: string): string => `${row}:${(mixed.split('\n')[row - 1] ?? '').indexOf(text) + 1}`;
    // The IAM checks found IAM105 first; the report follows the line from left to right.
    expect(stdout.split('\n').filter((l) => l.startsWith('specs/'))).toEqual([
      `specs/mixed.platform.yaml:${at('sqs:ReceiveMessages')}: error IAM102: unknown action "sqs:ReceiveMessages"`,
      `specs/mixed.platform.yaml:${at('iam:PassRole')}: security_warning IAM105: iam:PassRole on Resource "*" lets any role be passed to a service`,
    ]);
    expect(stdout.endsWith('1 error, 0 warnings, 1 acknowledged in 1 spec\n')).toBe(true);
    expect(code).toBe(1);
    const json = JSON.parse((await validate(['specs/mixed.platform.yaml', '--no-lint', '--format', 'json'])).stdout) as { summary: unknown };
    expect(json.summary).toEqual({ errors: 1, warnings: 0, notes: 0, acknowledged: 1 });
  });

  it('warns about an acknowledgement that accepts nothing any more, without failing', async () => {
    const stale = `${MINIMAL.replace('platform: minimal', 'platform: stale')}acknowledge:
  - { code: IAM105, reason: "the deployer passed any role once" }
  - { code: cfn-lint W3005, reason: "ordering" }
`;
    writeFileSync(join(cwd, 'specs', 'stale.platform.yaml'), stale);
    const { code, stdout } = await validate(['specs/stale.platform.yaml', '--format', 'json']);
    const report = JSON.parse(stdout) as { diagnostics: { code: string; severity: string; line: number; message: string }[] };
    expect(report.diagnostics.map((d) => [d.code, d.severity, d.line, d.message])).toEqual([
      ['ACK005', 'warning', lineOf(stale, 'code: IAM105'), 'acknowledgement of IAM105 accepts nothing: no such finding in this run'],
      ['ACK005', 'warning', lineOf(stale, 'code: cfn-lint W3005'), 'acknowledgement of cfn-lint W3005 accepts nothing: no such finding in this run'],
    ]);
    expect(code).toBe(0);
    // Without cfn-lint, its entry is not judged.
    const unlinted = JSON.parse((await validate(['specs/stale.platform.yaml', '--format', 'json', '--no-lint'])).stdout) as { diagnostics: { code: string; message: string }[] };
    expect(unlinted.diagnostics.map((d) => d.message)).toEqual(['acknowledgement of IAM105 accepts nothing: no such finding in this run']);
  });

  it('rejects an unknown --block-on severity as a usage error', async () => {
    const { code } = await validate(['--block-on', 'CRITICAL']);
    expect(code).toBe(2);
  });

  // Values that would quietly check less than asked (an empty list checks nothing) or fail only at the API.
  it.each([
    [['--block-on', ' , '], 'expected one or more of ERROR, SECURITY_WARNING, WARNING, SUGGESTION, got an empty value.'],
    [['--must-not-grant', ',,'], 'expected IAM actions (iam:PassRole or dev=iam:PassRole), got an empty value.'],
    [['--must-not-grant', 'dev='], '"dev=": "" is not an IAM action such as iam:PassRole'],
    [['--must-not-grant', 'iam PassRole'], '"iam PassRole": "iam PassRole" is not an IAM action such as iam:PassRole'],
    [['--must-not-grant', 'Prod=iam:PassRole'], '"Prod=iam:PassRole": "Prod" is not an environment name'],
  ])('refuses %j as a usage error before any call', async (args, says) => {
    const { code, stderr, stdout } = await validate(['--access-analyzer', ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(says);
    expect(stdout).toBe('');
  });

  it('accepts actions with wildcards, for every environment or one', async () => {
    const { parseMustNotGrant } = await import('../../compiler/access-analyzer/flags.js');
    expect(parseMustNotGrant('iam:PassRole, prod=iam:Create*,s3:Get?bject')).toBe('iam:PassRole, prod=iam:Create*,s3:Get?bject');
  });

  it.each([
    [['--base', 'origin/main'], '--base'],
    [['--reference', 'dev=ref.json'], '--reference'],
    [['--must-not-grant', 'iam:PassRole'], '--must-not-grant'],
  ])('refuses %j without --access-analyzer instead of ignoring it', async (args, flag) => {
    const { code, stderr, stdout } = await validate([...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${flag} applies only with --access-analyzer`);
    expect(stdout).toBe('');
  });

  it('names every such flag at once', async () => {
    const { code, stderr } = await validate(['--base', 'origin/main', '--must-not-grant', 'iam:PassRole']);
    expect(code).toBe(2);
    expect(stderr).toContain('--base, --must-not-grant apply only with --access-analyzer');
  });

  it('never loads the AWS SDK without --access-analyzer', () => {
    // Runs the built CLI (`npm test` builds dist/ first) with a hook that fails on any @aws-sdk or @smithy import.
    const child = spawnSync(process.execPath, ['--import', join(root, 'test/compile/fixtures/register-forbid-aws-sdk.mjs'), join(root, 'bin/platformc.cjs'), 'validate', 'specs/minimal.platform.yaml'], {
      cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', PATH: `${join(root, '.venv', 'bin')}${delimiter}${process.env.PATH ?? ''}` },
    });
    expect(child.stderr).not.toContain('the AWS SDK was loaded');
    expect(child.status, child.stderr + child.stdout).toBe(0);
  });
});

describe('platformc validate across the specs of a project', () => {
  let project: string;
  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'platformc-validate-project-'));
    mkdirSync(join(project, 'specs'));
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  const write = (file: string, text: string): void => writeFileSync(join(project, 'specs', file), text);
  /** The minimal example as platform `name`, with its one environment renamed to `env` in `account`. */
  const variant = (name: string, env: string, account = '111122223333'): string =>
    MINIMAL.replace('platform: minimal', `platform: ${name}`).replace(/^ {2}dev:/m, `  ${env}:`).replace(/account: "?\d{12}"?/, `account: "${account}"`);

  it('reports a second spec of the same platform where compile would, on its platform line (COMPILE006)', async () => {
    rmSync(join(project, 'specs'), { recursive: true, force: true });
    mkdirSync(join(project, 'specs'));
    write('a.platform.yaml', MINIMAL);
    write('b.platform.yaml', MINIMAL);
    const { code, stdout } = await validate(['--no-lint'], () => project);
    expect(code).toBe(1);
    expect(stdout).toContain(`specs/b.platform.yaml:${lineOf(MINIMAL, 'platform: minimal')}:11: error COMPILE006: platform minimal is already defined by specs/a.platform.yaml`);
    expect(stdout).not.toContain('specs/a.platform.yaml:');
  });

  it('reports stacks that two platforms would share in one account and region (COMPILE008), and not across accounts', async () => {
    rmSync(join(project, 'specs'), { recursive: true, force: true });
    mkdirSync(join(project, 'specs'));
    write('a.platform.yaml', variant('ab-dev', 'prod'));
    write('b.platform.yaml', variant('ab', 'dev-prod'));
    const clash = await validate(['--no-lint', '--format', 'json'], () => project);
    expect(clash.code).toBe(1);
    const report = JSON.parse(clash.stdout) as { diagnostics: { code: string; file: string; message: string }[] };
    expect(report.diagnostics.map((d) => [d.code, d.file])).toEqual([['COMPILE008', 'specs/b.platform.yaml']]);
    expect(report.diagnostics[0]?.message).toContain('stack ab-dev-prod-iam of environment dev-prod is also a stack of platform ab-dev');

    write('b.platform.yaml', variant('ab', 'dev-prod', '444455556666'));
    const apart = await validate(['--no-lint', '--format', 'json'], () => project);
    expect(apart.code, apart.stdout).toBe(0);
  });
});
