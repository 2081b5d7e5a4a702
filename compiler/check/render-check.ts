/**
 * How `check` reports stale output: the missing, extra and changed files, a unified diff per changed file
 * (committed -> compiled), and the command that brings the output up to date.
 */
import { createTwoFilesPatch } from 'diff';
import type { Colors } from '../cli/io.js';
import type { OutputComparison } from './compare-output.js';
import { condenseLongLines } from './long-lines.js';
import { movedLinesOnly } from './moved-lines.js';

export interface CheckTextOptions {
  readonly colors: Colors;
  /** The output directory as the user named it, e.g. `generated`. */
  readonly out: string;
  readonly fix: string;
  /** Diff lines shown per file before the rest is summarized (the JSON report always has everything). */
  readonly maxDiffLines?: number;
  /** Platform directories no spec defines any more: each is one line, not one per file. */
  readonly orphans?: readonly string[];
  /** Platforms with no committed output at all (a new spec): each is one line, not one per file. */
  readonly newPlatforms?: readonly string[];
  /** Environment directories (`<platform>/<env>`) with no committed output yet: one line each. */
  readonly newEnvironments?: readonly string[];
  /** Environment directories no spec compiles to any more: one line each. */
  readonly removedEnvironments?: readonly string[];
}

/**
 * The paths, with those under whole directories (`dirs`) folded into one entry per directory: a platform or an
 * environment added or removed is one line saying so, not a screenful of its files.
 */
function folded(paths: readonly string[], dirs: readonly string[], why: (dir: string) => string): string[] {
  const lines: string[] = [];
  const under = (dir: string): string[] => paths.filter((path) => path.startsWith(`${dir}/`));
  for (const dir of dirs) {
    const count = under(dir).length;
    if (count > 0) lines.push(`${dir}/ (${count} file${count === 1 ? '' : 's'}: ${why(dir)})`);
  }
  return [...lines, ...paths.filter((path) => !dirs.some((dir) => path.startsWith(`${dir}/`)))];
}

/**
 * Bounds on computing one file's diff (the edit search costs file length times edit length): beyond 2,000 changed
 * lines or 2 s the file is only listed as changed; the listing above the diffs is always complete.
 */
const MAX_EDIT_LENGTH = 2_000;
const DIFF_TIMEOUT_MS = 2_000;

/** The unified diff of one file, committed version first; a one-line note when the files differ too much to show. */
export function unifiedDiff(path: string, committed: string, compiled: string): string {
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, committed, compiled, 'committed', 'compiled', { context: 3, maxEditLength: MAX_EDIT_LENGTH, timeout: DIFF_TIMEOUT_MS });
  return patch ?? `--- a/${path}\tcommitted\n+++ b/${path}\tcompiled\n(too many differences to show a diff: regenerate and review the file itself)\n`;
}

/** Text report of a stale comparison (the caller prints nothing of this when output is up to date). */
export function renderStale(comparison: OutputComparison, options: CheckTextOptions): string {
  const c = options.colors;
  const max = options.maxDiffLines ?? 400;
  const counts = [
    comparison.changed.length > 0 ? `${comparison.changed.length} changed` : '',
    comparison.missing.length > 0 ? `${comparison.missing.length} missing` : '',
    comparison.extra.length > 0 ? `${comparison.extra.length} extra` : '',
  ].filter((s) => s !== '');
  const lines = [c.red(c.bold(`${options.out}/ is stale: ${counts.join(', ')}`))];
  const missingWhy = (dir: string): string => (dir.includes('/') ? `environment ${environmentOf(dir)} has no output yet` : `platform ${dir} has no output yet`);
  const extraWhy = (dir: string): string => (dir.includes('/') ? `no environment ${environmentOf(dir)} in the spec any more` : `no spec defines platform ${dir}`);
  for (const entry of folded(comparison.missing, [...(options.newPlatforms ?? []), ...(options.newEnvironments ?? [])], missingWhy)) {
    lines.push(`  ${c.green('missing')}  ${options.out}/${entry}`);
  }
  for (const entry of folded(comparison.extra, [...(options.orphans ?? []), ...(options.removedEnvironments ?? [])], extraWhy)) {
    lines.push(`  ${c.red('extra')}    ${options.out}/${entry}`);
  }
  const notes = new Map(comparison.changed.map((file) => [file, changeNote(file)]));
  for (const [file, note] of notes) lines.push(`  ${c.yellow('changed')}  ${options.out}/${file.path}${note}`);
  for (const file of comparison.changed.filter((f) => notes.get(f) === '')) {
    lines.push('');
    const patch = condenseLongLines(unifiedDiff(`${options.out}/${file.path}`, file.committed, file.compiled).split('\n').filter((l, i) => !(i === 0 && l.startsWith('==='))));
    const shown = patch.slice(0, max);
    for (const line of shown) lines.push(colorLine(line, c));
    if (patch.length > max) lines.push(c.dim(`... ${patch.length - max} more diff lines (see --format json)`));
  }
  const moved = [...notes.values()].filter((note) => note === MOVED).length;
  if (moved > 0) {
    lines.push('', `${moved} source map${moved === 1 ? '' : 's'} changed only because lines of the spec moved: the same resources from the same spec paths, at other line numbers (no diff shown; --format json has it).`);
  }
  if (comparison.changed.some(lineEndingsOnly)) {
    // What git does on checkout with core.autocrlf (Windows): compile writes LF, and check compares bytes.
    lines.push('', `Line endings: git converted ${options.out}/ to CRLF on checkout. Add ${c.bold(`${options.out}/** text eol=lf`)} to .gitattributes (platformc init writes it), then run ${c.bold(`git add --renormalize ${options.out}`)} and check out again.`);
  }
  lines.push('', `Fix: run ${c.bold(options.fix)} and commit ${options.out}/.`);
  return `${lines.join('\n')}\n`;
}

/** `env` of an environment directory `platform/env`. */
function environmentOf(dir: string): string {
  return dir.slice(dir.indexOf('/') + 1);
}

const MOVED = ' (spec lines moved only)';

/** What a changed file's line in the listing adds, for the changes shown without a diff; empty for the others. */
function changeNote(file: { readonly path: string; readonly committed: string; readonly compiled: string }): string {
  if (lineEndingsOnly(file)) return ' (line endings only: CRLF where compile writes LF)';
  if (movedLinesOnly(file.path, file.committed, file.compiled)) return MOVED;
  return '';
}

/** A file that differs from the compiled one only in CRLF line endings (compile never writes a CR). */
function lineEndingsOnly(file: { readonly committed: string; readonly compiled: string }): boolean {
  return file.committed.includes('\r\n') && file.committed.replaceAll('\r\n', '\n') === file.compiled;
}

function colorLine(line: string, c: Colors): string {
  if (line.startsWith('+++') || line.startsWith('---')) return c.bold(line);
  if (line.startsWith('+')) return c.green(line);
  if (line.startsWith('-')) return c.red(line);
  if (line.startsWith('@@')) return c.cyan(line);
  return line;
}
