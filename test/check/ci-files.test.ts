import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..');

interface Workflow {
  readonly on: { readonly pull_request: { readonly paths: readonly string[] } };
  readonly permissions?: Readonly<Record<string, string>>;
  readonly jobs: { readonly platformc: { readonly steps: readonly { readonly run?: string; readonly uses?: string; readonly with?: Record<string, unknown> }[] } };
}

describe('CI files', () => {
  it('runs validate, check and the Markdown diff on pull requests touching specs/ or generated/', () => {
    const workflow = parse(readFileSync(join(ROOT, '.github/workflows/platformc.yml'), 'utf8')) as Workflow;
    expect(workflow.on.pull_request.paths).toEqual(['specs/**', 'generated/**']);
    const steps = workflow.jobs.platformc.steps;
    expect(steps[0]?.with).toEqual({ 'fetch-depth': 0 });
    const runs = steps.flatMap((s) => (s.run === undefined ? [] : [s.run]));
    expect(runs).toEqual(expect.arrayContaining(['npm ci', 'bash .ci/setup-python.sh', 'npx platformc check']));
    expect(runs).toContain('npx platformc validate --format github --sarif platformc.sarif');
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with).toMatchObject({ sarif_file: 'platformc.sarif' });
    expect(workflow.permissions?.['security-events']).toBe('write');
    expect(runs.join('\n')).toContain('npx platformc diff --base "origin/$BASE_REF" --format markdown > platformc-diff.md');
    expect(runs).toContain('npx platformc diff --base "origin/$BASE_REF" --format github');
    expect(runs.join('\n')).toContain('>> "$GITHUB_STEP_SUMMARY"');
  });

  it('ships an executable pre-commit hook that sh accepts', () => {
    const hook = join(ROOT, '.githooks/pre-commit');
    expect(statSync(hook).mode & 0o111).not.toBe(0);
    execFileSync('sh', ['-n', hook]);
    expect(readFileSync(hook, 'utf8')).toContain('platformc check --quiet');
  });
});
