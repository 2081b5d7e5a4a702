/**
 * The cfn-lint step of `validate`: runs the real cfn-lint once over the templates of a compile (those not in the
 * cache) and reports each match on the spec line that produced the resource or policy statement it is about.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Finding } from '../iam-checks/finding.js';
import type { AssembledStack } from '../assemble/stack.js';
import { findCfnLint, PINNED_CFN_LINT } from './find-cfn-lint.js';
import { parseCfnLintReport, parseCfnLintVersion, severityOfLevel, type CfnLintMatch } from './cfn-lint-report.js';
import { cfnLintIdentity, lintCacheKey } from './lint-cache.js';
import type { ResultCache } from '../cache/result-cache.js';
import { condenseLintMessage } from './condense-message.js';
import { locateInSpec } from './locate-in-spec.js';

export interface CfnLintOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** An explicit executable (tests); by default `.venv/bin/cfn-lint`, then PATH. */
  readonly executable?: string;
  /** Findings of templates linted before (validate's, in .platformc-cache/cfn-lint); none: lint every template. */
  readonly cache?: ResultCache;
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

/** One template's findings, as cfn-lint reported them (the file name left out: it names a temporary file). */
type TemplateMatches = readonly CfnLintMatch[];

/** What linting the templates not in the cache gave: their findings by stack index, or the step's failure. */
interface FreshLint {
  readonly byIndex: ReadonlyMap<number, TemplateMatches>;
  readonly step: readonly Finding[];
  readonly version: string | undefined;
  readonly failed?: Finding;
}

/**
 * Lints the given templates in one cfn-lint process (its start-up dominates the cost, so one run, never one per
 * template). cfn-lint's exit code is a bit mask of the levels it found; only its JSON report is trusted.
 */
async function lintTemplates(stacks: readonly AssembledStack[], texts: ReadonlyMap<number, string>, executable: string, options: CfnLintOptions & { readonly askVersion: boolean }): Promise<FreshLint> {
  const dir = await mkdtemp(join(tmpdir(), 'platformc-lint-'));
  try {
    const byFile = new Map<string, number>();
    await Promise.all([...texts].map(async ([index, text]) => {
      const file = join(dir, `${String(index).padStart(4, '0')}-${stacks[index]?.stackName ?? 'stack'}.template.json`);
      byFile.set(file, index);
      await writeFile(file, text);
    }));
    const files = [...byFile.keys()].sort();
    // Another cfn-lint than a known release is asked its version, in parallel with the lint run so the check costs
    // no wall time.
    const [result, version] = await Promise.all([
      run(executable, ['--format', 'json', '--', ...files], options.cwd),
      options.askVersion ? run(executable, ['--version'], options.cwd) : Promise.resolve(undefined),
    ]);
    const report = parseCfnLintReport(result.stdout);
    const found = version === undefined ? undefined : parseCfnLintVersion(`${version.stdout}\n${version.stderr}`);
    if (report === undefined || (result.code & 1) === 1) {
      const detail = result.stderr.trim().split('\n').slice(-1)[0] ?? '';
      const failed = stepFinding(stacks, 'LINT002', `cfn-lint failed (exit ${result.code})${detail ? `: ${detail}` : ''}`, `run \`${executable} --format json <template>\` by hand; if it is broken, ${INSTALL_HINT}`);
      return { byIndex: new Map(), step: [], version: found, failed };
    }
    const step: Finding[] = [];
    if (report.unreadable > 0) {
      step.push(stepFinding(stacks, 'LINT002', `cfn-lint reported ${report.unreadable} finding(s) in a shape platformc cannot read, so they are not shown`, `run \`${executable} --format json <template>\` by hand; ${INSTALL_HINT}`));
    }
    const byIndex = new Map<number, CfnLintMatch[]>([...texts.keys()].map((index) => [index, []]));
    for (const match of report.matches) {
      const index = byFile.get(match.filename) ?? byFile.get(join(options.cwd, match.filename));
      // A match for a file cfn-lint did not name as given is still shown (and keeps this run out of the cache).
      if (index === undefined) step.push(matchFinding(stacks, match, undefined));
      else byIndex.get(index)?.push({ ...match, filename: '' });
    }
    return { byIndex, step, version: found };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Lints every stack and reports each match on the spec line of what it is about. With a cache, templates linted
 * before by the same cfn-lint release and configuration are not linted again, and cfn-lint does not even start
 * when none changed.
 */
export async function lintStacks(stacks: readonly AssembledStack[], options: CfnLintOptions): Promise<Finding[]> {
  if (stacks.length === 0) return [];
  const executable = options.executable ?? findCfnLint(options);
  if (executable === undefined) {
    return [stepFinding(stacks, 'LINT001', 'cfn-lint is not installed, so the compiled templates were not linted', INSTALL_HINT)];
  }
  const texts = stacks.map((stack) => `${JSON.stringify(stack.template, null, 2)}\n`);
  const identity = options.cache === undefined ? undefined : cfnLintIdentity(executable, options);
  const keys = identity === undefined ? undefined : texts.map((text) => lintCacheKey(identity, text));
  const cached = await Promise.all(texts.map((_, index) => (keys === undefined ? undefined : options.cache?.get<TemplateMatches>(keys[index] ?? ''))));
  const missing = new Map(texts.flatMap((text, index) => (cached[index] === undefined ? [[index, text] as const] : [])));
  // The project's virtualenv holds the pinned version (in platformc's repository, .ci/setup-python.sh installs it).
  const pinnedVenv = executable === join(options.cwd, '.venv', 'bin', 'cfn-lint');
  const known = identity?.version ?? (pinnedVenv ? PINNED_CFN_LINT : undefined);
  const fresh = missing.size === 0 ? undefined : await lintTemplates(stacks, missing, executable, { ...options, askVersion: known === undefined });
  if (fresh?.failed !== undefined) return [fresh.failed];
  if (fresh !== undefined && fresh.step.length === 0 && keys !== undefined) {
    await Promise.all([...fresh.byIndex].map(([index, matches]) => options.cache?.set(keys[index] ?? '', matches)));
  }
  const version = known ?? fresh?.version;
  const step: Finding[] = [...(fresh?.step ?? [])];
  if (version !== PINNED_CFN_LINT) {
    step.push(stepFinding(stacks, 'LINT003', `cfn-lint ${version ?? '(unknown version)'} at ${executable} is not the pinned ${PINNED_CFN_LINT}; its findings may differ from CI's`, INSTALL_HINT, { severity: 'warning' }));
  }
  return [...step, ...stacks.flatMap((stack, index) => (cached[index] ?? fresh?.byIndex.get(index) ?? []).map((match) => matchFinding(stacks, match, stack)))];
}

/** A cfn-lint match on the spec line of what it is about; one of a file cfn-lint did not say is placed at the top of the spec. */
function matchFinding(stacks: readonly AssembledStack[], match: CfnLintMatch, stack: AssembledStack | undefined): Finding {
  const where = stack ? locateInSpec(stack, match.path) : { file: stacks[0]?.sourceMap.spec ?? '', path: [] };
  const diagnostic: Diagnostic = {
    code: `cfn-lint ${match.ruleId}`,
    severity: severityOfLevel(match.level),
    message: condenseLintMessage(match.message),
    file: where.file,
    path: where.path,
    ...(where.position ? { position: where.position } : {}),
    notes: [`in ${stack?.stackName ?? 'template'}: ${match.path.join('/')}`],
    ...(match.source ? { hint: `see ${match.source}` } : {}),
  };
  return { diagnostic, env: stack?.env ?? '', resource: typeof match.path[1] === 'string' ? match.path[1] : '' };
}
