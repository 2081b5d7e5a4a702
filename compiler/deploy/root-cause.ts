/**
 * The root cause of a failed stack operation: the first resource that failed, in time order, with its reason
 * and the spec line it came from. Later failures ("Resource creation cancelled") are consequences.
 */
import type { StackEvent } from './aws-api.js';

const CONSEQUENCES = ['Resource creation cancelled', 'Resource update cancelled'];

export interface RootCause {
  readonly logicalId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly reason: string;
  readonly location?: string;
}

/** Picks the root cause among events (any order); undefined when no resource failed. */
export function findRootCause(events: readonly StackEvent[], locations: Readonly<Record<string, string>>): RootCause | undefined {
  const failed = [...events]
    .filter((e) => e.status.endsWith('_FAILED') && e.resourceType !== 'AWS::CloudFormation::Stack')
    .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  const first = failed.find((e) => !CONSEQUENCES.some((c) => (e.reason ?? '').startsWith(c))) ?? failed[0];
  if (!first) return undefined;
  return {
    logicalId: first.logicalId,
    resourceType: first.resourceType,
    status: first.status,
    reason: first.reason ?? 'no reason given',
    location: locations[first.logicalId],
  };
}

/** The root cause as report lines. */
export function rootCauseNotes(cause: RootCause | undefined): string[] {
  if (!cause) return [];
  return [
    `root cause: ${cause.logicalId} (${cause.resourceType}) ${cause.status}: ${cause.reason}`,
    ...(cause.location ? [`  from the spec at ${cause.location}`] : []),
  ];
}
