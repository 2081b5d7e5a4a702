/**
 * The compile pipeline end to end: load -> validate -> normalize -> expand -> assemble -> emit. `compileSource`
 * is pure (text in, files out); `compileProject` adds the only I/O, finding and reading spec files. Writing the
 * files is the command's job, so tests and `check` can compare without touching the disk.
 */
import { assemble } from './assemble/assemble.js';
import { QUOTAS, oversizedTemplates } from './assemble/quotas.js';
import type { AssembledStack } from './assemble/stack.js';
import type { Diagnostic, SpecPath } from './diagnostics/diagnostic.js';
import { isBlocking } from './diagnostics/diagnostic.js';
import { emitPlatform, type OutputFile } from './emit/emit.js';
import { EXPANDERS } from './expand/index.js';
import type { Fragment } from './expand/fragment.js';
import { findSpecs } from './load/find-specs.js';
import { loadSpec } from './load/load-spec.js';
import type { LoadedSpec, SpecSource } from './load/loaded-spec.js';
import { positionOf } from './load/positions.js';
import { readSpecFile } from './load/read-spec-file.js';
import type { Platform } from './model/platform.js';
import { outputSpecName } from './load/spec-name.js';
import { projectClaims } from './project-clashes.js';
import { normalize } from './normalize/normalize.js';
import { validateSpec } from './validate/validate-spec.js';

export type { OutputFile };

export interface CompileResult {
  /** Everything found, in the order the stages reported it (the renderer sorts by position). */
  readonly diagnostics: readonly Diagnostic[];
  readonly loaded?: LoadedSpec;
  readonly platform?: Platform;
  readonly stacks?: readonly AssembledStack[];
  /** Empty unless the spec compiled without errors: a broken spec never produces partial output. */
  readonly files: readonly OutputFile[];
}

export interface ProjectCompileResult {
  readonly results: readonly CompileResult[];
  /** Problems with finding or reading the spec files themselves (the command was used wrongly). */
  readonly diagnostics: readonly Diagnostic[];
  /** The files of every spec that compiled, sorted by path. */
  readonly files: readonly OutputFile[];
}

const hasErrors = (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some((d) => isBlocking(d.severity));

/** Compiles one spec text into its output files. Never throws for anything in the spec. */
export function compileSource(source: SpecSource): CompileResult {
  const { loaded, diagnostics: loadDiagnostics } = loadSpec(source);
  if (loaded === undefined || hasErrors(loadDiagnostics)) return { diagnostics: loadDiagnostics, ...(loaded ? { loaded } : {}), files: [] };

  const { spec, diagnostics: validateDiagnostics } = validateSpec(loaded);
  const diagnostics = [...loadDiagnostics, ...validateDiagnostics];
  if (spec === undefined || hasErrors(diagnostics)) return { diagnostics, loaded, files: [] };

  const platform = normalize(spec, { file: source.file, ...(source.name !== undefined ? { specName: source.name } : {}) });
  const fragments = new Map<string, readonly Fragment[]>();
  for (const env of platform.environments) {
    fragments.set(env.name, EXPANDERS.flatMap((expand) => expand({ platform, env })));
  }
  const locate = (path: SpecPath): string => {
    const position = positionOf(loaded, path);
    return `${position.file}:${position.line}:${position.col}`;
  };
  const { stacks, diagnostics: assembleDiagnostics } = assemble(platform, { fragments, locate });
  diagnostics.push(...assembleDiagnostics);
  if (hasErrors(diagnostics)) return { diagnostics, loaded, platform, stacks, files: [] };
  const files = emitPlatform(platform, stacks);
  const oversized = oversizedTemplates(files);
  if (oversized.length === 0) return { diagnostics, loaded, platform, stacks, files };
  for (const { path, bytes } of oversized) {
    const stack = stacks.find((s) => path.endsWith(`/${s.env}/${s.name}.template.json`));
    diagnostics.push({
      code: 'COMPILE004',
      severity: 'error',
      message: `stack ${stack?.stackName ?? path} is ${bytes} bytes, over CloudFormation's template limit of ${QUOTAS.templateBytes}`,
      file: platform.file,
      path: Object.values(stack?.sourceMap.resources ?? {})[0]?.path ?? [],
      hint:
        stack?.kind === 'hosts'
          ? `lower hosts.hypervisors.perStack (now ${platform.environments.find((e) => e.name === stack.env)?.hypervisorsPerStack ?? '?'}); hypervisors that move to another stack are replaced`
          : 'reduce what the spec declares for this stack',
    });
  }
  return { diagnostics, loaded, platform, stacks, files: [] };
}

/**
 * One line per spec whose errors kept it from compiling, `<file>: <n> errors, <consequence>`: what the command did
 * not do for it (write it, compare it), so that its silence about that spec is not read as success.
 */
export function specsWithErrors(results: readonly CompileResult[], consequence: string): string {
  const lines: string[] = [];
  for (const result of results) {
    const errors = result.diagnostics.filter((d) => isBlocking(d.severity)).length;
    if (errors > 0 && result.loaded !== undefined) lines.push(`${result.loaded.file}: ${errors} error${errors === 1 ? '' : 's'}, ${consequence}\n`);
  }
  return lines.join('');
}

/**
 * Compiles every spec of a project (default `specs/**\/*.platform.yaml`, or the given paths and globs). Two specs
 * naming the same platform would write over each other's output, so the second is reported (COMPILE006); two
 * whose stacks share a name in one account and region would deploy over each other (COMPILE008).
 */
export async function compileProject(options: { cwd: string; specs?: readonly string[] }): Promise<ProjectCompileResult> {
  const found = await findSpecs({ cwd: options.cwd, ...(options.specs ? { patterns: options.specs } : {}) });
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  const results: CompileResult[] = [];
  const claim = projectClaims();
  for (const file of found.files) {
    const read = readSpecFile(file, { cwd: options.cwd });
    diagnostics.push(...read.diagnostics);
    if (read.source === undefined) continue;
    const result = compileSource({ ...read.source, name: outputSpecName(read.source.file, options.cwd) });
    const clash = result.platform !== undefined && result.stacks !== undefined ? claim({ platform: result.platform, stacks: result.stacks }) : undefined;
    results.push(clash === undefined ? result : { ...result, files: [], diagnostics: [...result.diagnostics, clash] });
  }
  const files = results.flatMap((r) => r.files).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { results, diagnostics, files };
}
