/**
 * Everything a deploy step needs, passed explicitly: the injected clients, timing (sleep, clock, backoff), the
 * per-wait timeout, the optional service role and artifact bucket, the progress sink and the interrupt flag.
 */
import type { DeployClients, StackEvent } from './aws-api.js';
import type { Timing } from './retry.js';
import { minutesForRounds } from '../model/rolling-time.js';

export interface ProgressSink {
  /** A line of information (retries, skipped steps). */
  note(stack: string, text: string): void;
  /** A stack event as it arrives. */
  event(stack: string, event: StackEvent, counts: { readonly done: number; readonly total: number }): void;
  /** A stack reached a final state of this run. */
  finished(stack: string, status: string): void;
}

/**
 * How long to wait for an operation on this stack: the command's bound, or longer for a stack whose hypervisors
 * change in rounds (a rolling batch), however long those take.
 */
export function waitBoundMs(ctx: Pick<DeployContext, 'timeoutMs'>, plan: { readonly rollingRounds: number }): number {
  return plan.rollingRounds > 1 ? Math.max(ctx.timeoutMs, minutesForRounds(plan.rollingRounds) * 60_000) : ctx.timeoutMs;
}

export interface DeployContext {
  readonly clients: DeployClients;
  readonly timing: Timing;
  /** Bound of each wait (change set creation, stack operation), in ms. */
  readonly timeoutMs: number;
  readonly roleArn?: string;
  readonly artifactBucket?: string;
  /** --disable-rollback: a failed operation keeps what succeeded, to be retried or rolled back later. */
  readonly disableRollback?: boolean;
  readonly progress: ProgressSink;
  /** Set on Ctrl-C: stop waiting and starting, leave CloudFormation to finish. */
  readonly interrupted: () => boolean;
}
