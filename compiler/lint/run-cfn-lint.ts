/**
 * The cfn-lint step of `validate`: runs the real cfn-lint once over every template of a compile and reports each
 * match on the spec line that produced the resource or policy statement it is about.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Finding } from '../iam-checks/finding.js';
import type { AssembledStack } from '../assemble/stack.js';
import { findCfnLint, PINNED_CFN_LINT } from './find-cfn-lint.js';
import { parseCfnLintReport, parseCfnLintVersion, severityOfLevel } from './cfn-lint-report.js';
import { condenseLintMessage } from './condense-message.js';
import { locateInSpec } from './locate-in-spec.js';

export interface CfnLintOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** An explicit executable (tests); by default `.venv/bin/cfn-lint`, then PATH. */
  readonly executable?: string;
}

/** Works in any project: platformc looks in the project's .venv before PATH. */
const INSTALL_HINT = `install the pinned version: \`python3 -m venv .venv && .venv/bin/pip install cfn-lint==${PINNED_CFN_LINT}\` (platformc looks in .venv first), or \`pip install cfn-lint==${PINNED_CFN_LINT}\``;

function run(executable: string, args: readonly string[], cwd: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(executable, [...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ stdout, stderr, code });
    });
  });
}

function stepFinding(stacks: readonly AssembledStack[], code: string, message: string, hint: string, options: { readonly severity?: 'error' | 'warning' } = {}): Finding {
  const diagnostic: Diagnostic = { code, severity: options.severity ?? 'error', message, file: stacks[0]?.sourceMap.spec ?? '', path: [], hint };
  return { diagnostic, env: '', resource: '' };
}

/**
 * Lints all stacks in one cfn-lint process (its start-up dominates the cost, so one run, never one per template).
 * cfn-lint's exit code is a bit mask of the levels it found; only its JSON report is trusted.
 */
export async function lintStacks(stacks: readonly AssembledStack[], options: CfnLintOptions): Promise<Finding[]> {
  if (stacks.length === 0) return [];
  const executable = options.executable ?? findCfnLint(options);
  if (executable === undefined) {
    return [stepFinding(stacks, 'LINT001', 'cfn-lint is not installed, so the compiled templates were not linted', INSTALL_HINT)];
  }
  const dir = await mkdtemp(join(tmpdir(), 'platformc-lint-'));
  try {
    const byFile = new Map<string, AssembledStack>();
    await Promise.all(stacks.map(async (stack, index) => {
      const file = join(dir, `${String(index).padStart(4, '0')}-${stack.stackName}.template.json`);
      byFile.set(file, stack);
      await writeFile(file, `${JSON.stringify(stack.template, null, 2)}\n`);
    }));
    const files = [...byFile.keys()].sort();
    // The project's virtualenv holds the pinned version (in platformc's repository, .ci/setup-python.sh installs it); any other
    // cfn-lint is asked its version, in parallel with the lint run so the check costs no wall time.
    const pinnedVenv = executable === join(options.cwd, '.venv', 'bin', 'cfn-lint');
    const [result, version] = await Promise.all([
      run(executable, ['--format', 'json', '--', ...files], options.cwd),
      pinnedVenv ? Promise.resolve(undefined) : run(executable, ['--version'], options.cwd),
    ]);
    const report = parseCfnLintReport(result.stdout);
    if (report === undefined || (result.code & 1) === 1) {
      const detail = result.stderr.trim().split('\n').slice(-1)[0] ?? '';
      return [stepFinding(stacks, 'LINT002', `cfn-lint failed (exit ${result.code})${detail ? `: ${detail}` : ''}`, `run \`${executable} --format json <template>\` by hand; if it is broken, ${INSTALL_HINT}`)];
    }
    const step: Finding[] = [];
    if (report.unreadable > 0) {
      step.push(stepFinding(stacks, 'LINT002', `cfn-lint reported ${report.unreadable} finding(s) in a shape platformc cannot read, so they are not shown`, `run \`${executable} --format json <template>\` by hand; ${INSTALL_HINT}`));
    }
    const found = version === undefined ? PINNED_CFN_LINT : parseCfnLintVersion(`${version.stdout}\n${version.stderr}`);
    if (found !== PINNED_CFN_LINT) {
      step.push(stepFinding(stacks, 'LINT003', `cfn-lint ${found ?? '(unknown version)'} at ${executable} is not the pinned ${PINNED_CFN_LINT}; its findings may differ from CI's`, INSTALL_HINT, { severity: 'warning' }));
    }
    return [...step, ...report.matches.map((match): Finding => {
      const stack = byFile.get(match.filename) ?? byFile.get(join(options.cwd, match.filename));
      const where = stack ? locateInSpec(stack, match.path) : { file: stacks[0]?.sourceMap.spec ?? '', path: [] };
      const templatePath = match.path.join('/');
      const diagnostic: Diagnostic = {
        code: `cfn-lint ${match.ruleId}`,
        severity: severityOfLevel(match.level),
        message: condenseLintMessage(match.message),
        file: where.file,
        path: where.path,
        ...(where.position ? { position: where.position } : {}),
        notes: [`in ${stack?.stackName ?? 'template'}: ${templatePath}`],
        ...(match.source ? { hint: `see ${match.source}` } : {}),
      };
      return { diagnostic, env: stack?.env ?? '', resource: typeof match.path[1] === 'string' ? match.path[1] : '' };
    })];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
