/**
 * The result of a deploy as data, rendered as text or JSON at the end. Per stack: what happened, the changes
 * previewed, outputs, the error with its code.
 */
import type { StackOutput } from './aws-api.js';
import type { StackDrift } from './drift.js';

export interface PreviewRow {
  readonly action: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly replacement?: string;
  /** For Modify: what changes and why, e.g. `ImageId (parameter ImageId), UserData`. */
  readonly cause?: string;
  /** `file:line:col` of the spec node the resource came from. */
  readonly location?: string;
}

export type StackResult = 'created' | 'updated' | 'unchanged' | 'failed' | 'skipped' | 'planned' | 'discarded' | 'interrupted' | 'rolled back';

export interface ReportedError {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  readonly notes: readonly string[];
}

export interface StackReport {
  readonly stack: string;
  readonly stackName: string;
  readonly result: StackResult;
  readonly changeSetType?: 'CREATE' | 'UPDATE';
  /** The status of a stack whose failed operation (rollback disabled) is retried as it was: nothing new for it. */
  readonly retry?: string;
  readonly changes: readonly PreviewRow[];
  readonly outputs: readonly StackOutput[];
  readonly elapsedMs?: number;
  readonly protection: readonly string[];
  readonly error?: ReportedError;
}

/** A stack of the environment that generated/ no longer holds (leftover-stacks.ts), and what deploy did with it. */
export interface LeftoverReport {
  readonly stackName: string;
  /** `kept` without --prune; `planned` for a dry run or before confirmation; then `deleted`, `failed` or `skipped`. */
  readonly result: 'kept' | 'planned' | 'deleted' | 'failed' | 'skipped';
  /** Its CloudFormation status when deploy found it. */
  readonly status: string;
  readonly resources?: number;
  /** Logical ids of its resources deleted with their data. */
  readonly withData: readonly string[];
  readonly elapsedMs?: number;
  readonly error?: ReportedError;
}

export interface DeployReport {
  readonly platform?: string;
  readonly env: string;
  readonly account?: string;
  readonly region?: string;
  readonly dryRun: boolean;
  readonly stacks: readonly StackReport[];
  /** Stacks of the environment no longer in generated/; absent when there are none (or they could not be listed). */
  readonly leftovers?: readonly LeftoverReport[];
  /** With --detect-drift: the stacks with resources changed or deleted outside CloudFormation (empty: none drifted). */
  readonly drift?: readonly StackDrift[];
  readonly changeSetsCreated: number;
  readonly elapsedMs: number;
  /** Errors not tied to one stack (account mismatch, stale output, validation). */
  readonly errors: readonly ReportedError[];
  readonly exitCode: number;
}
