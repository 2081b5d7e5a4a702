/**
 * `platformc check`, loaded only when it runs: compiles in memory and compares with the committed output of
 * the compiled platforms. Reads nothing but the specs and `<out>/<platform>/`; never loads the AWS SDK.
 */
import { isAbsolute, resolve } from 'node:path';
import { compileProject, specsWithErrors } from '../compile.js';
import { isBlocking, type Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnostics } from '../diagnostics/render.js';
import { isGeneratedName } from '../emit/write-output.js';
import type { LoadedSpec } from '../load/loaded-spec.js';
import { EXIT, colors, displayDirectory, useColor, type CliIo } from '../cli/io.js';
import { readCommittedOutput } from './committed-output.js';
import { compareOutput, isUpToDate, wholeEnvironments } from './compare-output.js';
import { movedLinesOnly } from './moved-lines.js';
import { renderStale, unifiedDiff } from './render-check.js';

export interface CheckOptions {
  readonly specs: readonly string[];
  readonly out: string;
  readonly format: 'text' | 'json';
  readonly quiet: boolean;
}

/** Runs the check; exit 0 when up to date, 1 when stale or a spec has errors, 2 when used wrongly. */
export async function runCheck(io: CliIo, options: CheckOptions): Promise<number> {
  const project = await compileProject({ cwd: io.cwd, ...(options.specs.length > 0 ? { specs: options.specs } : {}) });
  const outDir = isAbsolute(options.out) ? options.out : resolve(io.cwd, options.out);
  const shownOut = displayDirectory(outDir, io.cwd);
  const platforms = project.results.flatMap((r) => (r.platform !== undefined && r.files.length > 0 ? [r.platform.name] : []));
  // Orphans are only looked for when every spec of the project compiled: a spec with errors has no known name.
  const withOrphans = options.specs.length === 0 && project.results.every((r) => r.platform !== undefined);
  const { files: committed, orphans } = readCommittedOutput({ outDir, platforms, withOrphans });
  const comparison = compareOutput(project.files, committed);

  const diagnostics: Diagnostic[] = [...project.diagnostics, ...project.results.flatMap((r) => r.diagnostics)];
  const sources = new Map<string, LoadedSpec>();
  for (const r of project.results) if (r.loaded) sources.set(r.loaded.file, r.loaded);
  const usageError = project.diagnostics.some((d) => isBlocking(d.severity));
  const specError = project.results.some((r) => r.diagnostics.some((d) => isBlocking(d.severity)));
  const upToDate = isUpToDate(comparison);
  const code = usageError ? EXIT.usage : specError || !upToDate ? EXIT.findings : EXIT.ok;
  // Files compile never deletes: a platform no spec defines any more, and files under a platform that platformc
  // does not write (a note, an editor's backup). The fix removes them first, or it would not fix anything.
  const orphaned = (path: string): boolean => orphans.some((p) => path.startsWith(`${p}/`));
  const foreign = comparison.extra.filter((path) => !orphaned(path) && !isGeneratedName(path.split('/').pop() ?? ''));
  const fix = fixCommand(options, { orphans: orphans.map((p) => `${shownOut}/${p}`), foreign: foreign.map((p) => `${shownOut}/${p}`) });

  if (options.format === 'json') {
    const rendered = JSON.parse(renderDiagnostics(diagnostics, { sources, color: false, format: 'json' })) as { diagnostics: unknown };
    const report = {
      ok: code === EXIT.ok,
      upToDate,
      out: shownOut,
      platforms,
      compared: comparison.compared,
      missing: comparison.missing,
      extra: comparison.extra,
      changed: comparison.changed.map((f) => ({
        path: f.path,
        movedLinesOnly: movedLinesOnly(f.path, f.committed, f.compiled),
        diff: unifiedDiff(`${shownOut}/${f.path}`, f.committed, f.compiled),
      })),
      fix: upToDate ? null : fix,
      diagnostics: rendered.diagnostics,
    };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return code;
  }
  if (diagnostics.length > 0) io.stderr.write(renderDiagnostics(diagnostics, { sources, color: useColor(io, 'stderr'), format: 'text' }));
  if (!options.quiet) io.stderr.write(specsWithErrors(project.results, `its output in ${shownOut}/ was not compared`));
  if (!upToDate) {
    const newPlatforms = platforms.filter((p) => !committed.some((file) => file.path.startsWith(`${p}/`)));
    const inPlatforms = (names: readonly string[]) => (dir: string): boolean => !names.includes(dir.split('/')[0] ?? '');
    const newEnvironments = wholeEnvironments(comparison.missing, committed).filter(inPlatforms(newPlatforms));
    const removedEnvironments = wholeEnvironments(comparison.extra, project.files).filter(inPlatforms(orphans));
    io.stdout.write(renderStale(comparison, { colors: colors(useColor(io)), out: shownOut, fix, orphans, newPlatforms, newEnvironments, removedEnvironments }));
  } else if (!options.quiet && code === EXIT.ok) {
    const n = platforms.length;
    io.stdout.write(`${shownOut}/ is up to date (${comparison.compared} files, ${n} platform${n === 1 ? '' : 's'}).\n`);
  }
  return code;
}

function fixCommand(options: CheckOptions, remove: { readonly orphans: readonly string[]; readonly foreign: readonly string[] }): string {
  const parts = ['platformc compile', ...options.specs.map(quote)];
  if (options.out !== 'generated') parts.push('--out', quote(options.out));
  const steps = [
    ...(remove.orphans.length > 0 ? [`rm -r ${remove.orphans.map(quote).join(' ')}`] : []),
    ...(remove.foreign.length > 0 ? [`rm ${remove.foreign.map(quote).join(' ')}`] : []),
    parts.join(' '),
  ];
  return steps.join(' && ');
}

function quote(text: string): string {
  return /^[\w./@:=+-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
