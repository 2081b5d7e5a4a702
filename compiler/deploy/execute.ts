/**
 * Executing a change set (or retrying a failed-and-kept operation) and following it: stack events are streamed to
 * the progress sink as they arrive, the stack status is polled until it settles (bounded by the timeout), and a
 * failure is reported with its root cause. On Ctrl-C the wait stops but the operation is left running in
 * CloudFormation.
 */
import type { StackEvent, StackOutput } from './aws-api.js';
import type { PreparedChange } from './change-set.js';
import { waitBoundMs, type DeployContext } from './context.js';
import { asDeployError, DeployError } from './deploy-error.js';
import type { StackPlan } from './load-plan.js';
import { findRootCause, rootCauseNotes } from './root-cause.js';
import { withRetry } from './retry.js';
import { operationOutcome } from './stack-status.js';
import { ENVIRONMENT_TAG } from '../model/stack-tags.js';

/** Polls after which a final status is believed even without its stack event. */
const STALE_STATUS_POLLS = 5;

export interface ExecutionResult {
  readonly status: string;
  readonly outputs: readonly StackOutput[];
  readonly resourcesDone: number;
  readonly elapsedMs: number;
}

function resumeHint(stackName: string): string {
  return `CloudFormation keeps running the operation on ${stackName}; run the same deploy command again to wait for it and continue.`;
}

/** Follows events of one stack from a known point; returns the new ones, oldest first. */
export class EventFollower {
  #lastId: string | undefined;
  readonly seen: StackEvent[] = [];

  constructor(lastId: string | undefined) {
    this.#lastId = lastId;
  }

  async poll(ctx: DeployContext, stackName: string): Promise<readonly StackEvent[]> {
    const newestFirst = await withRetry(() => ctx.clients.cloudFormation.describeStackEvents(stackName, this.#lastId), {
      timing: ctx.timing,
      what: 'DescribeStackEvents',
      stack: stackName,
    });
    if (newestFirst.length > 0) this.#lastId = newestFirst[0]?.eventId;
    const ordered = [...newestFirst].reverse();
    this.seen.push(...ordered);
    return ordered;
  }
}

/** The id of the newest event of a stack, so streaming starts after it (undefined for a stack with none). */
export async function latestEventId(ctx: DeployContext, stackName: string): Promise<string | undefined> {
  const events = await withRetry(() => ctx.clients.cloudFormation.describeStackEvents(stackName), {
    timing: ctx.timing,
    what: 'DescribeStackEvents',
    stack: stackName,
  }).catch(() => []);
  return events[0]?.eventId;
}

/** What an operation is, for its messages: a change set of a type, or a retry of a failed-and-kept operation. */
export interface Operation {
  readonly type: 'CREATE' | 'UPDATE' | 'ROLLBACK';
  /** How many resources it touches, for progress (at least 1). */
  readonly total: number;
  /** Starts it in CloudFormation; an error here may still have started it (moto runs it inside the call). */
  readonly start: () => Promise<void>;
  readonly call: string;
  /** What a settled status means (default: a change set's, operationOutcome). */
  readonly outcome?: (status: string) => 'succeeded' | 'failed' | 'running';
  /** The error for a failed operation (default: DEPLOY011 with the hint for the status it left). */
  readonly failed?: (status: string, notes: readonly string[], cause?: string) => DeployError;
}

const DOING: Readonly<Record<Operation['type'], string>> = { CREATE: 'creating', UPDATE: 'updating', ROLLBACK: 'rolling back' };

/** Executes a prepared change set and waits until the stack settles. */
export function executeChangeSet(
  ctx: DeployContext,
  plan: StackPlan,
  prepared: Extract<PreparedChange, { kind: 'change-set' }>,
): Promise<ExecutionResult> {
  const cf = ctx.clients.cloudFormation;
  return followOperation(ctx, plan, {
    type: prepared.type,
    total: prepared.changes.length,
    start: () => cf.executeChangeSet(prepared.changeSetId, plan.stackName, { disableRollback: ctx.disableRollback === true }),
    call: 'ExecuteChangeSet',
  });
}

/**
 * Retries the operation that failed on a stack kept in CREATE_FAILED or UPDATE_FAILED (--disable-rollback) when
 * generated/ holds nothing new for it: the same template and parameters again, from the point of failure, as the
 * console's Retry does.
 */
export function retryFailedOperation(ctx: DeployContext, plan: StackPlan, options: { readonly parameterKeys: readonly string[] }): Promise<ExecutionResult> {
  const cf = ctx.clients.cloudFormation;
  return followOperation(ctx, plan, {
    type: 'UPDATE',
    total: Object.keys(plan.resourceTypes).length,
    start: () => cf.retryStack({ stackName: plan.stackName, parameterKeys: options.parameterKeys, disableRollback: ctx.disableRollback === true, ...(ctx.roleArn ? { roleArn: ctx.roleArn } : {}) }),
    call: 'UpdateStack',
  });
}

