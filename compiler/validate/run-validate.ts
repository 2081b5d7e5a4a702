/**
 * The validate command's implementation: find the specs, run the spec step (read, load, schema, rules) and then
 * every enabled step of VALIDATE_STEPS, and report all findings at once.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from '../cli/io.js';
import { EXIT, useColor } from '../cli/io.js';
import { DEFAULT_BLOCKING, isBlocking, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import { blockingSeverities } from '../access-analyzer/flags.js';
import { foldAcrossStacks } from '../diagnostics/fold-stacks.js';
import { diagnosticRecord, renderDiagnostics, resolvePosition } from '../diagnostics/render.js';
import { compareText } from '../model/compare-text.js';
import { findSpecs } from '../load/find-specs.js';
import { loadSpec } from '../load/load-spec.js';
import type { LoadedSpec } from '../load/loaded-spec.js';
import { readSpecFile } from '../load/read-spec-file.js';
import { VALIDATE_STEPS, type CheckedSpec, type ValidateFlags } from './steps.js';
import { unusedAcknowledgements } from './unused-acknowledgements.js';
import { validateSpec } from './validate-spec.js';

export interface RunValidateOptions {
  readonly specs: readonly string[];
  readonly format: 'text' | 'json' | 'sarif' | 'github';
  readonly quiet: boolean;
  readonly flags?: ValidateFlags;
  /** Also write the SARIF report to this file (relative to the working directory), whatever `format` prints. */
  readonly sarifFile?: string;
}

/** Codes that mean the command was pointed at the wrong thing rather than that a spec is wrong. */
export const USAGE_CODES: ReadonlySet<string> = new Set(['PARSE001', 'PARSE002', 'PARSE013']);

/** Result of validating specs, before anything is printed. */
export interface ValidateOutcome {
  readonly specs: readonly CheckedSpec[];
  readonly diagnostics: readonly Diagnostic[];
  readonly steps: readonly string[];
}

/** Runs the spec step and every enabled later step. Pure apart from reading the spec files. */
export async function validateProject(options: {
  cwd: string;
  specs: readonly string[];
  flags?: ValidateFlags;
  /** Told the name of each later step as it starts (cfn-lint takes seconds). */
  onStep?: (name: string) => void;
}): Promise<ValidateOutcome> {
  const flags = options.flags ?? {};
  const found = await findSpecs({ cwd: options.cwd, patterns: options.specs });
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  const specs: CheckedSpec[] = [];
  for (const file of found.files) {
    const read = readSpecFile(file, { cwd: options.cwd });
    diagnostics.push(...read.diagnostics);
    if (read.source === undefined) {
      specs.push({ file });
      continue;
    }
    const load = loadSpec(read.source);
    diagnostics.push(...load.diagnostics);
    if (load.loaded === undefined) {
      specs.push({ file: read.source.file });
      continue;
    }
    const checked = validateSpec(load.loaded);
    diagnostics.push(...checked.diagnostics);
    specs.push({ file: read.source.file, loaded: load.loaded, ...(checked.spec ? { spec: checked.spec } : {}), ...(checked.rulesSkipped ? { rulesSkipped: true as const } : {}) });
  }
  const steps = ['spec'];
  for (const step of VALIDATE_STEPS) {
    if (step.enabled !== undefined && !step.enabled(flags)) continue;
    steps.push(step.name);
    options.onStep?.(step.name);
    diagnostics.push(...(await step.run({ cwd: options.cwd, flags, specs })));
  }
  diagnostics.push(...unusedAcknowledgements(specs, diagnostics, steps));
  return { specs, diagnostics: inSpecOrder(foldAcrossStacks(diagnostics), specs), steps };
}

/**
 * Findings in the order of the specs, as a reader goes through them: by file, then line and column; findings on
 * the same spot keep the order of the steps (the spec's own, then cfn-lint, the IAM checks, Access Analyzer).
 */
function inSpecOrder(diagnostics: readonly Diagnostic[], specs: readonly CheckedSpec[]): Diagnostic[] {
  const sources = new Map(specs.flatMap((s) => (s.loaded ? [[s.file, s.loaded] as const] : [])));
  return diagnostics
    .map((d, index) => ({ d, index, at: resolvePosition(d, sources) }))
    .sort((a, b) => compareText(a.d.file, b.d.file) || (a.at?.line ?? 0) - (b.at?.line ?? 0) || (a.at?.col ?? 0) - (b.at?.col ?? 0) || a.index - b.index)
    .map(({ d }) => d);
}

/** The exit code for a set of findings: 2 for usage errors, 1 for blocking findings, else 0. */
export function exitCodeFor(diagnostics: readonly Diagnostic[], blocking: readonly Severity[] = DEFAULT_BLOCKING): number {
  if (diagnostics.some((d) => USAGE_CODES.has(d.code))) return EXIT.usage;
  if (diagnostics.some((d) => isBlocking(d.severity, blocking) && d.acknowledged === undefined)) return EXIT.findings;
  return EXIT.ok;
}

