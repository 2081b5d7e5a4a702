/**
 * Reads a deployed stack and decides what deploy will do with it: create, update, nothing, wait, or stop with
 * an explanation. A stack busy with another operation is waited for (bounded); a never-created stack is replaced
 * only with --replace-failed; an UPDATE_ROLLBACK_FAILED stack is never deleted, only rolled back on request.
 */
import type { DeployedStack, StackParameter } from './aws-api.js';
import { compareStack } from './compare.js';
import { waitBoundMs, type DeployContext } from './context.js';
import { asDeployError, DeployError } from './deploy-error.js';
import type { StackPlan } from './load-plan.js';
import { waitFor, withRetry } from './retry.js';
import { classifyStatus, FAILED_AND_KEPT } from './stack-status.js';

export type Assessment =
  | { readonly action: 'create'; readonly replaced?: string }
  | { readonly action: 'update'; readonly deployed: DeployedStack; readonly deployedTemplate: string; readonly differences: readonly string[] }
  | { readonly action: 'unchanged'; readonly deployed: DeployedStack; readonly deployedTemplate: string }
  /** Kept in CREATE_FAILED / UPDATE_FAILED by --disable-rollback, and generated/ holds nothing new: run it again. */
  | { readonly action: 'retry'; readonly deployed: DeployedStack; readonly deployedTemplate: string };

export interface AssessOptions {
  readonly parameters: readonly StackParameter[];
  readonly replaceFailed: boolean;
  readonly continueRollback: boolean;
}

async function describe(ctx: DeployContext, stackName: string): Promise<DeployedStack | undefined> {
  return withRetry(() => ctx.clients.cloudFormation.describeStack(stackName), {
    timing: ctx.timing,
    what: 'DescribeStacks',
    stack: stackName,
    onRetry: (n) => ctx.progress.note(stackName, n),
  }).catch((error: unknown) => {
    throw asDeployError(error, { stack: stackName, call: 'DescribeStacks' });
  });
}

/**
 * Waits until no operation runs on the stack; the timeout names what was awaited. With `leaving`, a stack still
 * in that status has not started the operation just requested (CloudFormation starts asynchronously), so the
 * wait goes on until it leaves it or has been seen in progress.
 */
async function settle(ctx: DeployContext, stackName: string, what: string, leaving?: string): Promise<DeployedStack | undefined> {
  let sawProgress = false;
  return waitFor(
    async () => {
      const latest = await describe(ctx, stackName);
      if (latest === undefined) return { stack: undefined };
      const busy = classifyStatus(latest.status) === 'in-progress';
      sawProgress ||= busy;
      if (!busy && (latest.status !== leaving || sawProgress)) return { stack: latest };
      if (ctx.interrupted()) {
        throw new DeployError({ code: 'DEPLOY021', stack: stackName, message: `interrupted while waiting for ${stackName} (${latest.status})` });
      }
      return undefined;
    },
    { timing: ctx.timing, deadline: ctx.timing.now() + ctx.timeoutMs, stack: stackName, what },
  ).then((r) => r.stack);
}

