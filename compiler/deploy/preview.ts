/**
 * The preview shown before confirming: per stack a table of action, logical id, resource type and replacement
 * (True in red, Conditional in yellow), with the spec line each resource came from; then a summary of changes
 * that may broaden IAM permissions or network reachability, which reviewers should read first.
 */
import type { Colors } from '../cli/io.js';
import type { PreviewRow, StackReport } from './report.js';

const IAM_TYPES = /^AWS::IAM::/;
const NETWORK_TYPES = /^AWS::EC2::(SecurityGroup|SecurityGroupIngress|SecurityGroupEgress|Route|RouteTable|NetworkAcl|NetworkAclEntry|TransitGateway.*|VPCPeeringConnection|InternetGateway|NatGateway)$/;

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

/** Columns of the change table; Replacement and Cause only when a row has one (a new stack's rows never do). */
const COLUMNS = ['Action', 'Logical id', 'Type', 'Replacement', 'Cause', 'Spec'] as const;
const OPTIONAL: ReadonlySet<string> = new Set(['Replacement', 'Cause']);

function table(rows: readonly PreviewRow[], c: Colors): string[] {
  const all = rows.map((r) => [r.action, r.logicalId, r.resourceType, r.replacement ?? '', r.cause ?? '', r.location ?? '']);
  const shown = COLUMNS.flatMap((name, i) => (OPTIONAL.has(name) && all.every((row) => row[i] === '') ? [] : [i]));
  const widths = shown.map((i) => Math.max(COLUMNS[i]?.length ?? 0, ...all.map((row) => (row[i] ?? '').length)));
  const lines = [`    ${shown.map((i, k) => pad(COLUMNS[i] ?? '', widths[k] ?? 0)).join('  ')}`.trimEnd()];
  for (const row of all) {
    const colored = shown.map((i, k) => {
      const cell = row[i] ?? '';
      const padded = pad(cell, widths[k] ?? 0);
      if (COLUMNS[i] === 'Action') return cell === 'Remove' ? c.red(padded) : cell === 'Add' ? c.green(padded) : c.yellow(padded);
      if (COLUMNS[i] === 'Replacement' && cell === 'True') return c.bold(c.red(padded));
      if (COLUMNS[i] === 'Replacement' && cell === 'Conditional') return c.yellow(padded);
      return padded;
    });
    lines.push(`    ${colored.join('  ')}`.trimEnd());
  }
  return lines;
}

export interface PreviewFindings {
  /** What may broaden access, from the semantic diff; when not given, IAM and network resources that change. */
  readonly broadening?: readonly string[];
  /**
   * Resources updated with an interruption (instances stopped and started), from the semantic diff; one the
   * change set replaces is shown as replaced only.
   */
  readonly interruptions?: readonly { readonly stackName: string; readonly logicalId: string; readonly line: string }[];
  /** Stateful resources deleted with their data, from the semantic diff. */
  readonly deletions?: readonly string[];
  /** The environment's stacks that generated/ no longer holds, one line each (prune.ts). */
  readonly leftovers?: readonly string[];
  /** Stacks whose hypervisors change in rounds (a rolling batch), with how many and how long deploy waits. */
  readonly rolling?: readonly { readonly stackName: string; readonly rounds: number; readonly waitMinutes: number }[];
  /** With --detect-drift: resources changed or deleted outside CloudFormation, one line each (drift.ts). */
  readonly drift?: readonly string[];
}

/** Stacks in deploy order with their planned changes, as text, then what reviewers should read first. */
export function renderPreview(stacks: readonly StackReport[], c: Colors, findings: PreviewFindings = {}): string {
  const broadening = findings.broadening ?? broadeningSummary(stacks);
  const lines: string[] = [];
  for (const s of stacks) {
    if (s.result === 'unchanged') {
      lines.push(`${c.dim('=')} ${s.stackName}: unchanged`);
      continue;
    }
    if (s.result !== 'planned') continue;
    if (s.retry !== undefined) {
      lines.push(`${c.bold('~')} ${c.bold(s.stackName)}: retry: ${s.retry} (its last operation failed with rollback disabled); the same template runs again from the point of failure`);
      continue;
    }
    const verb = s.changeSetType === 'CREATE' ? 'create' : 'update';
    lines.push(`${c.bold(s.changeSetType === 'CREATE' ? '+' : '~')} ${c.bold(s.stackName)}: ${verb}, ${s.changes.length} resource change(s)`);
    lines.push(...table(s.changes, c));
  }
  if (broadening.length > 0) {
    lines.push('', c.bold('Review first (may broaden access):'), ...broadening.map((b) => `  ${c.yellow('!')} ${b}`));
  }
  const replaced = stacks.flatMap((s) => s.changes.filter((r) => r.replacement === 'True').map((r) => `${s.stackName}/${r.logicalId}`));
  if (replaced.length > 0) lines.push('', c.bold(c.red(`Replaced (new physical resource): ${replaced.join(', ')}`)));
  const deletions = findings.deletions ?? [];
  if (deletions.length > 0) lines.push('', c.bold(c.red('Deleted with their data:')), ...deletions.map((d) => `  ${c.red('!')} ${d}`));
  const interruptions = (findings.interruptions ?? []).filter((i) => !replaced.includes(`${i.stackName}/${i.logicalId}`)).map((i) => i.line);
  if (interruptions.length > 0) {
    lines.push('', c.bold('Interrupted during the update:'), ...interruptions.map((i) => `  ${c.yellow('!')} ${i}`));
  }
  const rolling = (findings.rolling ?? []).filter((r) => stacks.some((s) => s.stackName === r.stackName && s.result === 'planned'));
  if (rolling.length > 0) {
    lines.push('', c.bold('Rolling:'), ...rolling.map((r) => `  ${r.stackName}: its hypervisors change in up to ${r.rounds} rounds, one after another (deploy waits up to ${r.waitMinutes} min)`));
  }
  const leftovers = findings.leftovers ?? [];
  if (leftovers.length > 0) lines.push('', c.bold('Left over (no longer in generated/):'), ...leftovers.map((l) => `  ${c.yellow('-')} ${l}`));
  if (findings.drift !== undefined) {
    lines.push('', findings.drift.length === 0
      ? `${c.bold('Drift:')} none; every deployed stack matches its template`
      : c.bold(c.yellow('Drifted (changed outside CloudFormation; an update writes the template\'s values over it, and a deleted resource can fail it):')));
    lines.push(...findings.drift.map((d) => `  ${c.yellow('!')} ${d}`));
  }
  return `${lines.join('\n')}\n`;
}

/** IAM and network resources added or modified, per stack (the fallback when the semantic diff cannot run). */
export function broadeningSummary(stacks: readonly StackReport[]): string[] {
  const out: string[] = [];
  for (const s of stacks) {
    const touched = s.changes.filter((r) => r.action !== 'Remove');
    const iam = touched.filter((r) => IAM_TYPES.test(r.resourceType)).map((r) => r.logicalId);
    const net = touched.filter((r) => NETWORK_TYPES.test(r.resourceType)).map((r) => r.logicalId);
    if (s.changeSetType === 'UPDATE' && iam.length > 0) out.push(`${s.stackName}: IAM ${iam.join(', ')}`);
    if (s.changeSetType === 'UPDATE' && net.length > 0) out.push(`${s.stackName}: network ${net.join(', ')}`);
    if (s.changeSetType === 'CREATE' && iam.length + net.length > 0) out.push(`${s.stackName}: new stack with ${iam.length} IAM and ${net.length} network resource(s)`);
  }
  return out;
}
