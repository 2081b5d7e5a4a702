import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { createChangeSetsBuildspec, executeChangeSetsBuildspec, validateBuildspec } from '../../../compiler/expand/buildspec.js';
import { PINNED_CFN_LINT } from '../../../compiler/lint/find-cfn-lint.js';

interface Buildspec {
  readonly version: number;
  readonly env?: { readonly 'exported-variables'?: readonly string[] };
  readonly phases: { readonly build: { readonly commands: readonly string[] } };
}

const dir = mkdtempSync(join(tmpdir(), 'platformc-buildspec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the change-set build's commands with stand-ins: `aws` does nothing, `npx` records its arguments and writes
 * the plan file named after --plan with the given broadening lines, as `platformc deploy --create-only` would.
 */
function runCreateChangeSets(
  broadening: readonly string[],
  extraEnv: Readonly<Record<string, string>> = {},
  risks?: readonly string[],
): { exported: string; risk: string; args: string[]; log: string; aws: string[] } {
  writeFileSync(join(dir, 'aws-calls'), '');
  writeFileSync(join(dir, 'aws'), `#!/bin/sh\necho "$*" >> "${join(dir, 'aws-calls')}"\n`, { mode: 0o755 });
  const plan = JSON.stringify({ format: 1, broadening, ...(risks === undefined ? {} : { risks }) });
  writeFileSync(join(dir, 'npx'), [
    '#!/bin/sh',
    `for a in "$@"; do echo "$a"; done > "${join(dir, 'create-args')}"`,
    'while [ "$#" -gt 0 ]; do if [ "$1" = "--plan" ]; then printf \'%s\' ' + `'${plan}'` + ' > "$2"; fi; shift; done',
  ].join('\n'), { mode: 0o755 });
  const spec = parse(createChangeSetsBuildspec()) as Buildspec;
  const script = `${spec.phases.build.commands.join('\n')}\necho "result=$BROADENING"\necho "risk=$RISK"`;
  const result = spawnSync('bash', ['-e', '-c', script], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: `${dir}:${process.env['PATH'] ?? ''}`, PLATFORMC_ENV: 'prod; rm -rf ~', DEPLOY_ROLE_ARN: 'arn', DEPLOY_REGION: 'us-east-1', CFN_ROLE_ARN: 'cfn', TEMPLATE_BUCKET: 'b', ...extraEnv },
  });
  expect(result.status, result.stderr).toBe(0);
  return {
    exported: /result=(.*)/.exec(result.stdout)?.[1] ?? '',
    risk: /risk=(.*)/.exec(result.stdout)?.[1] ?? '',
    args: readFileSync(join(dir, 'create-args'), 'utf8').trim().split('\n'),
    log: result.stderr,
    aws: readFileSync(join(dir, 'aws-calls'), 'utf8').trim().split('\n').filter((line) => line !== ''),
  };
}

