/**
 * `deploy --detect-drift`: before the preview, CloudFormation's drift detection runs on every deployed stack of
 * the environment, so the preview names the resources someone changed or deleted outside CloudFormation. An
 * update writes the template's values over such changes, and a deleted resource can fail it. Detection takes
 * seconds to minutes per stack, so it is asked for, not run by default. A stack whose detection fails or times out
 * gets a note; nothing stops the deploy.
 */
import type { ResourceDrift } from './aws-api.js';
import type { DeployContext } from './context.js';
import { reportedError } from './deploy-error.js';
import { waitFor, withRetry } from './retry.js';

/** The drifted resources of one stack, as the report carries them. */
export interface StackDrift {
  readonly stackName: string;
  readonly resources: readonly ResourceDrift[];
}

/** At most this long for one stack's detection; drift detection of a large stack takes a minute or two. */
const DETECTION_BOUND_MS = 5 * 60_000;

/** Runs drift detection on each stack (all at once) and returns those that drifted, in the order given. */
export async function detectDrift(ctx: DeployContext, stackNames: readonly string[]): Promise<StackDrift[]> {
  const found = await Promise.all(stackNames.map((stackName) => detectOne(ctx, stackName)));
  return found.filter((d): d is StackDrift => d !== undefined && d.resources.length > 0);
}

async function detectOne(ctx: DeployContext, stackName: string): Promise<StackDrift | undefined> {
  const cf = ctx.clients.cloudFormation;
  const retry = { timing: ctx.timing, stack: stackName };
  try {
    const id = await withRetry(() => cf.detectStackDrift(stackName), { ...retry, what: 'DetectStackDrift' });
    const done = await waitFor(
      async () => {
        const status = await withRetry(() => cf.driftDetectionStatus(id), { ...retry, what: 'DescribeStackDriftDetectionStatus' });
        return status.detectionStatus === 'DETECTION_IN_PROGRESS' ? undefined : status;
      },
      { timing: ctx.timing, deadline: ctx.timing.now() + Math.min(ctx.timeoutMs, DETECTION_BOUND_MS), stack: stackName, what: 'drift detection' },
    );
    // A detection that failed for some resources still reports the others.
    if (done.detectionStatus === 'DETECTION_FAILED') ctx.progress.note(stackName, `drift detection incomplete: ${done.reason ?? 'no reason given'}`);
    if (done.stackDriftStatus === 'IN_SYNC') return { stackName, resources: [] };
    return { stackName, resources: await withRetry(() => cf.resourceDrifts(stackName), { ...retry, what: 'DescribeStackResourceDrifts' }) };
  } catch (error) {
    ctx.progress.note(stackName, `drift not detected: ${reportedError(error).message}`);
    return undefined;
  }
}

/**
 * The preview's lines: one per drifted resource, with what differs and the spec line the resource comes from
 * (`locations`: stack name -> logical id -> `file:line:col`), where the template reverts to.
 */
export function driftLines(drifts: readonly StackDrift[], locations: ReadonlyMap<string, Readonly<Record<string, string>>> = new Map()): string[] {
  return drifts.flatMap((d) =>
    d.resources.map((r) => {
      const at = locations.get(d.stackName)?.[r.logicalId];
      return `${d.stackName}/${r.logicalId} (${r.resourceType})${at === undefined ? '' : ` ${at}`} ${r.status}${r.differences.length > 0 ? `: ${r.differences.join(', ')}` : ''}`;
    }));
}
