/**
 * `platformc deploy <env>`: the whole flow. Load what generated/ holds for the environment, verify the account
 * and the gates, assess every stack (in dependency order, independent ones concurrently), create change sets
 * only where something differs, preview, confirm, execute with live progress, protect, and summarize.
 */
import { discardChangeSet, prepareChangeSet } from './change-set.js';
import { waitBoundMs } from './context.js';
import { confirm, type DeployDeps, type DeployOptions } from './deploy-options.js';
import { reportedError } from './deploy-error.js';
import { executeChangeSet, retryFailedOperation } from './execute.js';
import { reviewLines, riskLines, type ReviewLines } from './broadening.js';
import type { StackPlan } from './load-plan.js';
import { renderPreview } from './preview.js';
import { refusedByStackPolicies } from './policy-refusals.js';
import { protectStack } from './protect.js';
import type { DeployReport, LeftoverReport, ReportedError, StackReport } from './report.js';
import { DEFAULT_TIMING } from './retry.js';
import { runDag } from './scheduler.js';
import { planStack, type StackState } from './plan-stack.js';
import { findLeftoverStacks, keptImports, pruneOrder, type LeftoverStack } from './leftover-stacks.js';
import { leftoverLines, leftoverReport, pruneLeftovers } from './prune.js';
import { preflight } from './preflight.js';
import { rollbackFailedStacks } from './rollback-failed.js';
import { detectDrift, driftLines, type StackDrift } from './drift.js';
import { planFileOf, writePlanFile } from './plan-file.js';