describe('buildspecs', () => {
  it('exports BROADENING=true and prints what broadens when the plan says the change sets broaden access', () => {
    const run = runCreateChangeSets(['iam: ShipperRole allows s3:DeleteObject']);
    expect(run.exported).toBe('true');
    expect(run.log).toContain('broadening: iam: ShipperRole allows s3:DeleteObject');
  });

  it('exports BROADENING=false when nothing broadens compared with what is deployed', () => {
    expect(runCreateChangeSets([]).exported).toBe('false');
  });

  it.each<[string, string[], string[] | undefined, string]>([
    ['nothing risky', [], [], 'false'],
    ['hosts stopped and started', [], ['demo-prod-hosts/Hypervisor01Instance stopped and started: UserData changes'], 'true'],
    ['broadening alone', ['iam: ShipperRole allows s3:DeleteObject'], [], 'true'],
    ['a plan of an older version, without risks', [], undefined, 'false'],
  ])('exports RISK for an on-risk stage: %s', (_, broadening, risks, risk) => {
    const run = runCreateChangeSets(broadening, {}, risks);
    expect(run.risk).toBe(risk);
    for (const line of risks ?? []) expect(run.log).toContain(`risk: ${line}`);
  });

  it('passes the environment and the plan file as single quoted arguments', () => {
    const { args } = runCreateChangeSets([]);
    expect(args.slice(0, 6)).toEqual(['platformc', 'deploy', 'prod; rm -rf ~', '--create-only', '--plan', 'plan-prod; rm -rf ~.json']);
  });

  it('reads outputs in other accounts through a profile per environment that assumes its deploy role', () => {
    const roles = 'dev=arn:aws:iam::111122223333:role/cloudstack-dev-deploy qa=arn:aws:iam::777788889999:role/cloudstack-qa-deploy';
    const { args, aws } = runCreateChangeSets([], { OUTPUT_ROLES: roles });
    expect(aws.filter((call) => call.includes('outputs-'))).toEqual([
      'configure set profile.outputs-dev.role_arn arn:aws:iam::111122223333:role/cloudstack-dev-deploy',
      'configure set profile.outputs-dev.credential_source EcsContainer',
      'configure set profile.outputs-qa.role_arn arn:aws:iam::777788889999:role/cloudstack-qa-deploy',
      'configure set profile.outputs-qa.credential_source EcsContainer',
    ]);
    expect(args.slice(-4)).toEqual(['--outputs-profile', 'dev=outputs-dev', '--outputs-profile', 'qa=outputs-qa']);
  });

  it('passes no --outputs-profile where no output lies in another account', () => {
    const { args, aws } = runCreateChangeSets([]);
    expect(args).not.toContain('--outputs-profile');
    expect(aws.filter((call) => call.includes('outputs-'))).toEqual([]);
  });

  it('exports the variable the approval stage checks', () => {
    expect((parse(createChangeSetsBuildspec()) as Buildspec).env?.['exported-variables']).toEqual(['BROADENING', 'RISK']);
  });

  it('executes the plan from the secondary artifact directory CodeBuild names after the artifact', () => {
    const npx = join(dir, 'npx');
    writeFileSync(npx, `#!/bin/sh\nfor a in "$@"; do echo "$a"; done > "${join(dir, 'exec-args')}"\n`);
    chmodSync(npx, 0o755);
    const command = (parse(executeChangeSetsBuildspec(105)) as Buildspec).phases.build.commands.at(-1)!;
    execFileSync('bash', ['-e', '-c', command], {
      env: {
        PATH: `${dir}:${process.env['PATH'] ?? ''}`,
        PLATFORMC_ENV: 'prod',
        PLAN_ARTIFACT: 'PlanProd',
        CODEBUILD_SRC_DIR_PlanProd: '/codebuild/output/src2',
        CFN_ROLE_ARN: 'arn:aws:iam::444455556666:role/x',
        TEMPLATE_BUCKET: 'bucket',
      },
    });
    const args = execFileSync('cat', [join(dir, 'exec-args')], { encoding: 'utf8' }).trim().split('\n');
    expect(args).toEqual([
      'platformc', 'deploy', 'prod', '--execute-plan', '/codebuild/output/src2/plan-prod.json', '--timeout', '105',
      '--role-arn', 'arn:aws:iam::444455556666:role/x', '--artifact-bucket', 'bucket',
    ]);
  });

  it.each([
    ['validate', validateBuildspec],
    ['create change sets', createChangeSetsBuildspec],
    ['execute change sets', () => executeChangeSetsBuildspec(60)],
  ])('%s: installs only what a user\'s repository has: its dependencies and the pinned cfn-lint', (_name, build) => {
    const install = (parse(build()) as { phases: { install: { 'runtime-versions': Record<string, unknown>; commands: string[] } } }).phases.install;
    // The builds run in the repository that holds the specs, with platformc among its dependencies: none of
    // platformc's own npm scripts (setup:python) exist there.
    expect(install.commands).toEqual(['npm ci', `pip install --quiet --disable-pip-version-check cfn-lint==${PINNED_CFN_LINT}`]);
    expect(install['runtime-versions']).toEqual({ nodejs: 20, python: 3.12 });
    expect(build()).toContain('      python: 3.12\n');
  });

  it('keeps the plan of the change-set build as its output artifact', () => {
    expect((parse(createChangeSetsBuildspec()) as { artifacts?: { files: string[] } }).artifacts).toEqual({ files: ['plan-*.json'] });
  });

  it.each([
    ['validate', validateBuildspec],
    ['create change sets', createChangeSetsBuildspec],
    ['execute change sets', () => executeChangeSetsBuildspec(60)],
  ])('%s: every command is valid bash', (_name, build) => {
    const spec = parse(build()) as Buildspec;
    expect(spec.version).toBe(0.2);
    for (const command of spec.phases.build.commands) {
      expect(() => execFileSync('bash', ['-n', '-c', command])).not.toThrow();
    }
  });
});
