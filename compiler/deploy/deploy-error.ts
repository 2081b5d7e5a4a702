import type { ReportedError } from './report.js';

/**
 * A deploy failure as data: a stable code (DEPLOY0xx), the stack it concerns, what happened and what to do.
 * Thrown inside the deploy module only and turned into output by the command; never reaches the user as a trace.
 */
export interface DeployErrorInit {
  readonly code: string;
  readonly message: string;
  readonly stack?: string;
  readonly hint?: string;
  /** Extra lines (root-cause events, commands to run). */
  readonly notes?: readonly string[];
  /** AWS's own reason, when the message wraps one (a change set's StatusReason, an API error). */
  readonly reason?: string;
}

export class DeployError extends Error {
  readonly code: string;
  readonly stackName?: string;
  readonly hint?: string;
  readonly notes: readonly string[];
  readonly reason?: string;

  constructor(init: DeployErrorInit) {
    super(init.message);
    this.name = 'DeployError';
    this.code = init.code;
    this.stackName = init.stack;
    this.hint = init.hint;
    this.notes = init.notes ?? [];
    this.reason = init.reason;
  }
}

/** The fields of an AWS SDK error deploy looks at: its error code (name) and HTTP status, never the message text. */
export interface AwsErrorShape {
  readonly name: string;
  readonly message: string;
  readonly status?: number;
  readonly errno?: string;
}

/** Reads the code and status of anything thrown by an SDK call. */
export function awsError(error: unknown): AwsErrorShape {
  if (error instanceof Error) {
    const meta = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
    const errno = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      status: meta?.httpStatusCode,
      errno: typeof errno === 'string' ? errno : undefined,
    };
  }
  return { name: 'Unknown', message: String(error) };
}

/** Wraps a non-deploy error into DEPLOY016 naming the stack and the call. */
export function asDeployError(error: unknown, context: { readonly stack?: string; readonly call: string }): DeployError {
  if (error instanceof DeployError) return error;
  const e = awsError(error);
  return new DeployError({
    code: 'DEPLOY016',
    stack: context.stack,
    message: `${context.call} failed${context.stack ? ` for ${context.stack}` : ''}: ${e.name}: ${e.message}`,
    reason: `${e.name}: ${e.message}`,
  });
}

/** Any error of a deploy step as the report's data (code, message, hint, notes); `call` names an API call for non-deploy errors. */
export function reportedError(error: unknown, call = 'deploy'): ReportedError {
  const e = error instanceof DeployError ? error : asDeployError(error, { call });
  return { code: e.code, message: e.message, hint: e.hint, notes: e.notes };
}