/** Runs a deploy and returns its report (never throws for user or AWS errors). */
export async function runDeploy(options: DeployOptions, deps: DeployDeps): Promise<DeployReport> {
  const timing = deps.timing ?? DEFAULT_TIMING;
  const started = timing.now();
  let changeSetsCreated = 0;
  const base = { env: options.env, dryRun: options.dryRun, changeSetsCreated: 0, stacks: [] as StackReport[] };
  const fail = (error: unknown, extra: Partial<DeployReport> = {}): DeployReport => ({
    ...base,
    ...extra,
    changeSetsCreated,
    elapsedMs: timing.now() - started,
    errors: [reportedError(error)],
    exitCode: 1,
  });

  const pre = await preflight(options, deps, timing);
  if (!pre.ok) return fail(pre.error, pre.where ?? {});
  const { plan, ctx, where } = pre;
  const { clients } = ctx;
  const env = plan.environment;
  if (options.rollback === true) {
    const rolled = await rollbackFailedStacks(ctx, plan, options, deps);
    return { ...where, env: env.name, dryRun: options.dryRun, stacks: rolled.stacks, changeSetsCreated: 0, elapsedMs: timing.now() - started, errors: rolled.errors, exitCode: rolled.exitCode };
  }

  // 1-2. Assess each stack; create change sets where something differs.
  const states = new Map<string, StackState>(
    plan.stacks.map((s) => [s.name, { plan: s, parameters: s.parameters, deferred: false, report: { result: 'planned', changes: [], outputs: [], protection: [] } }]),
  );
  const get = (name: string): StackState => {
    const s = states.get(name);
    if (!s) throw new Error(`unknown stack ${name}`);
    return s;
  };
  const nodes = plan.stacks.map((s) => ({ id: s.name, dependsOn: s.dependsOn.filter((d) => states.has(d)) }));
  const assessed = await runDag(nodes, {
    concurrency: options.concurrency,
    shouldStart: () => !deps.interrupted(),
    run: async (name) => {
      const state = get(name);
      const outcome = await planStack(ctx, state, {
        changingDependencies: state.plan.dependsOn.filter((d) => {
          const a = states.get(d)?.assessment;
          return a !== undefined && a.action !== 'unchanged';
        }),
        replaceFailed: options.replaceFailed,
        continueRollback: options.continueRollback,
        environments: plan.manifest.environments,
        clientsFor: deps.clientsFor,
        outputsProfiles: options.outputsProfiles,
        retryAllowed: options.createOnly === undefined,
      });
      changeSetsCreated += outcome.changeSets;
    },
  });

  const stackReports = (): StackReport[] => plan.stacks.map((s) => ({ stack: s.name, stackName: s.stackName, ...get(s.name).report }));
  let leftoverReports: LeftoverReport[] = [];
  let drifts: StackDrift[] | undefined;
  const finish = (exitCode: number, errors: ReportedError[] = []): DeployReport => ({
    ...where,
    env: env.name,
    dryRun: options.dryRun,
    stacks: stackReports(),
    ...(leftoverReports.length > 0 ? { leftovers: leftoverReports } : {}),
    ...(drifts !== undefined ? { drift: drifts } : {}),
    changeSetsCreated,
    elapsedMs: timing.now() - started,
    errors,
    exitCode,
  });
  const discard = async (state: StackState): Promise<void> => {
    const prepared = state.prepared;
    if (prepared?.kind !== 'change-set') return;
    await discardChangeSet(ctx, state.plan.stackName, prepared.changeSetId).catch(() => undefined);
    // A CREATE change set leaves an empty REVIEW_IN_PROGRESS stack behind; it is ours and holds nothing.
    if (prepared.type === 'CREATE') await clients.cloudFormation.deleteStack(prepared.stackId).catch(() => undefined);
  };
  const discardAll = async (result: 'discarded' | 'failed' | 'skipped'): Promise<void> => {
    for (const state of states.values()) {
      await discard(state);
      if (state.report.result === 'planned') state.report = { ...state.report, result };
    }
  };

  let planFailed = false;
  for (const [name, outcome] of assessed) {
    const state = get(name);
    if (outcome.state === 'failed') {
      planFailed = true;
      state.report = { ...state.report, result: 'failed', error: reportedError(outcome.error) };
    } else if (outcome.state === 'skipped') {
      state.report = {
        ...state.report,
        result: 'skipped',
        error: { code: deps.interrupted() ? 'DEPLOY021' : 'DEPLOY022', message: `not assessed: ${outcome.because} did not succeed`, notes: [] },
      };
    }
  }

  // Stacks of this environment that generated/ no longer holds: shown always, deleted with --prune.
  let leftovers: LeftoverStack[] = [];
  try {
    leftovers = await findLeftoverStacks(ctx, { platform: plan.platform, env: env.name, kept: new Set(plan.stacks.map((s) => s.stackName)) });
  } catch (error) {
    if (options.prune === true) {
      await discardAll('skipped');
      return finish(1, [reportedError(error)]);
    }
    deps.progress.note(env.name, `left-over stacks not looked for: ${reportedError(error).message}`);
  }
  const pruning = options.prune === true && leftovers.length > 0;
  const order = pruneOrder(leftovers, keptImports([...states.values()]));
  const late = new Set(order.last.map((l) => l.stackName));
  leftoverReports = leftovers.map((l) => leftoverReport(l, pruning ? 'planned' : 'kept'));

  // Drift, when asked for: on every stack that exists, before anyone confirms.
  if (options.detectDrift === true) {
    drifts = await detectDrift(ctx, plan.stacks.filter((s) => get(s.name).assessment !== undefined && get(s.name).assessment?.action !== 'create').map((s) => s.stackName));
  }

  if (options.retired !== undefined) {
    const found = leftovers.length === 0 ? 'no stack of it is found there' : 'every stack of it found there is left over';
    deps.write(`${env.name} is no longer in ${plan.platform}'s spec (account ${env.account}, ${env.region}): ${found}.\n`);
  }

  // 3. Preview, with what may broaden access read from the semantic diff of deployed and local templates.
  const toChange = plan.stacks.filter((s) => get(s.name).report.result === 'planned');
  let review: ReviewLines | undefined;
  if (toChange.length > 0) {
    review = await reviewLines({
      platform: plan.platform,
      env: env.name,
      stacks: plan.stacks.map((s) => {
        const a = get(s.name).assessment;
        const deployed = a && a.action !== 'create' ? a : undefined;
        return {
          name: s.name,
          stackName: s.stackName,
          localTemplate: s.templateBody,
          localParameters: get(s.name).parameters,
          locations: s.locations,
          statementLocations: s.statementLocations,
          ...(deployed ? { deployedTemplate: deployed.deployedTemplate, deployedParameters: deployed.deployed.parameters } : {}),
        };
      }),
    }).catch(() => undefined);
  }
  const broadening = review?.broadening;
  const prunedData = pruning ? leftovers.flatMap((l) => l.deletions.map((d) => `${l.stackName}/${d.logicalId} deleted with its stack (${d.state} lost)`)) : [];
  deps.write(
    renderPreview(stackReports(), deps.colors, {
      ...(broadening ? { broadening } : {}),
      interruptions: review?.interruptions ?? [],
      deletions: [...(review?.deletions ?? []), ...prunedData],
      leftovers: leftoverLines(leftovers, { prune: options.prune === true, last: late, othersDeploy: plan.stacks.length > 0 }),
      ...(drifts !== undefined ? { drift: driftLines(drifts, new Map(plan.stacks.map((s) => [s.stackName, s.locations]))) } : {}),
      rolling: plan.stacks.filter((s) => s.rollingRounds > 1).map((s) => ({ stackName: s.stackName, rounds: s.rollingRounds, waitMinutes: Math.round(waitBoundMs(ctx, s) / 60_000) })),
    }),
  );
  if (planFailed || deps.interrupted()) {
    await discardAll('skipped');
    return finish(1);
  }
  // A protected environment's stack policies would fail a replacement or deletion of stateful resources half-way
  // through the deploy: refuse it now, before anything executes (and before a plan is written for approval).
  const refused = env.protect ? await refusedByStackPolicies(clients.cloudFormation, stackReports().filter((s) => s.result === 'planned')) : undefined;
  if (refused !== undefined) {
    await discardAll('discarded');
    return finish(1, [refused]);
  }
  if (options.createOnly) {
    try {
      // A broadening that could not be computed counts as one: the approval is then asked for, never skipped.
      const found = broadening ?? (toChange.length > 0 ? ['broadening could not be computed; review the change sets'] : []);
      writePlanFile(options.createOnly.planFile, planFileOf(plan, get, { broadening: found, risks: riskLines(stackReports(), review) }));
    } catch (error) {
      await discardAll('discarded');
      return finish(1, [reportedError(error)]);
    }
    deps.write(`plan written to ${options.createOnly.planFile}; execute it with --execute-plan ${options.createOnly.planFile}\n`);
    return finish(0);
  }
  const needsProtection = env.protect;
  if (toChange.length === 0 && !needsProtection && !pruning) return finish(0);

  // 4. Confirm (or stop for a dry run).
  if (options.dryRun) {
    await discardAll('discarded');
    return finish(0);
  }
  if ((toChange.length > 0 || pruning) && !(await confirm(options, deps, env))) {
    await discardAll('discarded');
    const why = deps.prompt ? 'not confirmed' : 'no terminal to confirm on and --yes not given';
    return finish(1, [{ code: 'DEPLOY019', message: `deploy of ${env.name} ${why}; the change sets were deleted`, hint: 'Run again and confirm, or pass --yes after reviewing the preview.', notes: [] }]);
  }

  // 5. Left-over stacks that nothing still imports from go first: an update may drop an export they import.
  const prune = async (group: readonly LeftoverStack[]): Promise<boolean> => {
    const result = await pruneLeftovers(ctx, group);
    const done = new Map(result.reports.map((r) => [r.stackName, r]));
    leftoverReports = leftoverReports.map((r) => done.get(r.stackName) ?? r);
    return result.ok;
  };
  if (pruning && !(await prune(order.first))) {
    await discardAll('skipped');
    return finish(1);
  }

  // 6-7. Execute in dependency order; protect protected environments.
  const executed = await runDag(nodes, {
    concurrency: options.concurrency,
    shouldStart: () => !deps.interrupted(),
    run: async (name) => {
      const state = get(name);
      if (state.report.result === 'unchanged' || state.report.result !== 'planned') {
        if (needsProtection && state.report.result === 'unchanged') {
          const deployed = state.assessment && state.assessment.action !== 'create' ? state.assessment.deployed : undefined;
          if (deployed) state.report = { ...state.report, protection: await protect(state.plan, deployed) };
        }
        return;
      }
      if (state.deferred) {
        state.prepared = await prepareChangeSet(ctx, state.plan, { type: state.report.changeSetType ?? 'CREATE', parameters: state.parameters });
        changeSetsCreated += 1;
      }
      const prepared = state.prepared;
      if (prepared?.kind === 'retry') {
        const retried = await retryFailedOperation(ctx, state.plan, { parameterKeys: state.parameters.map((p) => p.key) });
        state.report = { ...state.report, result: 'updated', outputs: retried.outputs, elapsedMs: retried.elapsedMs };
        if (needsProtection) state.report = { ...state.report, protection: await protect(state.plan, { terminationProtection: false }) };
        return;
      }
      if (prepared?.kind !== 'change-set') {
        state.report = { ...state.report, result: 'unchanged' };
        return;
      }
      const result = await executeChangeSet(ctx, state.plan, prepared);
      state.report = {
        ...state.report,
        result: prepared.type === 'CREATE' ? 'created' : 'updated',
        outputs: result.outputs,
        elapsedMs: result.elapsedMs,
      };
      if (needsProtection) state.report = { ...state.report, protection: await protect(state.plan, { terminationProtection: false }) };
    },
  });

  async function protect(stackPlan: StackPlan, current: { readonly terminationProtection: boolean }): Promise<string[]> {
    try {
      // Local endpoints may not implement these calls (moto answers HTTP 500): one attempt, then a note.
      const attempt = options.localEndpoint ? { ...ctx, timing: { ...ctx.timing, maxAttempts: 1 } } : ctx;
      return await protectStack(attempt, stackPlan, current);
    } catch (error) {
      if (!options.localEndpoint) throw error;
      deps.progress.note(stackPlan.stackName, `protection not applied (the local endpoint does not implement it): ${reportedError(error).message}`);
      return [];
    }
  }

  let failed = false;
  for (const [name, outcome] of executed) {
    const state = get(name);
    if (outcome.state === 'failed') {
      failed = true;
      const e = reportedError(outcome.error);
      state.report = { ...state.report, result: e.code === 'DEPLOY021' ? 'interrupted' : 'failed', error: e };
    } else if (outcome.state === 'skipped') {
      failed = true;
      const interrupted = deps.interrupted();
      state.report = {
        ...state.report,
        result: 'skipped',
        error: {
          code: interrupted ? 'DEPLOY021' : 'DEPLOY022',
          message: interrupted ? 'not started: deploy was interrupted' : `not started: ${states.get(outcome.because)?.plan.stackName ?? outcome.because} did not deploy`,
          notes: [],
        },
      };
      await discard(state);
    }
  }
  // 8. Left-over stacks that kept stacks imported from, now that those have been updated.
  if (pruning && order.last.length > 0) {
    if (failed) leftoverReports = leftoverReports.map((r) => (r.result === 'planned' ? { ...r, result: 'skipped', error: { code: 'DEPLOY022', message: 'not deleted: the other stacks did not all deploy', notes: [] } } : r));
    else failed = !(await prune(order.last));
  }
  return finish(failed ? 1 : 0);
}

