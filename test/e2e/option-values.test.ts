/**
 * Option values that cannot be right are usage errors (exit 2) before any work: an empty `--out` must not write
 * platforms into the current directory, an empty `--env` must not report "no environment named" with nothing
 * after it. Runs in a fresh copy of the examples, so a value that slipped through would show as written files.
 */
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshProject, platformc, REPO, type Project } from './cli-driver.js';

const CASES: readonly (readonly string[])[] = [
  ['compile', '--out', ''],
  ['compile', '--out', '  '],
  ['check', '--out', ''],
  ['list', '--env', ''],
  ['graph', '--env', ''],
  ['explain', 'hosts', '--env', ''],
  ['diff', '--env', ''],
  ['diff', '--base', ''],
  ['validate', '--access-analyzer', '--base', ''],
  ['validate', '--access-analyzer', '--must-not-grant', ''],
  ['validate', '--access-analyzer', '--block-on', ''],
  ['deploy', 'dev', '--out', ''],
  ['deploy', 'dev', '--platform', ''],
  ['deploy', 'dev', '--create-only', '--plan', ''],
  ['deploy', 'dev', '--execute-plan', ''],
  ['deploy', 'dev', '--role-arn', ''],
  ['deploy', 'dev', '--artifact-bucket', ''],
  ['deploy', 'dev', '--endpoint-url', ''],
  ['deploy', 'dev', '--concurrency', '0'],
  ['deploy', 'qa', '--prune', '--region', 'us-east-1', '--account', '12345'],
  ['deploy', 'qa', '--prune', '--account', '111122223333', '--region', 'US East'],
  // Arguments too: an empty environment or query is no name to look up.
  ['deploy', ''],
  ['explain', ''],
];

describe('option values', () => {
  let project: Project;
  beforeAll(() => {
    project = freshProject();
    cpSync(join(REPO, 'specs'), join(project.dir, 'specs'), { recursive: true });
  });
  afterAll(() => project.remove());

  it.each(CASES.map((args) => [args.map((a) => (a === '' ? "''" : a)).join(' '), args] as const))('platformc %s is a usage error', async (_, args) => {
    const run = await platformc(project.dir, args);
    expect(run.code).toBe(2);
    const option = [...args].reverse().find((a) => a.startsWith('--'));
    // Commander names the option as declared: `--out <dir>`, or with its short form first, `-o, --out <dir>`.
    expect(run.stderr).toMatch(option === undefined ? /command-argument value '' is invalid/ : new RegExp(`option '(?:-\\w, )?${option}`));
    expect(run.stderr).toMatch(/expected .+, got an empty value|expected a whole number|expected an AWS account id of 12 digits|expected a region code/);
    expect(run.stdout).toBe('');
    expect(readdirSync(project.dir)).toEqual(['specs']);
  });
});
