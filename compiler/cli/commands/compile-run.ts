/**
 * The compile command's implementation, loaded only when `compile` runs: compiles the project, writes each
 * platform that compiled, renders diagnostics and the summary.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { compileProject, specsWithErrors, type CompileResult } from '../../compile.js';
import { isBlocking, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnosticRecord, renderDiagnostics } from '../../diagnostics/render.js';
import { writePlatformOutput, type WriteSummary } from '../../emit/write-output.js';
import type { LoadedSpec } from '../../load/loaded-spec.js';
import { EXIT, colors, displayDirectory, useColor, type CliIo } from '../io.js';

export interface CompileRunOptions {
  readonly specs: readonly string[];
  readonly out: string;
  readonly format: 'text' | 'json';
  readonly quiet: boolean;
}

interface PlatformSummary {
  readonly platform: string;
  readonly spec: string;
  readonly out: string;
  readonly environments: readonly { readonly name: string; readonly stacks: number; readonly resources: number }[];
  readonly files: WriteSummary;
}

/** Runs `platformc compile`; returns the exit code. */
export async function runCompile(io: CliIo, options: CompileRunOptions): Promise<number> {
  // process.hrtime rather than performance.now(): the first use of `performance` loads perf_hooks, a few ms.
  const started = process.hrtime.bigint();
  const project = await compileProject({ cwd: io.cwd, ...(options.specs.length > 0 ? { specs: options.specs } : {}) });
  const outDir = isAbsolute(options.out) ? options.out : resolve(io.cwd, options.out);
  const shownOut = displayDirectory(outDir, io.cwd);

  const summaries: PlatformSummary[] = [];
  const writeErrors: Diagnostic[] = [];
  for (const result of project.results) {
    if (result.platform === undefined || result.stacks === undefined || result.files.length === 0) continue;
    const out = join(shownOut, result.platform.name).split('\\').join('/');
    try {
      const files = writePlatformOutput({ outDir, platform: result.platform.name, files: result.files });
      summaries.push(summarize(result, files, out));
    } catch (error) {
      writeErrors.push({
        code: 'COMPILE007',
        severity: 'error',
        message: `cannot write ${out}/: ${error instanceof Error ? error.message : String(error)}`,
        file: result.platform.file,
        path: [],
        hint: 'point --out at a directory you can write',
      });
    }
  }
  const milliseconds = Math.round(Number(process.hrtime.bigint() - started) / 1e6);

  const diagnostics: Diagnostic[] = [...project.diagnostics, ...project.results.flatMap((r) => r.diagnostics), ...writeErrors];
  const sources = new Map<string, LoadedSpec>();
  for (const r of project.results) if (r.loaded) sources.set(r.loaded.file, r.loaded);
  const usageError = project.diagnostics.some((d) => isBlocking(d.severity)) || writeErrors.length > 0;
  const specError = project.results.some((r) => r.diagnostics.some((d) => isBlocking(d.severity)));
  const code = usageError ? EXIT.usage : specError ? EXIT.findings : EXIT.ok;

  if (options.format === 'json') {
    const report = { ok: code === EXIT.ok, milliseconds, platforms: summaries, diagnostics: diagnostics.map((d) => diagnosticRecord(d, sources)) };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return code;
  }
  if (diagnostics.length > 0) io.stderr.write(renderDiagnostics(diagnostics, { sources, color: useColor(io, 'stderr'), format: 'text' }));
  // A spec with errors writes nothing: say so, so that nobody wonders whether its output is half new.
  if (!options.quiet) io.stderr.write(specsWithErrors(project.results, 'nothing written for this spec'));
  if (!options.quiet && (summaries.length > 0 || diagnostics.length === 0)) io.stdout.write(renderSummary(summaries, { milliseconds, failed: project.results.length - summaries.length, color: useColor(io) }));
  return code;
}

function summarize(result: CompileResult, files: WriteSummary, out: string): PlatformSummary {
  const platform = result.platform;
  const stacks = result.stacks ?? [];
  return {
    platform: platform?.name ?? '',
    spec: platform?.file ?? '',
    out,
    environments: (platform?.environments ?? []).map((env) => {
      const own = stacks.filter((s) => s.env === env.name);
      return { name: env.name, stacks: own.length, resources: own.reduce((sum, s) => sum + Object.keys(s.template.Resources).length, 0) };
    }),
    files,
  };
}

function renderSummary(summaries: readonly PlatformSummary[], options: { milliseconds: number; failed: number; color: boolean }): string {
  const c = colors(options.color);
  const lines: string[] = [];
  for (const s of summaries) {
    lines.push(`${c.bold(s.platform)}  ${s.spec} -> ${s.out}/`);
    const width = Math.max(...s.environments.map((e) => e.name.length));
    for (const e of s.environments) lines.push(`  ${e.name.padEnd(width)}  ${String(e.stacks).padStart(3)} stacks  ${String(e.resources).padStart(5)} resources`);
    lines.push(`  files: ${s.files.written} written, ${s.files.unchanged} unchanged, ${s.files.removed} removed`);
  }
  const stacks = summaries.reduce((sum, s) => sum + s.environments.reduce((n, e) => n + e.stacks, 0), 0);
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const failed = options.failed > 0 ? c.red(`, ${plural(options.failed, 'spec')} with errors`) : '';
  lines.push(`compiled ${plural(summaries.length, 'platform')} (${plural(stacks, 'stack')})${failed} in ${options.milliseconds} ms`);
  return `${lines.join('\n')}\n`;
}
