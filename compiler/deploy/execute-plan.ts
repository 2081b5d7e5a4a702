/**
 * `platformc deploy <env> --execute-plan <file>`: the second phase of a two-phase deploy. It executes exactly the
 * change sets a `--create-only` run made (and a person may have approved), in dependency order, and refuses
 * before touching anything when generated/ no longer matches the plan's content hashes (DEPLOY024) or a planned
 * change set is gone or not executable (DEPLOY023). Deferred stacks (whose change sets could not exist before
 * their new dependencies) are created and executed after them, and said to be outside the approved change sets.
 */
import type { PreparedChange } from './change-set.js';
import type { DeployContext } from './context.js';
import { asDeployError, DeployError, reportedError } from './deploy-error.js';
import { executeChangeSet } from './execute.js';
import type { EnvironmentPlan, StackPlan } from './load-plan.js';
import { readPlanFile, type DeployPlanFile, type PlannedStack } from './plan-file.js';
import { planStack, type StackState } from './plan-stack.js';
import { preflight } from './preflight.js';
import { renderPreview } from './preview.js';
import { protectStack } from './protect.js';
import type { DeployReport, ReportedError, StackReport } from './report.js';
import { DEFAULT_TIMING, withRetry } from './retry.js';
import type { DeployDeps, DeployOptions } from './deploy-options.js';
import { runDag } from './scheduler.js';

type ChangeSetEntry = Extract<PlannedStack, { action: 'change-set' }>;

const RECREATE = 'Create a new plan with `platformc deploy <env> --create-only --plan <file>`, review it and execute that one.';

/** The plan must be for this environment and name every stack with the content generated/ holds now. */
export function checkPlanMatches(file: DeployPlanFile, plan: EnvironmentPlan): void {
  const env = plan.environment;
  const mismatches: string[] = [];
  if (file.platform !== plan.platform || file.env !== env.name) mismatches.push(`the plan is for ${file.platform} ${file.env}, not ${plan.platform} ${env.name}`);
  if (file.account !== env.account || file.region !== env.region) mismatches.push(`the plan targets ${file.account} ${file.region}, the environment is ${env.account} ${env.region}`);
  const planned = new Map(file.stacks.map((s) => [s.stack, s]));
  for (const s of plan.stacks) {
    const entry = planned.get(s.name);
    if (entry === undefined) mismatches.push(`${s.stackName} is not in the plan`);
    else if (entry.contentHash !== s.contentHash) mismatches.push(`${s.stackName}: generated/ has content ${s.contentHash.slice(0, 12)}, the plan was made for ${entry.contentHash.slice(0, 12)}`);
    planned.delete(s.name);
  }
  for (const extra of planned.values()) mismatches.push(`${extra.stackName} is in the plan but no longer in generated/`);
  if (mismatches.length > 0) {
    throw new DeployError({ code: 'DEPLOY024', message: `the plan does not match what generated/ holds for ${env.name}; nothing was executed`, notes: mismatches, hint: RECREATE });
  }
}

/** Reads every planned change set; all must exist, be computed and be executable before anything runs. */
async function planned(ctx: DeployContext, stacks: readonly StackPlan[], entries: readonly ChangeSetEntry[]): Promise<Map<string, Extract<PreparedChange, { kind: 'change-set' }>>> {
  const prepared = new Map<string, Extract<PreparedChange, { kind: 'change-set' }>>();
  for (const entry of entries) {
    const refuse = (why: string): DeployError =>
      new DeployError({ code: 'DEPLOY023', stack: entry.stackName, message: `${entry.stackName}: the planned change set ${entry.changeSetName} ${why}; nothing was executed`, hint: RECREATE });
    const described = await withRetry(() => ctx.clients.cloudFormation.describeChangeSet(entry.changeSetId, entry.stackName), {
      timing: ctx.timing,
      what: 'DescribeChangeSet',
      stack: entry.stackName,
    }).catch((error: unknown) => {
      throw refuse(`cannot be read (${asDeployError(error, { call: 'DescribeChangeSet' }).reason ?? 'unknown error'})`);
    });
    if (described.status !== 'CREATE_COMPLETE') throw refuse(`is ${described.status}, not CREATE_COMPLETE`);
    if (described.executionStatus !== undefined && described.executionStatus !== 'AVAILABLE') throw refuse(`is ${described.executionStatus}, not AVAILABLE`);
    if (stacks.some((s) => s.name === entry.stack)) {
      prepared.set(entry.stack, { kind: 'change-set', changeSetId: entry.changeSetId, stackId: described.stackId, type: entry.changeSetType, changes: described.changes });
    }
  }
  return prepared;
}

