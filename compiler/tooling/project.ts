/**
 * What `list`, `graph` and `explain` work on: the project compiled in memory, so their answers always describe
 * the specs as they are now (never a stale `generated/`). Specs with errors are reported, not shown.
 */
import type { AssembledStack } from '../assemble/stack.js';
import { compileProject } from '../compile.js';
import { isBlocking, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticRecord, renderDiagnostics } from '../diagnostics/render.js';
import type { Manifest } from '../emit/manifest.js';
import type { LoadedSpec } from '../load/loaded-spec.js';
import type { Platform } from '../model/platform.js';
import { EXIT, useColor, type CliIo } from '../cli/io.js';

export interface CompiledPlatform {
  readonly platform: Platform;
  readonly stacks: readonly AssembledStack[];
  readonly manifest: Manifest;
  readonly loaded: LoadedSpec;
}

export interface ToolingProject {
  readonly platforms: readonly CompiledPlatform[];
  /** Non-zero when a spec could not be found (usage) or has errors (findings); the command exits with it. */
  readonly failure: number;
}

/**
 * Compiles the project's specs. Errors are printed on stderr, or with `format` json as `{ok: false, diagnostics}`
 * on stdout, so a script always gets JSON from a JSON command.
 */
export async function compileForTooling(io: CliIo, options: { specs: readonly string[]; format: 'text' | 'json' }): Promise<ToolingProject> {
  const project = await compileProject({ cwd: io.cwd, ...(options.specs.length > 0 ? { specs: options.specs } : {}) });
  const platforms: CompiledPlatform[] = [];
  for (const result of project.results) {
    const manifestFile = result.files.find((file) => file.path.endsWith('/manifest.json'));
    if (result.platform === undefined || result.stacks === undefined || result.loaded === undefined || manifestFile === undefined) continue;
    platforms.push({ platform: result.platform, stacks: result.stacks, manifest: JSON.parse(manifestFile.content) as Manifest, loaded: result.loaded });
  }
  const diagnostics: Diagnostic[] = [...project.diagnostics, ...project.results.flatMap((result) => result.diagnostics)];
  const blocking = diagnostics.filter((diagnostic) => isBlocking(diagnostic.severity));
  if (blocking.length > 0) {
    const sources = new Map<string, LoadedSpec>();
    for (const result of project.results) if (result.loaded !== undefined) sources.set(result.loaded.file, result.loaded);
    if (options.format === 'json') {
      // Scripts read stdout: the failure is reported there, in the same shape as compile's JSON report.
      const records = blocking.map((diagnostic) => diagnosticRecord(diagnostic, sources));
      io.stdout.write(`${JSON.stringify({ ok: false, diagnostics: records }, null, 2)}\n`);
    } else {
      io.stderr.write(renderDiagnostics(blocking, { sources, color: useColor(io, 'stderr'), format: 'text' }));
    }
  }
  const usage = project.diagnostics.some((diagnostic) => isBlocking(diagnostic.severity)) || project.results.length === 0;
  if (project.results.length === 0 && blocking.length === 0) io.stderr.write('platformc: no spec files found (looked for specs/**/*.platform.yaml)\n');
  return { platforms, failure: usage ? EXIT.usage : blocking.length > 0 ? EXIT.findings : EXIT.ok };
}
