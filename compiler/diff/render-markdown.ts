/**
 * The diff as a pull request comment: a summary table per environment first, then one collapsible section per
 * stack with its findings and changes. The result never exceeds GitHub's comment limit: whole rows and whole
 * sections are left out, with a note saying how many, never a row cut in half.
 */
import { formatPath } from './deep-diff.js';
import { acknowledgementScope } from './acknowledgements-added.js';
import { iamText, interruptionText, networkText, removedStackText, removedSummary, replacementSummary, replacementText, shortValue, stackCounts } from './describe.js';
import type { PlatformDiff, StackDiff } from './model.js';
import { lineCount, textChange } from './text-change.js';
import { replacementRule } from './replacement-table.js';

/** First line of every comment, invisible when rendered: CI finds its previous comment by it and edits it. */
export const COMMENT_MARKER = '<!-- platformc-diff -->';

/** GitHub's limit on the body of an issue or pull request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_535;

export interface MarkdownOptions {
  /** Names the compared revisions in the heading, e.g. `origin/main` -> `working tree`. */
  readonly base: string;
  readonly head: string;
  readonly maxLength?: number;
}

/** Markdown for a PR comment or job summary, at most `maxLength` (default 65,535) characters long. */
export function renderDiffMarkdown(diff: PlatformDiff, options: MarkdownOptions): string {
  const limit = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const head: string[] = [COMMENT_MARKER, `## platformc diff: \`${code(options.base)}\` → \`${code(options.head)}\``, ''];
  if (diff.environments.length === 0) head.push('No platforms compiled.', '');
  else {
    head.push(
      '| Platform | Environment | Added | Changed | Removed | IAM broadening | Network broadening | Replacements | Interrupted |',
      '|---|---|---:|---:|---:|---|---|---:|---:|',
      ...diff.environments.map((e) =>
        row([e.platform, e.env, String(e.added), String(e.modified), removedSummary(e), yesNo(e.iamBroadening), yesNo(e.networkBroadening), replacementSummary(e), String(e.interruptions)])),
      '',
    );
  }
  if (diff.broadening) head.push('> **Broadening found.** IAM permissions or network access grow; an `on-broadening` stage will wait for approval.', '');
  // Call-outs name what they are about, each as `platform/env/<name>`, the first ten of them.
  const named = (pick: (st: StackDiff) => readonly string[]) => diff.stacks.flatMap((st) => pick(st).map((n) => `${st.platform}/${st.env}/${n}`));
  const resources = (n: number, verb: string, what = 'resource') => `${n} ${what}${n === 1 ? ' is' : 's are'} ${verb}`;
  const stateful = named((st) => st.replacements.filter((r) => r.stateful).map((r) => r.logicalId));
  const deleted = named((st) => st.deletions.map((d) => d.logicalId));
  if (stateful.length > 0 || deleted.length > 0) {
    const part = (names: readonly string[], verb: string) => (names.length === 0 ? '' : ` ${resources(names.length, verb, 'stateful resource')}: ${listed(names)}.`);
    head.push(`> **Data at risk.**${part(stateful, 'replaced')}${part(deleted, 'deleted')}`, '');
  }
  const interrupted = named((st) => st.interruptions.map((i) => i.logicalId));
  if (interrupted.length > 0) {
    head.push(`> **Interruptions.** ${resources(interrupted.length, 'updated in place with an interruption')} (an instance is stopped and started): ${listed(interrupted)}.`, '');
  }
  const refused = named((st) => st.refusedByPolicy);
  if (refused.length > 0) {
    head.push(`> **Refused in a protected environment.** The stack policy refuses replacing or deleting ${listed(refused)}: \`platformc deploy\` stops before executing anything (DEPLOY026) unless the policy is lifted on purpose.`, '');
  }
  // An environment gone from the specs: the command that deletes its stacks, once per environment.
  const retired = new Map(diff.stacks.filter((st) => st.kind === 'removed' && st.retired !== undefined).map((st) => [`${st.platform}/${st.env}`, removedStackText(st)]));
  for (const [where, text] of retired) head.push(`> **Environment removed (${where}).** ${text}`, '');
  const exports = named((st) => st.exportsInUse.map((x) => `${st.stack}: ${x.output}`));
  if (exports.length > 0) {
    head.push(`> **Exports in use change.** CloudFormation refuses to update an export another stack imports: ${listed(exports)}.`, '');
  }
  head.push(...specChangeTable(diff));
  if (diff.acknowledgementsAdded.length > 0) {
    head.push('**Acknowledgements added**: findings they accept no longer fail validation; check that each reason holds.', '',
      row(['Spec', 'Accepts', 'Reason']), '|---|---|---|',
      ...diff.acknowledgementsAdded.map((a) => row([{ code: a.location ?? a.file }, acknowledgementScope(a), a.reason])), '');
  }
  if (diff.stacks.length === 0) head.push('No changes.', '');
  const sections = diff.stacks.map(stackSection);
  return fit(head, sections, limit);
}

