/**
 * What deploy may do with a stack in each CloudFormation status. Kept as one table so the rules are reviewable:
 * only a stack that never finished its first creation may ever be deleted, and only when asked.
 */
export type StatusClass =
  /** Can take an UPDATE change set. */
  | 'updatable'
  /** Never created successfully (ROLLBACK_COMPLETE, REVIEW_IN_PROGRESS): may be replaced with --replace-failed. */
  | 'failed-create'
  /** UPDATE_ROLLBACK_FAILED: continue-update-rollback, never delete. */
  | 'rollback-failed'
  /** An operation is running: wait. */
  | 'in-progress'
  /** Needs a person (DELETE_FAILED, ROLLBACK_FAILED, IMPORT_ROLLBACK_FAILED...). */
  | 'blocked';

const UPDATABLE = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
  // Left by an operation run with rollback disabled; an update resumes from the point of failure.
  'CREATE_FAILED',
  'UPDATE_FAILED',
]);

/** Left by an operation that failed with rollback disabled (--disable-rollback): resumed by an update or a retry. */
export const FAILED_AND_KEPT: ReadonlySet<string> = new Set(['CREATE_FAILED', 'UPDATE_FAILED']);

export function classifyStatus(status: string): StatusClass {
  if (UPDATABLE.has(status)) return 'updatable';
  if (status === 'ROLLBACK_COMPLETE' || status === 'REVIEW_IN_PROGRESS') return 'failed-create';
  if (status === 'UPDATE_ROLLBACK_FAILED') return 'rollback-failed';
  if (status.endsWith('_IN_PROGRESS')) return 'in-progress';
  return 'blocked';
}

/** Terminal statuses after executing a change set, and whether each means success. */
export function operationOutcome(status: string): 'succeeded' | 'failed' | 'running' {
  if (status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE' || status === 'IMPORT_COMPLETE') return 'succeeded';
  if (status.endsWith('_IN_PROGRESS')) return 'running';
  return 'failed';
}
