/**
 * The final summary: per stack what happened, how long it took and its outputs; errors with their code, hint and
 * notes (root cause, commands to run); the exit status. JSON is the same report as data.
 */
import type { Colors } from '../cli/io.js';
import type { DeployReport, LeftoverReport, ReportedError, StackReport } from './report.js';

function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : ` in ${(ms / 1000).toFixed(1)} s`;
}

function renderError(e: ReportedError, c: Colors, indent: string): string[] {
  return [
    `${indent}${c.red('error')} ${c.bold(e.code)}: ${e.message}`,
    ...e.notes.map((n) => `${indent}  ${n}`),
    ...(e.hint ? [`${indent}  ${c.dim('hint:')} ${e.hint}`] : []),
  ];
}

const MARK: Record<StackReport['result'], (c: Colors) => string> = {
  created: (c) => c.green('created'),
  updated: (c) => c.green('updated'),
  unchanged: (c) => c.dim('unchanged'),
  failed: (c) => c.red('FAILED'),
  skipped: (c) => c.yellow('not started'),
  planned: (c) => c.cyan('planned'),
  discarded: (c) => c.dim('change set deleted'),
  interrupted: (c) => c.yellow('interrupted'),
  'rolled back': (c) => c.green('rolled back'),
};

const LEFTOVER_MARK: Record<LeftoverReport['result'], (c: Colors) => string> = {
  kept: (c) => c.yellow('kept (deploy with --prune to delete it)'),
  planned: (c) => c.cyan('to be deleted'),
  deleted: (c) => c.green('deleted'),
  failed: (c) => c.red('NOT DELETED'),
  skipped: (c) => c.yellow('not deleted'),
};

/** Human summary of a deploy. */
export function renderDeployText(report: DeployReport, c: Colors): string {
  const lines: string[] = [];
  for (const e of report.errors) lines.push(...renderError(e, c, ''));
  if (report.stacks.length > 0) {
    lines.push('', c.bold(`${report.platform ?? ''} ${report.env}${report.account ? ` (${report.account} ${report.region ?? ''})` : ''}${report.dryRun ? ' - dry run' : ''}`));
  }
  for (const s of report.stacks) {
    const protection = s.protection.length > 0 ? c.dim(` (+ ${s.protection.join(', ')})`) : '';
    lines.push(`  ${s.stackName}: ${MARK[s.result](c)}${seconds(s.elapsedMs)}${protection}`);
    if (s.error) lines.push(...renderError(s.error, c, '    '));
    if (s.result === 'created' || s.result === 'updated') {
      for (const o of s.outputs) lines.push(`    ${c.dim(o.key)} = ${o.value}`);
    }
  }
  const leftovers = report.leftovers ?? [];
  if (leftovers.length > 0) lines.push('', c.bold('Left over (no longer in generated/):'));
  for (const l of leftovers) {
    lines.push(`  ${l.stackName}: ${LEFTOVER_MARK[l.result](c)}${seconds(l.elapsedMs)}`);
    if (l.error) lines.push(...renderError(l.error, c, '    '));
  }
  const counts = new Map<string, number>();
  for (const s of report.stacks) counts.set(s.result, (counts.get(s.result) ?? 0) + 1);
  const summary = [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
  lines.push('', `${report.exitCode === 0 ? c.green('done') : c.red('failed')}: ${summary || 'nothing deployed'}; ${report.changeSetsCreated} change set(s) created; ${(report.elapsedMs / 1000).toFixed(1)} s`);
  if (report.stacks.some((s) => s.result === 'interrupted' || s.error?.code === 'DEPLOY021')) {
    lines.push(c.yellow('Interrupted: operations already started keep running in CloudFormation. Run the same command again to wait for them and continue.'));
  }
  return `${lines.join('\n')}\n`;
}

/** The report as JSON (stable key order of the report type). */
export function renderDeployJson(report: DeployReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
