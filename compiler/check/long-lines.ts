/**
 * Long lines in `check`'s text diffs. A template holds a host's user data as one JSON string of thousands of
 * characters; a changed script made each such line appear twice, whole, in the terminal. Here a long removed and
 * added pair of JSON string lines is cut to its start and followed by the lines that differ inside the two
 * strings; any other line is cut to a readable length. The JSON report keeps the whole diff.
 */
import { textChange } from '../diff/text-change.js';

/** Lines longer than this are cut. */
const MAX_LINE = 200;
/** How much of a cut string line is kept. */
const KEPT = 80;

/** `  "Fn::Base64": "...",` or `  "...",`: a JSON string value on a line of its own, split into its parts. */
const STRING_LINE = /^(\s*(?:"(?:[^"\\]|\\.)*":\s*)?)("(?:[^"\\]|\\.)*")(,?)$/;

function stringValue(line: string): string | undefined {
  const match = STRING_LINE.exec(line.slice(1));
  if (match === null) return undefined;
  try {
    const value: unknown = JSON.parse(match[2] ?? '');
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function cut(line: string, keep = MAX_LINE): string {
  return line.length <= keep ? line : `${line.slice(0, keep)}… (${line.length} characters)`;
}

/** The patch's lines with long lines condensed, as described above. */
export function condenseLongLines(patch: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < patch.length) {
    const line = patch[i] as string;
    if (!line.startsWith('-') || line.startsWith('---')) {
      out.push(cut(line));
      i += 1;
      continue;
    }
    // A block of removed lines and the block of added lines right after it, paired line by line.
    let end = i;
    while (end < patch.length && (patch[end] as string).startsWith('-') && !(patch[end] as string).startsWith('---')) end += 1;
    let added = end;
    while (added < patch.length && (patch[added] as string).startsWith('+') && !(patch[added] as string).startsWith('+++')) added += 1;
    const removed = patch.slice(i, end);
    const plus = patch.slice(end, added);
    const inner = removed.length === plus.length ? removed.map((r, k) => innerChange(r, plus[k] as string)) : [];
    if (inner.length > 0 && inner.every((x) => x !== undefined)) {
      removed.forEach((r, k) => {
        out.push(cut(r, KEPT), cut(plus[k] as string, KEPT), '    the lines that differ inside these strings:', ...(inner[k] ?? []).map((h) => `    ${h}`));
      });
    } else {
      out.push(...removed.map((r) => cut(r)), ...plus.map((p) => cut(p)));
    }
    i = added;
  }
  return out;
}

/** The changed lines inside two long JSON string lines, when both are long strings of several lines. */
function innerChange(removed: string, added: string): string[] | undefined {
  if (removed.length <= MAX_LINE && added.length <= MAX_LINE) return undefined;
  return textChange(stringValue(removed), stringValue(added));
}
