/**
 * `deploy --prune`: deletes the environment's left-over stacks (leftover-stacks.ts), each followed to
 * DELETE_COMPLETE with its events on the progress sink. A protected environment's stacks carry termination
 * protection; --prune lifts it for exactly these stacks, after the person typed the environment's name.
 */
import { waitBoundMs, type DeployContext } from './context.js';
import { DeployError, reportedError } from './deploy-error.js';
import { EventFollower, latestEventId } from './execute.js';
import type { LeftoverStack } from './leftover-stacks.js';
import type { LeftoverReport } from './report.js';
import { findRootCause, rootCauseNotes } from './root-cause.js';
import { withRetry } from './retry.js';

/** The report line of a leftover before anything is done to it. */
export function leftoverReport(leftover: LeftoverStack, result: LeftoverReport['result']): LeftoverReport {
  return {
    stackName: leftover.stackName,
    result,
    status: leftover.status,
    ...(leftover.resources !== undefined ? { resources: leftover.resources } : {}),
    withData: leftover.deletions.map((d) => d.logicalId),
  };
}

/** Deletes one left-over stack and waits for it to be gone. */
async function deleteLeftover(ctx: DeployContext, leftover: LeftoverStack): Promise<void> {
  const cf = ctx.clients.cloudFormation;
  const { stackName, stackId } = leftover;
  if (leftover.status.endsWith('_IN_PROGRESS') && leftover.status !== 'DELETE_IN_PROGRESS') {
    throw new DeployError({
      code: 'DEPLOY027',
      stack: stackName,
      message: `${stackName} is ${leftover.status}; it is not deleted while an operation runs on it`,
      hint: 'Run deploy --prune again once the operation has finished.',
    });
  }
  const retry = { timing: ctx.timing, stack: stackName };
  if (leftover.terminationProtection) {
    await withRetry(() => cf.updateTerminationProtection(stackId, false), { ...retry, what: 'UpdateTerminationProtection' });
    ctx.progress.note(stackName, 'termination protection lifted (--prune)');
  }
  const follower = new EventFollower(await latestEventId(ctx, stackId));
  if (leftover.status !== 'DELETE_IN_PROGRESS') await withRetry(() => cf.deleteStack(stackId, ctx.roleArn), { ...retry, what: 'DeleteStack' });
  const total = Math.max(1, leftover.resources ?? 1);
  const done = new Set<string>();
  const deadline = ctx.timing.now() + waitBoundMs(ctx, leftover);
  for (;;) {
    for (const event of await follower.poll(ctx, stackId)) {
      if (event.resourceType !== 'AWS::CloudFormation::Stack' && event.status === 'DELETE_COMPLETE') done.add(event.logicalId);
      ctx.progress.event(stackName, event, { done: Math.min(done.size, total), total });
    }
    const status = (await withRetry(() => cf.describeStack(stackId), { ...retry, what: 'DescribeStacks' }))?.status ?? 'DELETE_COMPLETE';
    if (status === 'DELETE_COMPLETE') {
      ctx.progress.finished(stackName, status);
      return;
    }
    if (status === 'DELETE_FAILED') {
      ctx.progress.finished(stackName, status);
      const notes = rootCauseNotes(findRootCause(follower.seen, {}));
      throw new DeployError({
        code: 'DEPLOY027',
        stack: stackName,
        message: `${stackName}: deleting the left-over stack failed (DELETE_FAILED)`,
        notes: notes.length > 0 ? notes : ['no failed resource event was reported; see the stack events in the console'],
        hint: 'Fix the cause (a resource still in use, a bucket that is not empty), then run deploy --prune again.',
      });
    }
    if (ctx.interrupted()) {
      throw new DeployError({ code: 'DEPLOY021', stack: stackName, message: `interrupted while ${stackName} is ${status}`, hint: 'CloudFormation keeps deleting it; run deploy --prune again to follow it.' });
    }
    if (ctx.timing.now() + ctx.timing.pollMs > deadline) {
      throw new DeployError({ code: 'DEPLOY015', stack: stackName, message: `timed out waiting for ${stackName} to be deleted (still ${status})`, hint: 'CloudFormation keeps deleting it; run deploy --prune again to follow it.' });
    }
    await ctx.timing.sleep(ctx.timing.pollMs);
  }
}

/**
 * Deletes `leftovers` one after another, in the order given; after a failure the rest are skipped (a later one
 * may import from the one that is still there). Returns a report per stack and whether all went.
 */
export async function pruneLeftovers(ctx: DeployContext, leftovers: readonly LeftoverStack[]): Promise<{ readonly reports: LeftoverReport[]; readonly ok: boolean }> {
  const reports: LeftoverReport[] = [];
  let failed: string | undefined;
  for (const leftover of leftovers) {
    if (failed !== undefined || ctx.interrupted()) {
      reports.push({ ...leftoverReport(leftover, 'skipped'), error: { code: ctx.interrupted() ? 'DEPLOY021' : 'DEPLOY022', message: `not deleted: ${failed ?? 'deploy was interrupted'}`, notes: [] } });
      continue;
    }
    const started = ctx.timing.now();
    try {
      await deleteLeftover(ctx, leftover);
      reports.push({ ...leftoverReport(leftover, 'deleted'), elapsedMs: ctx.timing.now() - started });
    } catch (error) {
      failed = `${leftover.stackName} could not be deleted`;
      reports.push({ ...leftoverReport(leftover, 'failed'), error: reportedError(error, 'DeleteStack') });
    }
  }
  return { reports, ok: failed === undefined && !ctx.interrupted() };
}

/** The preview's lines for left-over stacks: what each holds and what this deploy does with it. */
export function leftoverLines(leftovers: readonly LeftoverStack[], options: { readonly prune: boolean; readonly last: ReadonlySet<string>; readonly othersDeploy: boolean }): string[] {
  return leftovers.map((l) => {
    const held = l.resources === undefined ? 'resources unknown' : `${l.resources} resource${l.resources === 1 ? '' : 's'}`;
    const data = l.deletions.length > 0 ? `, ${l.deletions.length} with data (${l.deletions.map((d) => d.logicalId).join(', ')})` : '';
    const fate = !options.prune
      ? 'kept; deploy with --prune to delete it'
      : `deleted by --prune${!options.othersDeploy ? '' : options.last.has(l.stackName) ? ' after the other stacks deploy (a stack still imports from it)' : ' before the other stacks deploy'}${l.terminationProtection ? ', termination protection lifted' : ''}`;
    return `${l.stackName} (${l.status}): ${held}${data}; ${fate}`;
  });
}
