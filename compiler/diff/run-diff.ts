/**
 * `platformc diff`, loaded only when it runs: compiles the specs as they are at the base revision (read from git,
 * never touching the working tree) and as they are in the working tree, computes the semantic diff and renders it.
 */
import { compileProject, compileSource, type CompileResult } from '../compile.js';
import { isBlocking, type Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnostics } from '../diagnostics/render.js';
import type { LoadedSpec } from '../load/loaded-spec.js';
import { EXIT, colors, useColor, type CliIo } from '../cli/io.js';
import { defaultBase, listFilesAt, prefixInRepository, readSpecAt, revisionExists } from '../git/git.js';
import { diffStacks } from './diff-stacks.js';
import type { PlatformDiff } from './model.js';
import { renderDiffAnnotations } from './render-github.js';
import { renderDiffJson } from './render-json.js';
import { renderDiffMarkdown } from './render-markdown.js';
import { renderDiffText } from './render-text.js';
import { locateRemoved } from './removed-sources.js';
import { acknowledgementsAdded } from './acknowledgements-added.js';
import { specChanges } from './spec-changes.js';
import { stackInputs } from './stack-inputs.js';
import { outputSpecName } from '../load/spec-name.js';

export interface DiffOptions {
  readonly specs: readonly string[];
  readonly base?: string;
  readonly env?: string;
  readonly format: 'text' | 'markdown' | 'json' | 'github';
  readonly failOnBroadening: boolean;
  readonly quiet: boolean;
}

/** Exit 0 when the diff was made (1 with --fail-on-broadening and broadening found), 1 for head spec errors, 2 for usage. */
export async function runDiff(io: CliIo, options: DiffOptions): Promise<number> {
  const usage = (code: string, message: string, hint: string): number => {
    io.stderr.write(renderDiagnostics([{ code, severity: 'error', message, file: '', path: [], hint }], { sources: new Map(), color: useColor(io, 'stderr'), format: 'text' }));
    return EXIT.usage;
  };
  if ((await prefixInRepository({ cwd: io.cwd })) === undefined) {
    return usage('DIFF004', 'not inside a git repository', 'run platformc diff inside the repository that holds the specs');
  }
  const base = options.base ?? (await defaultBase({ cwd: io.cwd }));
  if (!(await revisionExists(base, { cwd: io.cwd }))) {
    return usage('DIFF001', `base revision ${base} not found`, 'name an existing branch, tag or commit; in CI check out with fetch-depth: 0');
  }

  const head = await compileProject({ cwd: io.cwd, ...(options.specs.length > 0 ? { specs: options.specs } : {}) });
  const baseResults = await compileAt(base, options.specs, { cwd: io.cwd });
  const diagnostics: Diagnostic[] = [...head.diagnostics, ...head.results.flatMap((r) => r.diagnostics)];
  const sources = new Map<string, LoadedSpec>();
  for (const r of head.results) if (r.loaded) sources.set(r.loaded.file, r.loaded);
  for (const r of baseResults) {
    if (!r.diagnostics.some((d) => isBlocking(d.severity))) continue;
    diagnostics.push({
      code: 'DIFF002',
      severity: 'warning',
      message: `${r.file} does not compile at ${base}; its stacks show as added`,
      file: r.file,
      path: [],
      hint: 'compare with a base where the spec compiled',
    });
  }
  if (head.diagnostics.some((d) => isBlocking(d.severity))) {
    io.stderr.write(renderDiagnostics(diagnostics, { sources, color: useColor(io, 'stderr'), format: 'text' }));
    return EXIT.usage;
  }

  // A spec with errors now has no output to compare: leave it out on both sides rather than show it all removed.
  const broken = new Set(head.results.filter((r) => r.diagnostics.some((d) => isBlocking(d.severity))).flatMap((r) => r.diagnostics.map((d) => d.file)));
  for (const file of [...broken].sort()) {
    diagnostics.push({
      code: 'DIFF005',
      severity: 'warning',
      message: `${file} has errors; its platform is left out of the diff`,
      file,
      path: [],
      hint: 'fix the errors above, then diff again',
    });
  }
  // A spec that links out of the repository has no base version in git: comparing would show it all added.
  const unknown = new Set<string>();
  for (const r of baseResults) {
    if (r.outside === undefined) continue;
    unknown.add(r.file);
    diagnostics.push({
      code: 'DIFF006',
      severity: 'warning',
      message: `${r.file} links to ${r.outside}, outside the repository, so git has no version of it at ${base}; its platform is left out of the diff`,
      file: r.file,
      path: [],
      hint: 'keep the spec in the repository (a copy, or a link to a file inside it) to have it diffed',
    });
  }
  let baseStacks = stackInputs(baseResults.filter((r) => !broken.has(r.file) && !unknown.has(r.file)).flatMap((r) => r.files));
  let headStacks = stackInputs(head.results.filter((r) => !unknown.has(r.loaded?.file ?? '')).flatMap((r) => r.files));
  const platforms = { head: new Set(headStacks.map((s) => s.platform)), all: new Set([...baseStacks, ...headStacks].map((s) => s.platform)) };
  if (options.env !== undefined) {
    const env = options.env;
    if (![...baseStacks, ...headStacks].some((s) => s.env === env)) {
      return usage('DIFF003', `environment ${env} exists neither at ${base} nor in the working tree`, 'use an environment declared in the spec');
    }
    baseStacks = baseStacks.filter((s) => s.env === env);
    headStacks = headStacks.filter((s) => s.env === env);
  }
  const left = (file: string) => broken.has(file) || unknown.has(file);
  const headSpecs = new Map(head.results.flatMap((r) => (r.platform !== undefined && r.loaded !== undefined ? [[r.platform.name, r.loaded] as const] : [])));
  const versions = [
    ...baseResults.filter((r) => !left(r.file)).map((r) => ({ file: r.file, base: r.value, head: head.results.find((h) => h.loaded?.file === r.file)?.loaded })),
    ...head.results.flatMap((h) => (h.loaded === undefined || left(h.loaded.file) || baseResults.some((r) => r.file === h.loaded?.file) ? [] : [{ file: h.loaded.file, head: h.loaded }])),
  ];
  const diff = {
    ...locateRemoved(diffStacks(baseStacks, headStacks, platforms), baseStacks, headSpecs),
    specChanges: specChanges(versions),
    // With --env, those that apply there: the environment's own and those for every environment.
    acknowledgementsAdded: acknowledgementsAdded(versions).filter((a) => options.env === undefined || a.env === undefined || a.env === options.env),
  };
  const specError = head.results.some((r) => r.diagnostics.some((d) => isBlocking(d.severity)));
  const code = specError || (options.failOnBroadening && diff.broadening) ? EXIT.findings : EXIT.ok;

  if (diagnostics.length > 0 && options.format !== 'json') {
    io.stderr.write(renderDiagnostics(diagnostics, { sources, color: useColor(io, 'stderr'), format: 'text' }));
  }
  io.stdout.write(render(diff, { ...options, base, diagnostics, sources, io }));
  return code;
}

