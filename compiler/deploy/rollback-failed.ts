/**
 * `deploy <env> --rollback`: the stacks of the environment that an operation run with --disable-rollback left in
 * CREATE_FAILED or UPDATE_FAILED go back to their last stable state (RollbackStack); a stack that never had one
 * is deleted by CloudFormation. Nothing else is touched and no change set is made. One stack after another, after
 * the same confirmation as a deploy.
 */
import type { DeployContext } from './context.js';
import { confirm, type DeployDeps, type DeployOptions } from './deploy-options.js';
import { DeployError, reportedError } from './deploy-error.js';
import { followOperation } from './execute.js';
import type { EnvironmentPlan, StackPlan } from './load-plan.js';
import type { ReportedError, StackReport } from './report.js';
import { withRetry } from './retry.js';
import { classifyStatus, FAILED_AND_KEPT } from './stack-status.js';

/** What a rollback ends in when it succeeds: the last stable state, or no stack at all (none to return to). */
const ROLLED_BACK = new Set(['UPDATE_ROLLBACK_COMPLETE', 'ROLLBACK_COMPLETE', 'DELETE_COMPLETE']);

export interface RollbackOutcome {
  readonly stacks: StackReport[];
  readonly errors: ReportedError[];
  readonly exitCode: number;
}

const report = (plan: StackPlan, result: StackReport['result'], extra: Partial<StackReport> = {}): StackReport =>
  ({ stack: plan.name, stackName: plan.stackName, result, changes: [], outputs: [], protection: [], ...extra });

/** Finds the failed-and-kept stacks, shows them, asks, and rolls each back in reverse deploy order. */
export async function rollbackFailedStacks(ctx: DeployContext, plan: EnvironmentPlan, options: DeployOptions, deps: DeployDeps): Promise<RollbackOutcome> {
  const cf = ctx.clients.cloudFormation;
  const failed: { readonly plan: StackPlan; readonly status: string }[] = [];
  for (const stack of [...plan.stacks].reverse()) {
    const deployed = await withRetry(() => cf.describeStack(stack.stackName), { timing: ctx.timing, what: 'DescribeStacks', stack: stack.stackName });
    if (deployed !== undefined && FAILED_AND_KEPT.has(deployed.status)) failed.push({ plan: stack, status: deployed.status });
  }
  const others = plan.stacks.filter((s) => !failed.some((f) => f.plan === s)).map((s) => report(s, 'unchanged'));
  if (failed.length === 0) {
    deps.write(`No stack of ${plan.environment.name} is in CREATE_FAILED or UPDATE_FAILED: nothing to roll back.\n`);
    return { stacks: others, errors: [], exitCode: 0 };
  }
  deps.write([
    deps.colors.bold('Roll back (their last operation failed with rollback disabled):'),
    ...failed.map((f) => `  ${deps.colors.yellow('!')} ${f.plan.stackName} (${f.status}): ${f.status === 'CREATE_FAILED' ? 'never completed, so CloudFormation deletes it' : 'back to its last stable state'}`),
    '',
  ].join('\n'));
  if (options.dryRun) return { stacks: [...failed.map((f) => report(f.plan, 'planned')), ...others], errors: [], exitCode: 0 };
  if (!(await confirm(options, deps, plan.environment))) {
    const why = deps.prompt ? 'not confirmed' : 'no terminal to confirm on and --yes not given';
    return { stacks: [...failed.map((f) => report(f.plan, 'discarded')), ...others], errors: [{ code: 'DEPLOY019', message: `rollback of ${plan.environment.name} ${why}; nothing was changed`, notes: [] }], exitCode: 1 };
  }
  const done: StackReport[] = [];
  let stopped: string | undefined;
  for (const f of failed) {
    if (stopped !== undefined || ctx.interrupted()) {
      done.push(report(f.plan, 'skipped', { error: { code: ctx.interrupted() ? 'DEPLOY021' : 'DEPLOY022', message: `not rolled back: ${stopped ?? 'interrupted'}`, notes: [] } }));
      continue;
    }
    const started = ctx.timing.now();
    try {
      await rollBack(ctx, f.plan);
      done.push(report(f.plan, 'rolled back', { elapsedMs: ctx.timing.now() - started }));
    } catch (error) {
      stopped = `${f.plan.stackName} did not roll back`;
      done.push(report(f.plan, 'failed', { error: reportedError(error, 'RollbackStack') }));
    }
  }
  return { stacks: [...done, ...others], errors: [], exitCode: stopped === undefined && !ctx.interrupted() ? 0 : 1 };
}

/** RollbackStack on one stack, followed until it settles, like any stack operation. */
async function rollBack(ctx: DeployContext, plan: StackPlan): Promise<void> {
  await followOperation(ctx, plan, {
    type: 'ROLLBACK',
    total: Object.keys(plan.resourceTypes).length,
    start: () => ctx.clients.cloudFormation.rollbackStack(plan.stackName, ctx.roleArn),
    call: 'RollbackStack',
    outcome: (status) => (ROLLED_BACK.has(status) ? 'succeeded' : classifyStatus(status) === 'in-progress' ? 'running' : 'failed'),
    failed: (status, notes) =>
      new DeployError({
        code: 'DEPLOY029',
        stack: plan.stackName,
        message: `${plan.stackName}: the rollback ended in ${status}`,
        notes: notes.length > 0 ? notes : ['no failed resource event was reported; see the stack events in the console'],
        hint: 'Fix what keeps the resource from going back (see the events), then run deploy --rollback again.',
      }),
  });
}
