import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { broadeningBuildspec, createChangeSetsBuildspec, executeChangeSetsBuildspec, validateBuildspec } from '../../../compiler/expand/buildspec.js';

interface Buildspec {
  readonly version: number;
  readonly env?: { readonly 'exported-variables'?: readonly string[] };
  readonly phases: { readonly build: { readonly commands: readonly string[] } };
}

const dir = mkdtempSync(join(tmpdir(), 'platformc-buildspec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the broadening commands with a stand-in `npx` that records its arguments and exits with `exit`. */
function runBroadeningCheck(exit: number): { broadening: string; args: string } {
  const npx = join(dir, 'npx');
  writeFileSync(npx, `#!/bin/sh\necho "$@" > "${join(dir, 'args')}"\nexit ${exit}\n`);
  chmodSync(npx, 0o755);
  const spec = parse(broadeningBuildspec()) as Buildspec;
  const script = `${spec.phases.build.commands.join('\n')}\necho "result=$BROADENING"\necho "args=$(cat '${join(dir, 'args')}')"`;
  const out = execFileSync('bash', ['-e', '-c', script], {
    encoding: 'utf8',
    env: { PATH: `${dir}:${process.env['PATH'] ?? ''}`, PLATFORMC_ENV: 'prod; rm -rf /' },
  });
  return {
    broadening: /result=(.*)/.exec(out)![1]!,
    args: /args=(.*)/.exec(out)![1]!,
  };
}

describe('buildspecs', () => {
  it.each([
    [0, 'false'],
    [1, 'true'],
    [2, 'true'],
    [127, 'true'],
  ])('diff exiting %i exports BROADENING=%s and never fails the build', (exit, expected) => {
    expect(runBroadeningCheck(exit).broadening).toBe(expected);
  });

  it('passes the environment as one quoted argument to platformc diff', () => {
    expect(runBroadeningCheck(0).args).toBe('platformc diff --base HEAD~1 --env prod; rm -rf / --fail-on-broadening');
  });

  it('exports the variable the approval stage checks', () => {
    expect((parse(broadeningBuildspec()) as Buildspec).env?.['exported-variables']).toEqual(['BROADENING']);
  });

  it('executes the plan from the secondary artifact directory CodeBuild names after the artifact', () => {
    const npx = join(dir, 'npx');
    writeFileSync(npx, `#!/bin/sh\nfor a in "$@"; do echo "$a"; done > "${join(dir, 'exec-args')}"\n`);
    chmodSync(npx, 0o755);
    const command = (parse(executeChangeSetsBuildspec()) as Buildspec).phases.build.commands.at(-1)!;
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
      'platformc', 'deploy', 'prod', '--execute-plan', '/codebuild/output/src2/plan-prod.json',
      '--role-arn', 'arn:aws:iam::444455556666:role/x', '--artifact-bucket', 'bucket',
    ]);
  });

  it('keeps the plan of the change-set build as its output artifact', () => {
    expect((parse(createChangeSetsBuildspec()) as { artifacts?: { files: string[] } }).artifacts).toEqual({ files: ['plan-*.json'] });
  });

  it.each([
    ['validate', validateBuildspec],
    ['broadening', broadeningBuildspec],
    ['create change sets', createChangeSetsBuildspec],
    ['execute change sets', executeChangeSetsBuildspec],
  ])('%s: every command is valid bash', (_name, build) => {
    const spec = parse(build()) as Buildspec;
    expect(spec.version).toBe(0.2);
    for (const command of spec.phases.build.commands) {
      expect(() => execFileSync('bash', ['-n', '-c', command])).not.toThrow();
    }
  });
});