interface RenderContext extends DiffOptions {
  readonly base: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, LoadedSpec>;
  readonly io: CliIo;
}

function render(diff: PlatformDiff, context: RenderContext): string {
  if (context.format === 'markdown') return renderDiffMarkdown(diff, { base: context.base, head: 'working tree' });
  if (context.format === 'github') return renderDiffAnnotations(diff);
  if (context.format === 'json') {
    const rendered = JSON.parse(renderDiagnostics(context.diagnostics, { sources: context.sources, color: false, format: 'json' })) as { diagnostics: unknown };
    const body = JSON.parse(renderDiffJson(diff)) as object;
    return `${JSON.stringify({ base: context.base, head: 'working tree', ...body, diagnostics: rendered.diagnostics }, null, 2)}\n`;
  }
  if (context.quiet && diff.stacks.length === 0) return '';
  return renderDiffText(diff, { colors: colors(useColor(context.io)) });
}

interface BaseResult {
  readonly file: string;
  readonly diagnostics: CompileResult['diagnostics'];
  readonly files: CompileResult['files'];
  /** The spec as plain data, when it parsed. */
  readonly value?: unknown;
  /** Set when the spec is a link out of the repository: its version at the base is not in git. */
  readonly outside?: string;
}

/** Compiles every spec as it is at `ref`: the default spec pattern, or the given paths and globs. */
async function compileAt(ref: string, specs: readonly string[], options: { readonly cwd: string }): Promise<BaseResult[]> {
  const patterns = specs.length > 0 ? specs : ['specs/**/*.platform.yaml'];
  const matchers = patterns.map(globToRegExp);
  const roots = [...new Set(patterns.map(staticRoot))];
  const listed = (await Promise.all(roots.map((root) => listFilesAt(ref, root, options)))).flat();
  const files = [...new Set(listed)].filter((f) => matchers.some((m) => m.test(f))).sort();
  const results: BaseResult[] = [];
  for (const file of files) {
    const spec = await readSpecAt(ref, file, options);
    if (spec === undefined) continue;
    if ('outside' in spec) {
      results.push({ file, diagnostics: [], files: [], outside: spec.outside });
      continue;
    }
    const result = compileSource({ file, text: spec.text, name: outputSpecName(file, options.cwd) });
    results.push({ file, diagnostics: result.diagnostics, files: result.files, ...(result.loaded === undefined ? {} : { value: result.loaded.value }) });
  }
  return results;
}

/** The directory part of a pattern before its first glob character (`.` when it starts with one). */
function staticRoot(pattern: string): string {
  const clean = pattern.replace(/^\.\//, '');
  const segments = clean.split('/');
  const fixed: string[] = [];
  for (const s of segments.slice(0, -1)) {
    if (/[*?[{]/.test(s)) break;
    fixed.push(s);
  }
  return fixed.length > 0 ? fixed.join('/') : '.';
}

/** A small glob matcher for spec patterns: `**` spans directories, `*` and `?` stay within one. */
export function globToRegExp(pattern: string): RegExp {
  const clean = pattern.replace(/^\.\//, '');
  let source = '';
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i] ?? '';
    if (c === '*' && clean[i + 1] === '*') {
      source += clean[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += clean[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
