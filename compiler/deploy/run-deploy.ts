/**
 * `platformc deploy <env>`: the whole flow. Load what generated/ holds for the environment, verify the account
 * and the gates, assess every stack (in dependency order, independent ones concurrently), create change sets
 * only where something differs, preview, confirm, execute with live progress, protect, and summarize.
 */
import type { Colors } from '../cli/io.js';
import type { DeployClientsFactory } from './aws-api.js';
import { discardChangeSet, prepareChangeSet } from './change-set.js';
import type { ProgressSink } from './context.js';
import { asDeployError, DeployError } from './deploy-error.js';
import { executeChangeSet } from './execute.js';
import type { DeployGates } from './gates.js';
import { reviewLines, type ReviewLines } from './broadening.js';
import type { EnvironmentPlan, StackPlan } from './load-plan.js';
import { renderPreview } from './preview.js';
import { refusedByStackPolicies } from './policy-refusals.js';
import { protectStack } from './protect.js';
import type { DeployReport, ReportedError, StackReport } from './report.js';
import { DEFAULT_TIMING, type Timing } from './retry.js';
import { runDag } from './scheduler.js';
import { planStack, type StackState } from './plan-stack.js';
import { preflight } from './preflight.js';
import { planFileOf, writePlanFile } from './plan-file.js';

export interface DeployOptions {
  readonly cwd: string;
  readonly generatedDir: string;
  readonly env: string;
  readonly platform?: string;
  readonly yes: boolean;
  readonly dryRun: boolean;
  /** First phase of a two-phase deploy: create and keep the change sets, write the plan, execute nothing. */
  readonly createOnly?: { readonly planFile: string };
  /** Second phase: execute exactly the change sets of this plan (run by execute-plan.ts, not here). */
  readonly executePlan?: { readonly planFile: string };
  readonly concurrency: number;
  readonly roleArn?: string;
  readonly artifactBucket?: string;
  readonly replaceFailed: boolean;
  readonly continueRollback: boolean;
  readonly skipAccessAnalyzer: boolean;
  /** Bound of each wait, in ms. */
  readonly timeoutMs: number;
  /** A local endpoint: protection calls it does not implement become warnings. */
  readonly localEndpoint: boolean;
  /** AWS profile by environment name, for reading outputs of environments in another account. */
  readonly outputsProfiles: Readonly<Record<string, string>>;
}

export interface DeployDeps {
  readonly clientsFor: DeployClientsFactory;
  readonly gates: DeployGates;
  /** Human output (preview, notes); the command decides stdout or stderr. */
  readonly write: (text: string) => void;
  readonly colors: Colors;
  readonly progress: ProgressSink;
  /** Asks a question; undefined when there is no terminal. */
  readonly prompt?: (question: string) => Promise<string | undefined>;
  readonly interrupted: () => boolean;
  readonly timing?: Timing;
}

function reported(error: unknown): ReportedError {
  const e = error instanceof DeployError ? error : asDeployError(error, { call: 'deploy' });
  return { code: e.code, message: e.message, hint: e.hint, notes: e.notes };
}

async function confirm(options: DeployOptions, deps: DeployDeps, env: EnvironmentPlan['environment']): Promise<boolean> {
  if (options.yes) return true;
  if (!deps.prompt) return false;
  if (env.protect) {
    const answer = await deps.prompt(`${env.name} is protected. Type the environment name (${env.name}) to deploy: `);
    return answer?.trim() === env.name;
  }
  const answer = await deps.prompt(`Deploy these changes to ${env.name}? [y/N] `);
  return answer !== undefined && /^(y|yes)$/i.test(answer.trim());
}

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
    errors: [reported(error)],
    exitCode: 1,
  });

  const pre = await preflight(options, deps, timing);
  if (!pre.ok) return fail(pre.error, pre.where ?? {});
  const { plan, ctx, where } = pre;
  const { clients } = ctx;
  const env = plan.environment;

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
      });
      changeSetsCreated += outcome.changeSets;
    },
  });

  const stackReports = (): StackReport[] => plan.stacks.map((s) => ({ stack: s.name, stackName: s.stackName, ...get(s.name).report }));
  const finish = (exitCode: number, errors: ReportedError[] = []): DeployReport => ({
    ...where,
    env: env.name,
    dryRun: options.dryRun,
    stacks: stackReports(),
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
      state.report = { ...state.report, result: 'failed', error: reported(outcome.error) };
    } else if (outcome.state === 'skipped') {
      state.report = {
        ...state.report,
        result: 'skipped',
        error: { code: deps.interrupted() ? 'DEPLOY021' : 'DEPLOY022', message: `not assessed: ${outcome.because} did not succeed`, notes: [] },
      };
    }
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
          ...(deployed ? { deployedTemplate: deployed.deployedTemplate, deployedParameters: deployed.deployed.parameters } : {}),
        };
      }),
    }).catch(() => undefined);
  }
  const broadening = review?.broadening;
  deps.write(renderPreview(stackReports(), deps.colors, { ...(broadening ? { broadening } : {}), interruptions: review?.interruptions ?? [], deletions: review?.deletions ?? [] }));
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
      writePlanFile(options.createOnly.planFile, planFileOf(plan, get, found));
    } catch (error) {
      await discardAll('discarded');
      return finish(1, [reported(error)]);
    }
    deps.write(`plan written to ${options.createOnly.planFile}; execute it with --execute-plan ${options.createOnly.planFile}\n`);
    return finish(0);
  }
  const needsProtection = env.protect;
  if (toChange.length === 0 && !needsProtection) return finish(0);

  // 4. Confirm (or stop for a dry run).
  if (options.dryRun) {
    await discardAll('discarded');
    return finish(0);
  }
  if (toChange.length > 0 && !(await confirm(options, deps, env))) {
    await discardAll('discarded');
    const why = deps.prompt ? 'not confirmed' : 'no terminal to confirm on and --yes not given';
    return finish(1, [{ code: 'DEPLOY019', message: `deploy of ${env.name} ${why}; the change sets were deleted`, hint: 'Run again and confirm, or pass --yes after reviewing the preview.', notes: [] }]);
  }

  // 5-6. Execute in dependency order; protect protected environments.
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
      deps.progress.note(stackPlan.stackName, `protection not applied (the local endpoint does not implement it): ${reported(error).message}`);
      return [];
    }
  }

  let failed = false;
  for (const [name, outcome] of executed) {
    const state = get(name);
    if (outcome.state === 'failed') {
      failed = true;
      const e = reported(outcome.error);
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
  return finish(failed ? 1 : 0);
}