/** The hint of a failed operation, by the status it left the stack in. */
function failureHint(status: string, env: string): string {
  if (status === 'ROLLBACK_COMPLETE' || status === 'REVIEW_IN_PROGRESS') return 'Fix the cause, then run deploy again with --replace-failed to recreate this never-created stack.';
  if (status === 'CREATE_FAILED' || status === 'UPDATE_FAILED') {
    return `What succeeded is kept (--disable-rollback). Fix the cause and deploy again: a stack with changes is updated from here, an unchanged one is retried from the point of failure. Or undo it: \`platformc deploy ${env} --rollback\`.`;
  }
  return 'Fix the cause in the spec, recompile and deploy again; re-running continues from here.';
}

/** Starts an operation and follows it until the stack settles. */
export async function followOperation(ctx: DeployContext, plan: StackPlan, operation: Operation): Promise<ExecutionResult> {
  const cf = ctx.clients.cloudFormation;
  const started = ctx.timing.now();
  const follower = new EventFollower(await latestEventId(ctx, plan.stackName));
  const total = Math.max(1, operation.total);
  const done = new Set<string>();

  const failure = async (status: string, cause?: string): Promise<DeployError> => {
    await follower.poll(ctx, plan.stackName).catch(() => []);
    const notes = rootCauseNotes(findRootCause(follower.seen, plan.locations));
    if (operation.failed !== undefined) return operation.failed(status, notes, cause);
    return new DeployError({
      code: 'DEPLOY011',
      stack: plan.stackName,
      message: `${plan.stackName}: ${operation.type === 'CREATE' ? 'creation' : 'update'} failed (${status})${cause ? `: ${cause}` : ''}`,
      notes: notes.length > 0 ? notes : cause ? [] : ['no failed resource event was reported; see the stack events in the console'],
      hint: failureHint(status, plan.tags[ENVIRONMENT_TAG] ?? '<env>'),
    });
  };

  const before = (await cf.describeStack(plan.stackName).catch(() => undefined))?.status;
  try {
    await withRetry(operation.start, { timing: ctx.timing, what: operation.call, stack: plan.stackName });
  } catch (error) {
    const e = asDeployError(error, { stack: plan.stackName, call: operation.call });
    // Some endpoints (moto) run the operation inside the call and answer with the failing resource's error: the
    // stack then moved or wrote events. A refusal before anything started (access denied, a change set no longer
    // executable) is an API error (DEPLOY016), not a failed stack operation.
    const after = await cf.describeStack(plan.stackName).catch(() => undefined);
    const events = await follower.poll(ctx, plan.stackName).catch(() => []);
    const began = events.length > 0 || (after !== undefined && after.status !== before);
    if (!began) throw e;
    throw await failure(after?.status ?? 'not started', e.reason ?? e.message);
  }

  const deadline = started + waitBoundMs(ctx, plan);
  for (let poll = 1; ; poll += 1) {
    for (const event of await follower.poll(ctx, plan.stackName)) {
      if (event.resourceType !== 'AWS::CloudFormation::Stack' && /_COMPLETE$/.test(event.status)) done.add(event.logicalId);
      ctx.progress.event(plan.stackName, event, { done: Math.min(done.size, total), total });
    }
    const stack = await withRetry(() => cf.describeStack(plan.stackName), { timing: ctx.timing, what: 'DescribeStacks', stack: plan.stackName });
    const status = stack?.status ?? 'DELETE_COMPLETE';
    // The operation is asynchronous: right after it starts, the stack may still show the status of the previous
    // one. A final status counts once this operation's own stack event for it has arrived (or, for endpoints
    // that write no events, after a few polls).
    const ownEvent = follower.seen.some((e) => e.resourceType === 'AWS::CloudFormation::Stack' && e.status === status);
    const outcome = ownEvent || poll >= STALE_STATUS_POLLS ? (operation.outcome ?? operationOutcome)(status) : 'running';
    if (outcome === 'succeeded') {
      ctx.progress.finished(plan.stackName, status);
      return { status, outputs: stack?.outputs ?? [], resourcesDone: done.size, elapsedMs: ctx.timing.now() - started };
    }
    if (outcome === 'failed') {
      ctx.progress.finished(plan.stackName, status);
      throw await failure(status, stack?.statusReason);
    }
    if (ctx.interrupted()) {
      throw new DeployError({ code: 'DEPLOY021', stack: plan.stackName, message: `interrupted while ${plan.stackName} is ${status}`, hint: resumeHint(plan.stackName) });
    }
    if (ctx.timing.now() + ctx.timing.pollMs > deadline) {
      throw new DeployError({
        code: 'DEPLOY015',
        stack: plan.stackName,
        message: `timed out waiting for ${plan.stackName} to finish ${DOING[operation.type]} (still ${status})`,
        hint: resumeHint(plan.stackName),
      });
    }
    await ctx.timing.sleep(ctx.timing.pollMs);
  }
}
