/**
 * A change of a multi-line string (a host's user data, a buildspec) as the lines that changed, with a line of
 * context around each: `old -> new` cut to one line would show the same first hundred characters twice.
 */
import { structuredPatch } from 'diff';
import type { Json } from '../model/cfn.js';
import { printable } from '../diagnostics/printable.js';

/** Lines of context around each changed line. */
const CONTEXT = 1;
/** Bounds on the edit search, as for `check`'s file diffs: beyond them the change is only summarized. */
const MAX_EDIT_LENGTH = 2_000;
const TIMEOUT_MS = 1_000;

/**
 * The changed lines of `old` -> `new` as unified diff hunks (`@@ -a,b +c,d @@`, then ` `, `-`, `+` lines), when
 * both are strings and at least one has several lines; undefined otherwise, or when they differ too much to show.
 */
export function textChange(old: Json | undefined, next: Json | undefined): string[] | undefined {
  if (typeof old !== 'string' || typeof next !== 'string' || !(old.includes('\n') || next.includes('\n'))) return undefined;
  const patch = structuredPatch('', '', old, next, '', '', { context: CONTEXT, maxEditLength: MAX_EDIT_LENGTH, timeout: TIMEOUT_MS });
  if (patch === undefined) return undefined;
  return patch.hunks.flatMap((hunk) => [
    `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
    // Lines from the spec may hold control characters; shown visibly, never sent to the terminal as they are.
    ...hunk.lines.filter((line) => !line.startsWith('\\')).map((line) => `${line.slice(0, 1)}${printable(line.slice(1))}`),
  ]);
}

/** How many lines a multi-line string has, for a one-line summary of it. */
export function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
