/**
 * The correctness oracle: the real cfn-lint (pinned in requirements-dev.txt, installed into .venv by
 * .ci/setup-python.sh) over every committed template in generated/ and over the templates of generated
 * variations of the example spec. Zero errors and zero warnings, with no rule ignored project-wide: .cfnlintrc
 * ignores none, and a waiver for one resource is in that resource's Metadata, so templates lint as clean in a
 * user's project as here. On failure the message lists every match with its template, path and rule, so
 * the owner of the expander that produced it can see what to fix.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCfnLint } from '../../compiler/lint/find-cfn-lint.js';
import { parseCfnLintReport, type CfnLintMatch } from '../../compiler/lint/cfn-lint-report.js';
import { compileSource } from '../../compiler/compile.js';
import { exampleVariant, fleetSpec } from '../properties/spec-variants.js';

const root = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const cfnLint = findCfnLint({ cwd: root, env: process.env });

function templatesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? templatesUnder(join(dir, e.name)) : e.name.endsWith('.template.json') ? [join(dir, e.name)] : [])).sort();
}

/** Runs cfn-lint once over all files (its start-up dominates) and returns its matches. */
function lint(files: readonly string[]): readonly CfnLintMatch[] {
  if (cfnLint === undefined) throw new Error('cfn-lint is not installed: run `bash .ci/setup-python.sh`');
  let stdout: string;
  try {
    stdout = execFileSync(cfnLint, ['--format', 'json', '--', ...files], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    // cfn-lint exits non-zero when it finds something; its report is still on stdout.
    stdout = String((error as { stdout?: unknown }).stdout ?? '');
  }
  const report = parseCfnLintReport(stdout);
  if (report === undefined) throw new Error(`cfn-lint did not produce a JSON report:\n${stdout.slice(0, 2000)}`);
  if (report.unreadable > 0) throw new Error(`cfn-lint reported ${report.unreadable} entries of an unexpected shape:\n${stdout.slice(0, 2000)}`);
  return report.matches;
}

/** One line per match: where, which rule, what it says. */
function describeMatches(matches: readonly CfnLintMatch[]): string {
  return matches
    .map((m) => `${relative(root, m.filename)}: ${m.level} ${m.ruleId} at ${m.path.join('/')}: ${m.message}`)
    .join('\n');
}

/** cfn-lint takes tens of seconds over a megabyte of templates on a busy machine. */
const LINT_TIMEOUT = 300_000;

const blocking = (m: CfnLintMatch): boolean => m.level === 'Error' || m.level === 'Warning';

describe('cfn-lint oracle', () => {
  it('is installed', () => {
    expect(cfnLint, 'run `bash .ci/setup-python.sh` to install the pinned cfn-lint').toBeDefined();
  });

  it('ignores no rule project-wide, so a user\'s project, without this .cfnlintrc, lints the same', () => {
    const config = parse(readFileSync(join(root, '.cfnlintrc'), 'utf8')) as { ignore_checks?: unknown };
    expect(config.ignore_checks).toEqual([]);
  });

  it('finds no errors and no warnings in any committed template of generated/', () => {
    const files = templatesUnder(join(root, 'generated'));
    expect(files.length, 'generated/ has no templates: run `npx platformc compile`').toBeGreaterThan(0);
    const findings = lint(files).filter(blocking);
    expect(findings, `cfn-lint findings in generated/:\n${describeMatches(findings)}`).toEqual([]);
  }, LINT_TIMEOUT);

  const rolling = (text: string, batch: number): string => {
    const value = parse(text) as { hosts: { hypervisors: Record<string, unknown> } };
    value.hosts.hypervisors.rollingBatch = batch;
    return stringify(value, { lineWidth: 0 });
  };
  const work = mkdtempSync(join(tmpdir(), 'platformc-oracle-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('finds no errors and no warnings in the templates of variations of the example spec', () => {
    const variants = [
      exampleVariant({ environments: 1, hypervisors: [1], roles: 0 }),
      exampleVariant({ environments: 4, hypervisors: [3, 1, 7, 2], roles: 3 }),
      // A fleet split over hosts, hosts-2 and hosts-3, rolling two at a time: the imports between the parts and the
      // DependsOn chains within each must lint clean too.
      rolling(fleetSpec(300), 2),
    ];
    const files: string[] = [];
    for (const [index, text] of variants.entries()) {
      const result = compileSource({ file: `specs/variant-${index}.platform.yaml`, text });
      expect(result.diagnostics.filter((d) => d.severity === 'error'), `variant ${index} does not compile`).toEqual([]);
      for (const f of result.files.filter((file) => file.path.endsWith('.template.json'))) {
        const path = join(work, String(index), f.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, f.content);
        files.push(path);
      }
    }
    const findings = lint(files).filter(blocking);
    expect(findings, `cfn-lint findings in generated variations:\n${describeMatches(findings)}`).toEqual([]);
  }, LINT_TIMEOUT);
});