/** Validates, prints the report in the requested format and returns the exit code. */
export async function runValidate(io: CliIo, options: RunValidateOptions): Promise<number> {
  const status = stepStatus(io, options);
  const outcome = await validateProject({ cwd: io.cwd, specs: options.specs, ...(options.flags ? { flags: options.flags } : {}), ...(status ? { onStep: status.show } : {}) });
  status?.clear();
  const sources = new Map<string, LoadedSpec>();
  for (const spec of outcome.specs) if (spec.loaded) sources.set(spec.file, spec.loaded);
  const blocking = blockingSeverities(options.flags ?? {});
  const code = exitCodeFor(outcome.diagnostics, blocking);
  // An acknowledged finding is counted as such, whatever its severity: it neither fails nor warns.
  const acknowledged = outcome.diagnostics.filter((d) => d.acknowledged !== undefined).length;
  const open = outcome.diagnostics.filter((d) => d.acknowledged === undefined);
  const errors = open.filter((d) => isBlocking(d.severity, blocking)).length;

  if (options.sarifFile !== undefined || options.format === 'sarif') {
    const { sarifReport } = await import('../report/sarif.js');
    const sarif = await sarifReport(outcome.diagnostics, { sources, blocking, cwd: io.cwd });
    if (options.format === 'sarif') io.stdout.write(sarif);
    if (options.sarifFile !== undefined) {
      const written = writeReport(resolve(io.cwd, options.sarifFile), sarif);
      if (written !== undefined) {
        io.stderr.write(`platformc validate: cannot write ${options.sarifFile}: ${written}\n`);
        return EXIT.usage;
      }
    }
    if (options.format === 'sarif') return code;
  }
  // Non-blocking findings: warnings, and notes (cfn-lint's informational findings, Access Analyzer's suggestions).
  const nonBlocking = open.filter((d) => !isBlocking(d.severity, blocking));
  const notes = nonBlocking.filter((d) => d.severity === 'info' || d.severity === 'SUGGESTION').length;
  const warnings = nonBlocking.length - notes;

  if (options.format === 'json') {
    const report = {
      valid: code === EXIT.ok,
      steps: outcome.steps,
      files: outcome.specs.map((s) => ({ file: s.file, valid: s.spec !== undefined, notChecked: notChecked(s, outcome.steps) })),
      summary: { errors, warnings, notes, acknowledged },
      diagnostics: outcome.diagnostics.map((d) => diagnosticRecord(d, sources)),
    };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return code;
  }
  const shown = options.quiet ? outcome.diagnostics.filter((d) => isBlocking(d.severity)) : outcome.diagnostics;
  if (options.format === 'github') {
    const { githubAnnotations } = await import('../report/github-annotations.js');
    io.stdout.write(await githubAnnotations(shown, { sources, blocking, cwd: io.cwd }));
  } else {
    io.stdout.write(renderDiagnostics(shown, { sources, color: useColor(io), format: 'text' }));
  }
  if (!options.quiet) {
    // A spec with errors is not checked further: say so, or fixing the errors would seem to bring new ones.
    for (const spec of outcome.specs) {
      const skipped = notChecked(spec, outcome.steps);
      if (spec.loaded !== undefined && skipped.length > 0) io.stdout.write(`${spec.file}: not checked further until its errors are fixed (${skipped.join(', ')})\n`);
    }
    const files = outcome.specs.length;
    const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
    const counted = [warnings > 0 ? plural(warnings, 'warning') : '', notes > 0 ? plural(notes, 'note') : '', acknowledged > 0 ? `${acknowledged} acknowledged` : ''].filter((c) => c !== '');
    io.stdout.write(code === EXIT.ok
      ? `${plural(files, 'spec')} valid${counted.length > 0 ? ` (${counted.join(', ')})` : ''}\n`
      : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${notes > 0 ? `, ${plural(notes, 'note')}` : ''}${acknowledged > 0 ? `, ${acknowledged} acknowledged` : ''} in ${plural(files, 'spec')}\n`);
  }
  return code;
}

/**
 * On an interactive terminal, a line on stderr that names the step running (`validate: cfn-lint...`), rewritten
 * in place and erased before the report, so that seconds of cfn-lint do not look like a hang. Never in CI, in
 * machine-readable formats or with --quiet.
 */
function stepStatus(io: CliIo, options: RunValidateOptions): { show: (name: string) => void; clear: () => void } | undefined {
  if (io.stderr.isTTY !== true || (io.env.CI !== undefined && io.env.CI !== '') || options.format !== 'text' || options.quiet) return undefined;
  let shown = false;
  return {
    show: (name) => {
      io.stderr.write(`\r\u001b[Kvalidate: ${name}...`);
      shown = true;
    },
    clear: () => {
      if (shown) io.stderr.write('\r\u001b[K');
    },
  };
}

/** The checks that did not run on a spec because of its errors: the rules (after shape errors), then every later step. */
function notChecked(spec: CheckedSpec, steps: readonly string[]): string[] {
  if (spec.spec !== undefined) return [];
  return [...(spec.rulesSkipped || spec.loaded === undefined ? ['rules'] : []), ...steps.filter((step) => step !== 'spec')];
}

/** Writes a report file; the reason it failed, or undefined when written. */
function writeReport(path: string, content: string): string | undefined {
  try {
    writeFileSync(path, content);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
