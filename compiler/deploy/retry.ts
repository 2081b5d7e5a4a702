/**
 * Retries and bounded waits. AWS throttles and networks drop connections; both are retried with exponential
 * backoff and jitter. Every wait has a deadline and ends in a DEPLOY015 error naming the stack and what it
 * waited for, never in a hang.
 */
import { awsError, DeployError } from './deploy-error.js';

export interface Timing {
  /** Sleeps (injected so tests can run fast). */
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  /** First backoff delay; doubles per attempt up to maxDelayMs. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
  /** Interval between polls of a change set or stack status. */
  readonly pollMs: number;
}

export const DEFAULT_TIMING: Timing = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxAttempts: 8,
  pollMs: 2_000,
};

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
]);

const TRANSIENT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'InternalFailure', 'ServiceUnavailable']);
const TRANSIENT_ERRNO = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED']);

/** True for errors worth retrying: throttling, 5xx, timeouts, dropped connections. Classified by code, not text. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof DeployError) return false;
  const e = awsError(error);
  if (THROTTLING.has(e.name) || TRANSIENT_NAMES.has(e.name)) return true;
  if (e.errno !== undefined && TRANSIENT_ERRNO.has(e.errno)) return true;
  if (e.status === 429 || (e.status !== undefined && e.status >= 500)) return true;
  return false;
}

/** Runs `call`, retrying retryable errors with capped exponential backoff and full jitter. */
export async function withRetry<T>(
  call: () => Promise<T>,
  options: { readonly timing: Timing; readonly what: string; readonly stack?: string; readonly onRetry?: (note: string) => void },
): Promise<T> {
  const { timing } = options;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      const e = awsError(error);
      if (attempt >= timing.maxAttempts) {
        const timedOut = e.name === 'TimeoutError' || e.errno === 'ETIMEDOUT';
        throw new DeployError({
          code: timedOut ? 'DEPLOY015' : 'DEPLOY016',
          stack: options.stack,
          message: `${options.what}${options.stack ? ` (${options.stack})` : ''} ${timedOut ? 'timed out' : 'kept failing'} after ${attempt} attempts: ${e.name}${e.status ? ` (HTTP ${e.status})` : ''}`,
          hint: timedOut ? 'The endpoint answered too slowly; check connectivity or raise --timeout.' : 'AWS kept throttling or failing; wait a minute and run again.',
        });
      }
      const ceiling = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** (attempt - 1));
      const delay = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
      options.onRetry?.(`${options.what}: ${e.name}, retrying in ${delay} ms (attempt ${attempt + 1}/${timing.maxAttempts})`);
      await timing.sleep(delay);
    }
  }
}

/**
 * Polls `check` until it returns a value or the deadline passes; the timeout error says which stack and what
 * was awaited, so the user knows where to look.
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  options: { readonly timing: Timing; readonly deadline: number; readonly stack: string; readonly what: string },
): Promise<T> {
  const { timing } = options;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (timing.now() + timing.pollMs > options.deadline) {
      throw new DeployError({
        code: 'DEPLOY015',
        stack: options.stack,
        message: `timed out waiting for ${options.what} of ${options.stack}`,
        hint: 'CloudFormation keeps going on its own; check the stack, then run deploy again (or raise --timeout).',
      });
    }
    await timing.sleep(timing.pollMs);
  }
}
