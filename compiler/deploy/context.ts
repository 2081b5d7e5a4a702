/**
 * Everything a deploy step needs, passed explicitly: the injected clients, timing (sleep, clock, backoff), the
 * per-wait timeout, the optional service role and artifact bucket, the progress sink and the interrupt flag.
 */
import type { DeployClients, StackEvent } from './aws-api.js';
import type { Timing } from './retry.js';

export interface ProgressSink {
  /** A line of information (retries, skipped steps). */
  note(stack: string, text: string): void;
  /** A stack event as it arrives. */
  event(stack: string, event: StackEvent, counts: { readonly done: number; readonly total: number }): void;
  /** A stack reached a final state of this run. */
  finished(stack: string, status: string): void;
}

export interface DeployContext {
  readonly clients: DeployClients;
  readonly timing: Timing;
  /** Bound of each wait (change set creation, stack operation), in ms. */
  readonly timeoutMs: number;
  readonly roleArn?: string;
  readonly artifactBucket?: string;
  readonly progress: ProgressSink;
  /** Set on Ctrl-C: stop waiting and starting, leave CloudFormation to finish. */
  readonly interrupted: () => boolean;
}
