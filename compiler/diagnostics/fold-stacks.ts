/**
 * One finding per spec line, not one per environment. Checks of generated templates (cfn-lint, the IAM checks,
 * Access Analyzer) see every environment's stacks, and a spec line that every environment compiles (a role, a
 * log group) gives the same finding in each. Findings that differ only in the stack they were found in, which
 * they name in a note (`in shop-dev-iam: ...`), are reported once, with one note naming all those stacks.
 */
import type { Diagnostic } from './diagnostic.js';

/** `in <stack>: <where in it>`, as cfn-lint's, the IAM checks' and Access Analyzer's findings note their stack. */
const STACK_NOTE = /^in ([^\s:]+): (.*)$/s;

function foldKey(d: Diagnostic): string | undefined {
  if (!(d.notes ?? []).some((note) => STACK_NOTE.test(note))) return undefined;
  const at = d.position;
  return JSON.stringify([d.code, d.severity, d.file, d.path, at?.line, at?.col, at?.endLine, at?.endCol, d.message, d.hint, d.acknowledged, d.acknowledgedBy]);
}

/** The notes of several findings as one list: stack notes that say the same of different stacks are joined. */
function mergeNotes(group: readonly Diagnostic[]): string[] {
  const stacksByRest = new Map<string, string[]>();
  const notes: ({ readonly rest: string } | { readonly text: string })[] = [];
  for (const note of group.flatMap((d) => d.notes ?? [])) {
    const match = STACK_NOTE.exec(note);
    if (match === null) {
      if (!notes.some((n) => 'text' in n && n.text === note)) notes.push({ text: note });
      continue;
    }
    const [, stack = '', rest = ''] = match;
    const stacks = stacksByRest.get(rest);
    if (stacks === undefined) {
      stacksByRest.set(rest, [stack]);
      notes.push({ rest });
    } else if (!stacks.includes(stack)) stacks.push(stack);
  }
  return notes.map((n) => ('text' in n ? n.text : `in ${(stacksByRest.get(n.rest) ?? []).join(', ')}: ${n.rest}`));
}

/** The findings with those that differ only in their stack folded into one, in the order first found. */
export function foldAcrossStacks(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const groups = new Map<string, Diagnostic[]>();
  const order: (Diagnostic | string)[] = [];
  for (const d of diagnostics) {
    const key = foldKey(d);
    const group = key === undefined ? undefined : groups.get(key);
    if (key === undefined) order.push(d);
    else if (group !== undefined) group.push(d);
    else {
      groups.set(key, [d]);
      order.push(key);
    }
  }
  return order.flatMap((item) => {
    if (typeof item !== 'string') return [item];
    const group = groups.get(item) ?? [];
    return group.length > 1 && group[0] !== undefined ? [{ ...group[0], notes: mergeNotes(group) }] : group;
  });
}
