/**
 * The diff as a pull request comment: a summary table per environment first, then one collapsible section per
 * stack with its findings and changes. The result never exceeds GitHub's comment limit: whole rows and whole
 * sections are left out, with a note saying how many, never a row cut in half.
 */
import { formatPath } from './deep-diff.js';
import { iamText, networkText, replacementSummary, replacementText, shortValue, stackCounts } from './describe.js';
import type { PlatformDiff, StackDiff } from './model.js';
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
      '| Platform | Environment | Added | Changed | Removed | IAM broadening | Network broadening | Replacements |',
      '|---|---|---:|---:|---:|---|---|---:|',
      ...diff.environments.map((e) =>
        row([e.platform, e.env, String(e.added), String(e.modified), String(e.removed), yesNo(e.iamBroadening), yesNo(e.networkBroadening), replacementSummary(e)])),
      '',
    );
  }
  if (diff.broadening) head.push('> **Broadening found.** IAM permissions or network access grow; an `on-broadening` stage will wait for approval.', '');
  const stateful = diff.stacks.flatMap((st) => st.replacements.filter((r) => r.stateful).map((r) => `${st.platform}/${st.env}/${r.logicalId}`));
  if (stateful.length > 0) {
    const shown = stateful.slice(0, 10).map((n) => `\`${code(n)}\``).join(', ');
    const more = stateful.length > 10 ? ` and ${stateful.length - 10} more` : '';
    head.push(`> **Data at risk.** ${stateful.length} stateful resource${stateful.length === 1 ? ' is' : 's are'} replaced: ${shown}${more}.`, '');
  }
  const exports = diff.stacks.flatMap((st) => st.exportsInUse.map((x) => `${st.platform}/${st.env}/${st.stack}: ${x.output}`));
  if (exports.length > 0) {
    const shown = exports.slice(0, 10).map((n) => `\`${code(n)}\``).join(', ');
    const more = exports.length > 10 ? ` and ${exports.length - 10} more` : '';
    head.push(`> **Exports in use change.** CloudFormation refuses to update an export another stack imports: ${shown}${more}.`, '');
  }
  if (diff.stacks.length === 0) head.push('No changes.', '');
  const sections = diff.stacks.map(stackSection);
  return fit(head, sections, limit);
}

/** Lines of one stack's section; the first two and last line are its frame, the rest can be dropped row by row. */
function stackSection(s: StackDiff): string[] {
  const flags = [s.iam.length > 0 ? 'IAM broadening' : '', s.network.length > 0 ? 'network broadening' : '', s.replacements.length > 0 ? `${s.replacements.length} replacements` : '',
    s.exportsInUse.length > 0 ? 'exports in use change' : '']
    .filter((f) => f !== '');
  const lines = [
    `<details><summary><b>${html(`${s.platform}/${s.env}/${s.stack}`)}</b> (${s.kind}): ${stackCounts(s)}${flags.length > 0 ? ` · ${flags.join(' · ')}` : ''}</summary>`,
    '',
  ];
  const table = (title: string, header: readonly string[], rows: readonly Cell[][]) => {
    if (rows.length === 0) return;
    lines.push(`**${title}**`, '', row(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(row), '');
  };
  const spec = (logicalId: string): Cell => {
    const location = s.sources[logicalId];
    return location === undefined ? '' : { code: location };
  };
  table('IAM broadening', ['Resource', 'Spec', 'Policy', 'Finding'], s.iam.map((f) => [f.logicalId, spec(f.logicalId), f.policy, iamText(f)]));
  table('Network broadening', ['Resource', 'Spec', 'Finding'], s.network.map((f) => [f.logicalId, spec(f.logicalId), networkText(f)]));
  table('Replacements', ['Resource', 'Spec', 'Type', 'Why', 'Stateful'], s.replacements.map((r) => [r.logicalId, spec(r.logicalId), r.type, replacementText(r, { state: false }), r.stateful ? { strong: `yes: ${replacementRule(r.type).state ?? 'data'} lost` } : 'no']));
  table('Exports in use', ['Output', 'Export', 'Imported by', 'Why'], s.exportsInUse.map((x) => [x.output, { code: x.exportName }, x.importers.join(', '), x.because]));
  table('Resources', ['Change', 'Resource', 'Spec', 'Type', 'Property', 'Old', 'New'], s.resources.flatMap((r) =>
    r.changes.length === 0
      ? [[r.kind, r.logicalId, spec(r.logicalId), r.type, '', '', '']]
      : r.changes.map((ch) => [r.kind, r.logicalId, spec(r.logicalId), r.type, formatPath(ch.path), valueCell(ch.old), valueCell(ch.new)])));
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
  const oneLine = (t: string) => t.replace(/\r?\n/g, ' ');
  const escape = (t: string) => oneLine(t).replace(/[\\`*_<>[\]|]/g, '\\$&');
  if (typeof value === 'string') return escape(value);
  if ('strong' in value) return `**${escape(value.strong)}**`;
  return `\`${oneLine(code(value.code)).replaceAll('|', '\\|')}\``;
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
