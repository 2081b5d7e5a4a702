/**
 * Creating a change set: the template goes as a body, or through the artifact bucket above CloudFormation's
 * 51,200-byte body limit; creation is awaited with a deadline. An empty change set is deleted and reported as
 * "unchanged", a failed one as DEPLOY010 with CloudFormation's reason.
 */
import type { ResourceChange, StackParameter } from './aws-api.js';
import type { DeployContext } from './context.js';
import { asDeployError, awsError, DeployError } from './deploy-error.js';
import type { StackPlan } from './load-plan.js';
import { waitFor, withRetry } from './retry.js';

export const TEMPLATE_BODY_LIMIT = 51_200;

export type PreparedChange =
  | { readonly kind: 'empty' }
  /** No change set: the failed operation of a stack kept by --disable-rollback is run again (retryFailedOperation). */
  | { readonly kind: 'retry' }
  | {
      readonly kind: 'change-set';
      readonly changeSetId: string;
      readonly stackId: string;
      readonly type: 'CREATE' | 'UPDATE';
      readonly changes: readonly ResourceChange[];
    };

/**
 * CloudFormation reports "nothing to change" only as a status reason of a FAILED change set, without a code.
 * These two phrasings are the documented ones.
 */
function isEmptyChangeSet(reason: string | undefined): boolean {
  return reason !== undefined && (reason.includes("didn't contain changes") || reason.includes('No updates are to be performed'));
}

/**
 * Change set names come from the manifest's content hash, so a plan names exactly the generated/ it was made
 * from and a re-run for the same content replaces its own unexecuted change set instead of piling up new ones.
 */
export function changeSetName(plan: Pick<StackPlan, 'contentHash'>): string {
  return `platformc-${plan.contentHash.slice(0, 12)}`;
}

async function templateSource(ctx: DeployContext, plan: StackPlan): Promise<{ templateBody?: string; templateUrl?: string }> {
  if (Buffer.byteLength(plan.templateBody, 'utf8') <= TEMPLATE_BODY_LIMIT) return { templateBody: plan.templateBody };
  if (ctx.artifactBucket === undefined) {
    throw new DeployError({
      code: 'DEPLOY018',
      stack: plan.stackName,
      message: `${plan.stackName}: the template is ${Buffer.byteLength(plan.templateBody, 'utf8')} bytes, above CloudFormation's ${TEMPLATE_BODY_LIMIT}-byte body limit`,
      hint: 'Pass --artifact-bucket <bucket> in the environment\'s account and region; the template is uploaded there first.',
    });
  }
  const { createHash } = await import('node:crypto');
  const key = `platformc/${plan.stackName}/${createHash('sha256').update(plan.templateBody).digest('hex')}.template.json`;
  const bucket = ctx.artifactBucket;
  const templateUrl = await withRetry(() => ctx.clients.s3.putTemplate(bucket, key, plan.templateBody), {
    timing: ctx.timing,
    what: 'uploading the template',
    stack: plan.stackName,
  }).catch((error: unknown) => {
    throw asDeployError(error, { stack: plan.stackName, call: `S3 PutObject s3://${bucket}/${key}` });
  });
  return { templateUrl };
}

/** Creates a change set and waits until CloudFormation has computed it. */
export async function prepareChangeSet(
  ctx: DeployContext,
  plan: StackPlan,
  options: { readonly type: 'CREATE' | 'UPDATE'; readonly parameters: readonly StackParameter[] },
): Promise<PreparedChange> {
  const source = await templateSource(ctx, plan);
  const cf = ctx.clients.cloudFormation;
  const onRetry = (note: string): void => ctx.progress.note(plan.stackName, note);
  const name = changeSetName(plan);
  const create = (): ReturnType<typeof cf.createChangeSet> =>
    cf.createChangeSet({
      stackName: plan.stackName,
      changeSetName: name,
      changeSetType: options.type,
      ...source,
      parameters: options.parameters,
      tags: plan.tags,
      roleArn: ctx.roleArn,
      description: `platformc deploy of ${plan.stackName}`,
    });
  const created = await withRetry(
    () =>
      create().catch(async (error: unknown) => {
        // An unexecuted change set of the same content (an earlier --create-only or an interrupted run) is
        // replaced: it describes the same templates, but possibly other deployed state.
        if (awsError(error).name !== 'AlreadyExistsException') throw error;
        await cf.deleteChangeSet(name, plan.stackName);
        return create();
      }),
    { timing: ctx.timing, what: 'CreateChangeSet', stack: plan.stackName, onRetry },
  ).catch((error: unknown) => {
    throw asDeployError(error, { stack: plan.stackName, call: 'CreateChangeSet' });
  });

  const described = await waitFor(
    async () => {
      const d = await withRetry(() => cf.describeChangeSet(created.id, plan.stackName), { timing: ctx.timing, what: 'DescribeChangeSet', stack: plan.stackName, onRetry });
      return d.status === 'CREATE_COMPLETE' || d.status === 'FAILED' ? d : undefined;
    },
    { timing: ctx.timing, deadline: ctx.timing.now() + ctx.timeoutMs, stack: plan.stackName, what: 'the change set to be created (CREATE_COMPLETE or FAILED)' },
  );

  if (described.status === 'FAILED') {
    await withRetry(() => cf.deleteChangeSet(created.id, plan.stackName), { timing: ctx.timing, what: 'DeleteChangeSet', stack: plan.stackName, onRetry });
    if (options.type === 'CREATE') {
      // The CREATE change set made an empty REVIEW_IN_PROGRESS stack; it is ours and holds nothing, so a re-run
      // after the fix starts clean instead of asking for --replace-failed.
      await withRetry(() => cf.deleteStack(created.stackId, ctx.roleArn), { timing: ctx.timing, what: 'DeleteStack', stack: plan.stackName, onRetry }).catch(() => undefined);
    }
    if (isEmptyChangeSet(described.statusReason)) return { kind: 'empty' };
    throw new DeployError({
      code: 'DEPLOY010',
      stack: plan.stackName,
      message: `${plan.stackName}: the change set failed: ${described.statusReason ?? 'no reason given'}`,
      reason: described.statusReason,
      hint: 'Nothing was changed. Fix the cause in the spec, recompile and deploy again.',
    });
  }
  return { kind: 'change-set', changeSetId: created.id, stackId: created.stackId, type: options.type, changes: described.changes };
}

/** Deletes a change set deploy created but will not execute (dry run, declined). */
export async function discardChangeSet(ctx: DeployContext, stackName: string, changeSetId: string): Promise<void> {
  await withRetry(() => ctx.clients.cloudFormation.deleteChangeSet(changeSetId, stackName), { timing: ctx.timing, what: 'DeleteChangeSet', stack: stackName });
}