/** The first ten names as code spans, then how many more. */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, 10).map((n) => `\`${code(n)}\``).join(', ');
  return names.length > 10 ? `${shown} and ${names.length - 10} more` : shown;
}

/** The spec changes of the comparison (at most `MAX_SPEC_ROWS` rows, then how many more), or nothing. */
function specChangeTable(diff: PlatformDiff): string[] {
  if (diff.specChanges.length === 0) return [];
  const rows = diff.specChanges.slice(0, MAX_SPEC_ROWS).map((s) => row([{ code: s.location ?? s.file }, s.path, valueCell(s.old), valueCell(s.new)]));
  const more = diff.specChanges.length - MAX_SPEC_ROWS;
  return ['**Spec changes**', '', row(['Spec', 'Path', 'Old', 'New']), '|---|---|---|---|', ...rows, ...(more > 0 ? ['', `_${more} more spec changes; run \`platformc diff\` for all._`] : []), ''];
}

/** Spec change rows shown in a comment. */
const MAX_SPEC_ROWS = 40;

/** Lines of one stack's section; the first two and last line are its frame, the rest can be dropped row by row. */
function stackSection(s: StackDiff): string[] {
  const flags = [s.iam.length > 0 ? 'IAM broadening' : '', s.network.length > 0 ? 'network broadening' : '', s.replacements.length > 0 ? `${s.replacements.length} replacements` : '',
    s.interruptions.length > 0 ? `${s.interruptions.length} interrupted` : '', s.deletions.length > 0 ? `${s.deletions.length} deleted with data` : '',
    s.refusedByPolicy.length > 0 ? `${s.refusedByPolicy.length} refused by the stack policy` : '',
    s.exportsInUse.length > 0 ? 'exports in use change' : '']
    .filter((f) => f !== '');
  const lines = [
    `<details><summary><b>${html(`${s.platform}/${s.env}/${s.stack}`)}</b> (${s.kind}): ${stackCounts(s)}${flags.length > 0 ? ` · ${flags.join(' · ')}` : ''}</summary>`,
    '',
    ...(s.kind === 'removed' ? [removedStackText(s), ''] : []),
  ];
  const table = (title: string, header: readonly string[], rows: readonly Cell[][]) => {
    if (rows.length === 0) return;
    lines.push(`**${title}**`, '', row(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(row), '');
  };
  const spec = (logicalId: string, at?: string): Cell => {
    const location = at ?? s.sources[logicalId];
    return location === undefined ? '' : { code: location };
  };
  table('IAM broadening', ['Resource', 'Spec', 'Policy', 'Finding'], s.iam.map((f) => [f.logicalId, spec(f.logicalId, f.location), f.policy, iamText(f)]));
  table('Network broadening', ['Resource', 'Spec', 'Finding'], s.network.map((f) => [f.logicalId, spec(f.logicalId), networkText(f)]));
  table('Replacements', ['Resource', 'Spec', 'Type', 'Why', 'Stateful'], s.replacements.map((r) => [r.logicalId, spec(r.logicalId), r.type, replacementText(r, { state: false }), r.stateful ? { strong: `yes: ${replacementRule(r.type).state ?? 'data'} lost` } : 'no']));
  table('Deleted with their data', ['Resource', 'Type', 'Lost'], s.deletions.map((d) => [d.logicalId, d.type, { strong: d.state }]));
  table('Interruptions', ['Resource', 'Spec', 'Type', 'Update'], s.interruptions.map((i) => [i.logicalId, spec(i.logicalId), i.type, interruptionText(i)]));
  table('Exports in use', ['Output', 'Export', 'Imported by', 'Why'], s.exportsInUse.map((x) => [x.output, { code: x.exportName }, x.importers.join(', '), x.because]));
  // Multi-line text (user data) is summarized in the table and shown as changed lines below it, once per
  // distinct change: one user data change on every host is one block naming them all.
  const textBlocks = new Map<string, { readonly path: string; readonly hunks: readonly string[]; readonly resources: string[] }>();
  const changeCells = (r: StackDiff['resources'][number], ch: StackDiff['resources'][number]['changes'][number]): Cell[] => {
    const hunks = textChange(ch.old, ch.new);
    if (hunks === undefined) return [valueCell(ch.old), valueCell(ch.new)];
    const path = formatPath(ch.path);
    const key = `${path}\u0000${hunks.join('\n')}`;
    const block = textBlocks.get(key) ?? { path, hunks, resources: [] };
    block.resources.push(r.logicalId);
    textBlocks.set(key, block);
    const lines = (text: Parameters<typeof shortValue>[0]) => (typeof text === 'string' ? `${lineCount(text)} lines` : '');
    return [lines(ch.old), `${lines(ch.new)}, changed lines below`];
  };
  table('Resources', ['Change', 'Resource', 'Spec', 'Type', 'Property', 'Old', 'New'], s.resources.flatMap((r) =>
    r.changes.length === 0
      ? [[r.kind, r.logicalId, spec(r.logicalId), r.type, '', '', '']]
      : r.changes.map((ch) => [r.kind, r.logicalId, spec(r.logicalId), r.type, formatPath(ch.path), ...changeCells(r, ch)])));
  for (const block of textBlocks.values()) {
    const named = block.resources.length > 3 ? `${block.resources.slice(0, 3).join(', ')} and ${block.resources.length - 3} more` : block.resources.join(', ');
    // One entry, so that a comment cut to fit never ends inside the code block.
    lines.push(`**${escapeText(block.path)}** of ${escapeText(named)}:\n\n${fence(block.hunks)}\n`);
  }
  table('Parameters', ['Change', 'Parameter', 'Old', 'New'], s.parameters.map((p) => [p.kind, p.name, valueCell(p.old), valueCell(p.new)]));
  table('Outputs', ['Change', 'Output', 'Old', 'New'], s.outputs.map((o) => [o.kind, o.name, valueCell(o.old), valueCell(o.new)]));
  table('Template', ['Change', 'Path', 'Old', 'New'], s.other.map((o) => [o.kind, formatPath(o.path), valueCell(o.old), valueCell(o.new)]));
  lines.push('</details>', '');
  return lines;
}

function fit(head: readonly string[], sections: readonly string[][], limit: number): string {
  const note = (n: number) => `_${n} more stack section${n === 1 ? '' : 's'} left out to stay under the comment limit; run \`platformc diff\` locally for the full diff._\n`;
  const reserve = note(sections.length).length;
  let out = `${head.join('\n')}\n`;
  for (const [i, section] of sections.entries()) {
    const text = `${section.join('\n')}\n`;
    const left = sections.length - i - 1;
    if (out.length + text.length + (left > 0 ? reserve : 0) <= limit) {
      out += text;
      continue;
    }
    const partial = truncateSection(section, limit - out.length - reserve);
    if (partial !== undefined) out += partial;
    const omitted = partial === undefined ? sections.length - i : left;
    if (omitted > 0) out += note(omitted);
    return out;
  }
  return out;
}

/** The section's first rows that fit in `budget` characters, closed properly, or undefined if not even the frame fits. */
function truncateSection(section: readonly string[], budget: number): string | undefined {
  const close = (n: number) => `\n_${n} more row${n === 1 ? '' : 's'} of this stack left out._\n\n</details>\n\n`;
  const body = section.slice(0, -2);
  let text = '';
  for (const [i, line] of body.entries()) {
    const next = `${line}\n`;
    if (text.length + next.length + close(body.length - i).length > budget) {
      return i < 2 ? undefined : `${text}${close(body.length - i)}`;
    }
    text += next;
  }
  return `${text}</details>\n\n`;
}

/** A table cell: plain text (Markdown characters escaped) or an inline code span. */
type Cell = string | { readonly code: string } | { readonly strong: string };

function row(cells: readonly Cell[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

function cell(value: Cell): string {
  if (typeof value === 'string') return escapeText(value);
  if ('strong' in value) return `**${escapeText(value.strong)}**`;
  return `\`${code(value.code).replace(/\r?\n/g, ' ').replaceAll('|', '\\|')}\``;
}

/** A fenced `diff` block around `body`, with a fence longer than any backtick run inside it. */
function fence(body: readonly string[]): string {
  const longest = Math.max(2, ...body.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))));
  const marks = '`'.repeat(longest + 1);
  return `${marks}diff\n${body.join('\n')}\n${marks}`;
}

/** Plain text on one line, Markdown characters escaped. */
function escapeText(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_<>[\]|]/g, '\\$&');
}

function valueCell(value: Parameters<typeof shortValue>[0]): Cell {
  return value === undefined ? '' : { code: shortValue(value, 200) };
}

function code(text: string): string {
  return text.replaceAll('`', "'");
}

function html(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function yesNo(value: boolean): Cell {
  return value ? { strong: 'yes' } : 'no';
}
