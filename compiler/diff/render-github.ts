/**
 * The diff's findings as GitHub workflow commands: printed by a workflow step, each IAM or network broadening,
 * each replacement, each stateful deletion, each update with interruption and each export in use becomes an annotation on the spec line of the resource it is about,
 * and each stack that goes away (or environment, for all its stacks) a note that deploy keeps it until told,
 * where a reviewer reads the change in the pull request. The same finding in several environments (one role, one
 * line, every environment) is one annotation that names them all, so that GitHub's few annotations per step go to
 * distinct findings.
 */
import { parseLocation } from '../lint/locate-in-spec.js';
import { compareText } from '../model/compare-text.js';
import { workflowCommand, type AnnotationProperties } from '../report/github-annotations.js';
import { acknowledgementScope } from './acknowledgements-added.js';
import { deletionText, exportText, POLICY_REFUSAL_TEXT, iamText, interruptionText, networkText, removedStackText, replacementText } from './describe.js';
import type { PlatformDiff, StackDiff } from './model.js';

interface Finding {
  readonly level: 'warning' | 'notice';
  readonly title: string;
  /** The resource's spec line (`file:line:col`), when the head has it. */
  readonly location?: string;
  /** What identifies the finding across environments: the same resource, kind and policy. */
  readonly key: string;
  readonly text: string;
  readonly where: string;
}

function findings(s: StackDiff): Finding[] {
  const where = `${s.platform}/${s.env}/${s.stack}`;
  const at = (logicalId: string): { location?: string } => (s.sources[logicalId] === undefined ? {} : { location: s.sources[logicalId] });
  return [
    ...s.iam.map((f) => ({ level: 'warning' as const, title: 'IAM broadening', ...(f.location === undefined ? at(f.logicalId) : { location: f.location }), key: `${f.logicalId}\u0000${f.kind}\u0000${f.policy}`, text: `${f.logicalId} ${f.policy}: ${iamText(f)}`, where })),
    ...s.network.map((f) => ({ level: 'warning' as const, title: 'Network broadening', ...at(f.logicalId), key: `${f.logicalId}\u0000${f.kind}\u0000${f.peer}`, text: `${f.logicalId}: ${networkText(f)}`, where })),
    ...s.replacements.map((r) => ({
      level: r.stateful ? ('warning' as const) : ('notice' as const),
      title: r.stateful ? 'Replacement (data is lost)' : 'Replacement',
      ...at(r.logicalId),
      key: `${r.logicalId}\u0000${r.because}`,
      text: `${r.logicalId} (${r.type}) ${replacementText(r)}`,
      where,
    })),
    ...s.deletions.map((d) => ({
      level: 'warning' as const,
      title: 'Deletion (data is lost)',
      ...at(d.logicalId),
      key: `${d.logicalId}\u0000deleted`,
      text: `${d.logicalId} (${d.type}) ${deletionText(d)}`,
      where,
    })),
    ...s.refusedByPolicy.map((logicalId) => ({
      level: 'warning' as const,
      title: 'Refused by the stack policy',
      ...at(logicalId),
      key: `${logicalId}\u0000refused`,
      text: `${logicalId} ${POLICY_REFUSAL_TEXT}`,
      where,
    })),
    ...s.interruptions.map((i) => ({
      level: 'notice' as const,
      title: 'Update with interruption',
      ...at(i.logicalId),
      key: `${i.logicalId}\u0000${i.because.join(',')}`,
      text: `${i.logicalId} (${i.type}) ${interruptionText(i)}`,
      where,
    })),
    ...s.exportsInUse.map((x) => ({ level: 'warning' as const, title: 'Export in use changes', key: x.output, text: `${x.output}: ${exportText(x)}`, where })),
    // A stack that goes away stays deployed: said once per environment gone, or per stack otherwise.
    ...(s.kind === 'removed'
      ? [s.retired !== undefined
        ? { level: 'warning' as const, title: 'Environment removed', key: `${s.platform}/${s.env}`, text: removedStackText(s), where }
        : { level: 'notice' as const, title: 'Stack removed', key: where, text: removedStackText(s), where }]
      : []),
  ];
}

/** Workflow commands for every finding of the diff, grouped across environments; empty when there are none. */
export function renderDiffAnnotations(diff: PlatformDiff): string {
  const groups = new Map<string, Finding[]>();
  for (const finding of diff.stacks.flatMap(findings)) {
    const id = `${finding.location ?? ''}\u0000${finding.title}\u0000${finding.key}`;
    groups.set(id, [...(groups.get(id) ?? []), finding]);
  }
  // In the order of the spec: file, then line and column as numbers; findings without a line last.
  const ordered = [...groups.entries()].map(([id, members]) => ({ id, members, at: position(members[0]?.location) }))
    .sort((a, b) => compareText(a.at.file ?? '\uffff', b.at.file ?? '\uffff') || (a.at.line ?? 0) - (b.at.line ?? 0) || (a.at.col ?? 0) - (b.at.col ?? 0) || compareText(a.id, b.id));
  const lines: string[] = [];
  for (const a of diff.acknowledgementsAdded) {
    lines.push(`${workflowCommand('warning', { title: 'Acknowledgement added', ...position(a.location) }, `${acknowledgementScope(a)} no longer fails validation: ${a.reason}`)}\n`);
  }
  for (const { members: [first, ...others], at } of ordered) {
    if (first === undefined) continue;
    const also = others.length > 0 ? `\n(also in ${others.map((f) => f.where).join(', ')})` : '';
    lines.push(`${workflowCommand(first.level, { title: first.title, ...at }, `${first.where}: ${first.text}${also}`)}\n`);
  }
  return lines.join('');
}

function position(location: string | undefined): AnnotationProperties {
  const parsed = location === undefined ? undefined : parseLocation(location);
  return parsed === undefined ? {} : { file: parsed.file, line: parsed.line, col: parsed.col };
}