/** Decides the action for one stack. */
export async function assessStack(ctx: DeployContext, plan: StackPlan, options: AssessOptions): Promise<Assessment> {
  const cf = ctx.clients.cloudFormation;
  let deployed = await describe(ctx, plan.stackName);
  if (deployed === undefined) return { action: 'create' };

  if (classifyStatus(deployed.status) === 'in-progress') {
    ctx.progress.note(plan.stackName, `${deployed.status}: waiting for the running operation to finish`);
    // Perhaps an earlier deploy still rolling its hypervisors: wait as long as this stack's own update may take.
    deployed = await settle({ ...ctx, timeoutMs: waitBoundMs(ctx, plan) }, plan.stackName, `the running operation (${deployed.status}) to finish`);
    if (deployed === undefined) return { action: 'create' };
  }

  const cls = classifyStatus(deployed.status);
  if (cls === 'failed-create') {
    const why =
      deployed.status === 'REVIEW_IN_PROGRESS'
        ? 'it was never created: a change set was made for it but not executed (or its creation was abandoned)'
        : 'its first creation failed and was rolled back; such a stack cannot be updated';
    if (!options.replaceFailed) {
      throw new DeployError({
        code: 'DEPLOY012',
        stack: plan.stackName,
        message: `${plan.stackName} is ${deployed.status}: ${why}`,
        hint: 'Run deploy again with --replace-failed to delete it and create it anew (it holds no working resources).',
      });
    }
    ctx.progress.note(plan.stackName, `${deployed.status}: deleting the never-created stack (--replace-failed)`);
    const stackId = deployed.stackId;
    await withRetry(() => cf.deleteStack(stackId, ctx.roleArn), { timing: ctx.timing, what: 'DeleteStack', stack: plan.stackName });
    const gone = await waitFor(
      async () => {
        const s = await describe(ctx, plan.stackName);
        if (s === undefined || s.status === 'DELETE_COMPLETE') return true;
        if (s.status === 'DELETE_FAILED') {
          throw new DeployError({ code: 'DEPLOY014', stack: plan.stackName, message: `${plan.stackName}: deleting the failed stack failed (${s.statusReason ?? 'DELETE_FAILED'})` });
        }
        return undefined;
      },
      { timing: ctx.timing, deadline: ctx.timing.now() + ctx.timeoutMs, stack: plan.stackName, what: 'the failed stack to be deleted' },
    );
    if (gone) return { action: 'create', replaced: deployed.status };
  }

  if (cls === 'rollback-failed') {
    const command = `aws cloudformation continue-update-rollback --stack-name ${plan.stackName}${ctx.roleArn ? ` --role-arn ${ctx.roleArn}` : ''}`;
    if (!options.continueRollback) {
      throw new DeployError({
        code: 'DEPLOY013',
        stack: plan.stackName,
        message: `${plan.stackName} is UPDATE_ROLLBACK_FAILED: a failed update could not be rolled back${deployed.statusReason ? ` (${deployed.statusReason})` : ''}`,
        hint: 'deploy never deletes such a stack. Fix the cause, then continue the rollback and run deploy again:',
        notes: [command, 'or run deploy again with --continue-rollback'],
      });
    }
    ctx.progress.note(plan.stackName, 'UPDATE_ROLLBACK_FAILED: continuing the rollback (--continue-rollback)');
    await withRetry(() => cf.continueUpdateRollback(plan.stackName, ctx.roleArn), { timing: ctx.timing, what: 'ContinueUpdateRollback', stack: plan.stackName });
    deployed = await settle(ctx, plan.stackName, 'the rollback to finish (UPDATE_ROLLBACK_COMPLETE)', 'UPDATE_ROLLBACK_FAILED');
    if (deployed === undefined) return { action: 'create' };
    if (deployed.status !== 'UPDATE_ROLLBACK_COMPLETE') {
      throw new DeployError({ code: 'DEPLOY013', stack: plan.stackName, message: `${plan.stackName}: continuing the rollback ended in ${deployed.status}`, notes: [command] });
    }
  }

  if (classifyStatus(deployed.status) === 'blocked') {
    throw new DeployError({
      code: 'DEPLOY014',
      stack: plan.stackName,
      message: `${plan.stackName} is ${deployed.status}; deploy does not change a stack in this state`,
      hint: 'Resolve it in the CloudFormation console (or with the AWS CLI), then run deploy again.',
    });
  }

  const current = deployed;
  const deployedTemplate = await withRetry(() => cf.getTemplate(plan.stackName), { timing: ctx.timing, what: 'GetTemplate', stack: plan.stackName }).catch(
    (error: unknown) => {
      throw asDeployError(error, { stack: plan.stackName, call: 'GetTemplate' });
    },
  );
  const comparison = compareStack({
    deployed: current,
    deployedTemplate,
    templateBody: plan.templateBody,
    parameters: options.parameters,
    tags: plan.tags,
  });
  if (!comparison.identical) return { action: 'update', deployed: current, deployedTemplate, differences: comparison.differences };
  // The template is deployed, but the operation that brought it failed and kept what succeeded: not done yet.
  return FAILED_AND_KEPT.has(current.status) ? { action: 'retry', deployed: current, deployedTemplate } : { action: 'unchanged', deployed: current, deployedTemplate };
}
