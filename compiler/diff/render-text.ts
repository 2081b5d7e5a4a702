/**
 * The diff for a terminal: one line per environment, then per stack the resource changes with their property
 * paths and the findings, marked + ~ - and ! (colored when the terminal allows).
 */
import type { Colors } from '../cli/io.js';
import { formatPath } from './deep-diff.js';
import { acknowledgementScope } from './acknowledgements-added.js';
import { deletionText, exportText, POLICY_REFUSAL_TEXT, iamText, interruptionText, networkText, removedStackText, replacementSummary, replacementText, shortValue, stackCounts } from './describe.js';
import type { PlatformDiff } from './model.js';
import { textChange } from './text-change.js';

export interface TextOptions {
  readonly colors: Colors;
}

/** Terminal rendering of a diff; `No changes.` when there is nothing to show. */
export function renderDiffText(diff: PlatformDiff, options: TextOptions): string {
  const c = options.colors;
  const lines: string[] = [];
  const refused = (e: PlatformDiff['environments'][number]): number =>
    diff.stacks.filter((s) => s.platform === e.platform && s.env === e.env).reduce((n, s) => n + s.refusedByPolicy.length, 0);
  if (diff.specChanges.length > 0) {
    // What the reviewer edited first, each with its line, then what it does.
    lines.push(c.bold('spec changes:'));
    for (const s of diff.specChanges) lines.push(`  ${c.dim(s.location ?? s.file)} ${s.path}: ${shortValue(s.old, 80)} -> ${shortValue(s.new, 80)}`);
  }
  if (diff.acknowledgementsAdded.length > 0) {
    // Findings these accept no longer fail validation: a reviewer decides whether the reasons hold.
    lines.push(c.bold('acknowledgements added (their findings no longer fail validation):'));
    for (const a of diff.acknowledgementsAdded) lines.push(`  ${c.yellow('!')} ${c.dim(a.location ?? a.file)} ${acknowledgementScope(a)}: ${shortValue(a.reason, 100)}`);
  }
  for (const e of diff.environments) {
    const flags = [
      e.iamBroadening ? c.red('IAM broadening') : '',
      e.networkBroadening ? c.red('network broadening') : '',
      e.replacements > 0 ? c.yellow(`${replacementSummary(e)} replacements`) : '',
      e.interruptions > 0 ? c.yellow(`${e.interruptions} interrupted`) : '',
      e.statefulDeletions > 0 ? c.red(`${e.statefulDeletions} deleted with data`) : '',
      refused(e) > 0 ? c.red(`${refused(e)} refused by the stack policy`) : '',
    ].filter((f) => f !== '');
    lines.push(`${c.bold(`${e.platform}/${e.env}`)}: ${e.added} added, ${e.modified} changed, ${e.removed} removed${flags.length > 0 ? ` · ${flags.join(' · ')}` : ''}`);
    for (const s of diff.stacks.filter((x) => x.platform === e.platform && x.env === e.env)) {
      // A resource with its spec line, which terminals and editors open on a click.
      const id = (logicalId: string, at?: string): string => {
        const location = at ?? s.sources[logicalId];
        return location === undefined ? logicalId : `${logicalId} ${c.dim(`(${location})`)}`;
      };
      lines.push(`  ${c.bold(s.stack)} (${s.kind}): ${stackCounts(s)}`);
      if (s.kind === 'removed') lines.push(`    ${c.yellow('!')} ${removedStackText(s)}`);
      // The same text change on many resources (one user data change, every host) is shown once.
      const shownText = new Map<string, string>();
      for (const f of s.iam) lines.push(`    ${c.red('!')} IAM ${f.kind} ${id(f.logicalId, f.location)} ${f.policy}: ${iamText(f)}`);
      for (const f of s.network) lines.push(`    ${c.red('!')} network ${f.kind} ${id(f.logicalId)}: ${networkText(f)}`);
      for (const r of s.replacements) lines.push(`    ${c.yellow('!')} ${id(r.logicalId)} ${r.type} ${replacementText(r)}`);
      for (const d of s.deletions) lines.push(`    ${c.red('!')} ${id(d.logicalId)} ${d.type} ${deletionText(d)}`);
      for (const r of s.refusedByPolicy) lines.push(`    ${c.red('!')} ${id(r)} ${POLICY_REFUSAL_TEXT}`);
      for (const i of s.interruptions) lines.push(`    ${c.yellow('!')} ${id(i.logicalId)} ${i.type} ${interruptionText(i)}`);
      for (const x of s.exportsInUse) lines.push(`    ${c.yellow('!')} export ${x.output} ${exportText(x)}`);
      for (const r of s.resources) {
        const mark = r.kind === 'added' ? c.green('+') : r.kind === 'removed' ? c.red('-') : c.yellow('~');
        lines.push(`    ${mark} ${id(r.logicalId)} ${c.dim(r.type)}`);
        for (const ch of r.changes) {
          const hunks = textChange(ch.old, ch.new);
          if (hunks === undefined) {
            lines.push(`        ${formatPath(ch.path)}: ${shortValue(ch.old)} -> ${shortValue(ch.new)}`);
            continue;
          }
          const key = `${formatPath(ch.path)}\u0000${hunks.join('\n')}`;
          const first = shownText.get(key);
          if (first !== undefined) {
            lines.push(`        ${formatPath(ch.path)}: the same lines changed as in ${first}`);
            continue;
          }
          shownText.set(key, r.logicalId);
          lines.push(`        ${formatPath(ch.path)}: lines changed`);
          for (const line of hunks) {
            const colored = line.startsWith('+') ? c.green(line) : line.startsWith('-') ? c.red(line) : line.startsWith('@@') ? c.cyan(line) : line;
            lines.push(`          ${colored}`);
          }
        }
      }
      for (const p of s.parameters) lines.push(`    ${c.cyan('param')} ${p.name} (${p.kind}): ${shortValue(p.old)} -> ${shortValue(p.new)}`);
      for (const o of s.outputs) lines.push(`    ${c.cyan('output')} ${o.name} (${o.kind}): ${shortValue(o.old)} -> ${shortValue(o.new)}`);
      for (const o of s.other) lines.push(`    ${c.cyan('template')} ${formatPath(o.path)}: ${shortValue(o.old)} -> ${shortValue(o.new)}`);
    }
  }
  if (diff.stacks.length === 0) lines.push('No changes.');
  return `${lines.join('\n')}\n`;
}