/** Runs the execute phase and returns its report (never throws for user or AWS errors). */
export async function runExecutePlan(options: DeployOptions, deps: DeployDeps): Promise<DeployReport> {
  const timing = deps.timing ?? DEFAULT_TIMING;
  const started = timing.now();
  let changeSetsCreated = 0;
  const done = (extra: Partial<DeployReport>, exitCode: number, errors: readonly ReportedError[] = []): DeployReport => ({
    env: options.env,
    dryRun: false,
    stacks: [],
    ...extra,
    changeSetsCreated,
    elapsedMs: timing.now() - started,
    errors,
    exitCode,
  });

  let file: DeployPlanFile;
  try {
    if (options.executePlan === undefined) throw new DeployError({ code: 'DEPLOY025', message: 'no plan file given to execute' });
    file = readPlanFile(options.executePlan.planFile);
  } catch (error) {
    return done({}, 1, [reportedError(error)]);
  }
  const pre = await preflight(options, deps, timing);
  if (!pre.ok) return done(pre.where ?? {}, 1, [reportedError(pre.error)]);
  const { plan, ctx, where } = pre;
  let changeSets: Map<string, Extract<PreparedChange, { kind: 'change-set' }>>;
  try {
    checkPlanMatches(file, plan);
    changeSets = await planned(ctx, plan.stacks, file.stacks.filter((s): s is ChangeSetEntry => s.action === 'change-set'));
  } catch (error) {
    return done(where, 1, [reportedError(error)]);
  }

  const entries = new Map(file.stacks.map((s) => [s.stack, s]));
  const reports = new Map<string, Omit<StackReport, 'stack' | 'stackName'>>(
    plan.stacks.map((s) => [s.name, { result: entries.get(s.name)?.action === 'unchanged' ? 'unchanged' : 'planned', changes: [], outputs: [], protection: [] }]),
  );
  const update = (name: string, next: Partial<StackReport>): void => {
    const current = reports.get(name);
    if (current) reports.set(name, { ...current, ...next });
  };
  const protect = async (stackPlan: StackPlan): Promise<void> => {
    if (!plan.environment.protect) return;
    try {
      const current = await ctx.clients.cloudFormation.describeStack(stackPlan.stackName);
      const attempt = options.localEndpoint ? { ...ctx, timing: { ...ctx.timing, maxAttempts: 1 } } : ctx;
      update(stackPlan.name, { protection: await protectStack(attempt, stackPlan, { terminationProtection: current?.terminationProtection ?? false }) });
    } catch (error) {
      if (!options.localEndpoint) throw error;
      deps.progress.note(stackPlan.stackName, `protection not applied (the local endpoint does not implement it): ${reportedError(error).message}`);
    }
  };

  const byName = new Map(plan.stacks.map((s) => [s.name, s]));
  const executed = await runDag(
    plan.stacks.map((s) => ({ id: s.name, dependsOn: s.dependsOn.filter((d) => byName.has(d)) })),
    {
      concurrency: options.concurrency,
      shouldStart: () => !deps.interrupted(),
      run: async (name) => {
        const stackPlan = byName.get(name);
        const entry = entries.get(name);
        if (!stackPlan || !entry) return;
        let prepared = changeSets.get(name);
        if (entry.action === 'deferred') {
          deps.progress.note(stackPlan.stackName, 'deferred in the plan: its change set is created now, after its dependencies, and was not part of the approved change sets');
          const state: StackState = { plan: stackPlan, parameters: stackPlan.parameters, deferred: false, report: { result: 'planned', changes: [], outputs: [], protection: [] } };
          const outcome = await planStack(ctx, state, { changingDependencies: [], replaceFailed: options.replaceFailed, continueRollback: options.continueRollback, environments: plan.manifest.environments, clientsFor: deps.clientsFor, outputsProfiles: options.outputsProfiles, retryAllowed: false });
          changeSetsCreated += outcome.changeSets;
          update(name, { changes: state.report.changes, changeSetType: state.report.changeSetType });
          deps.write(renderPreview([{ stack: name, stackName: stackPlan.stackName, ...state.report }], deps.colors));
          prepared = state.prepared?.kind === 'change-set' ? state.prepared : undefined;
        }
        if (prepared === undefined) {
          update(name, { result: 'unchanged' });
        } else {
          if (entry.action === 'change-set') update(name, { changeSetType: prepared.type, changes: prepared.changes.map((c) => ({ action: c.action, logicalId: c.logicalId, resourceType: c.resourceType, location: stackPlan.locations[c.logicalId] })) });
          const result = await executeChangeSet(ctx, stackPlan, prepared);
          update(name, { result: prepared.type === 'CREATE' ? 'created' : 'updated', outputs: result.outputs, elapsedMs: result.elapsedMs });
        }
        await protect(stackPlan);
      },
    },
  );

  let failed = false;
  for (const [name, outcome] of executed) {
    if (outcome.state === 'failed') {
      failed = true;
      const e = reportedError(outcome.error);
      update(name, { result: e.code === 'DEPLOY021' ? 'interrupted' : 'failed', error: e });
    } else if (outcome.state === 'skipped') {
      failed = true;
      const interrupted = deps.interrupted();
      update(name, {
        result: 'skipped',
        error: { code: interrupted ? 'DEPLOY021' : 'DEPLOY022', message: interrupted ? 'not started: deploy was interrupted' : `not started: ${byName.get(outcome.because)?.stackName ?? outcome.because} did not deploy`, notes: [] },
      });
    }
  }
  const stacks = plan.stacks.map((s): StackReport => ({ stack: s.name, stackName: s.stackName, ...(reports.get(s.name) ?? { result: 'skipped', changes: [], outputs: [], protection: [] }) }));
  return done({ ...where, env: plan.environment.name, stacks }, failed ? 1 : 0);
}
