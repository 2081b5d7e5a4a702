/**
 * The plan file between the two phases of a deploy: `--create-only` writes which change set it made for each
 * stack (and for which manifest content hash), `--execute-plan` reads it back and executes exactly those. It is
 * the artifact a pipeline carries from the change-set build, past the approval, to the execute build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { changeSetName } from './change-set.js';
import { DeployError } from './deploy-error.js';
import type { EnvironmentPlan } from './load-plan.js';
import type { StackState } from './plan-stack.js';

/**
 * Per stack: `change-set` (created and kept, to be executed), `unchanged` (nothing to do), or `deferred` (a new
 * stack, or an update importing new exports, whose change set CloudFormation cannot compute until its
 * dependencies are executed; execute creates and executes it after them, outside the approved change sets).
 */
export type PlannedStack =
  | { readonly stack: string; readonly stackName: string; readonly contentHash: string; readonly action: 'unchanged' }
  | { readonly stack: string; readonly stackName: string; readonly contentHash: string; readonly action: 'deferred'; readonly changeSetType: 'CREATE' | 'UPDATE' }
  | {
      readonly stack: string;
      readonly stackName: string;
      readonly contentHash: string;
      readonly action: 'change-set';
      readonly changeSetType: 'CREATE' | 'UPDATE';
      readonly changeSetName: string;
      readonly changeSetId: string;
    };

export interface DeployPlanFile {
  readonly format: 1;
  readonly platform: string;
  readonly env: string;
  readonly account: string;
  readonly region: string;
  /** In deploy order. */
  readonly stacks: readonly PlannedStack[];
  /**
   * What may broaden IAM permissions or network access, compared with what is deployed (the preview's "review
   * first" lines). A pipeline's approval stage is entered when this is not empty.
   */
  readonly broadening: readonly string[];
  /**
   * What else a person may want to see first: resources replaced, instances stopped and started, data deleted. An
   * `on-risk` approval stage is entered when this or `broadening` is not empty. Absent in plans of older versions.
   */
  readonly risks: readonly string[];
}

/** Writes the plan as two-space JSON (no timestamps: the same deployed state and generated/ give the same file). */
export function writePlanFile(path: string, plan: DeployPlanFile): void {
  try {
    writeFileSync(path, `${JSON.stringify(plan, null, 2)}\n`);
  } catch (error) {
    throw new DeployError({ code: 'DEPLOY025', message: `cannot write the plan file ${path}: ${error instanceof Error ? error.message : String(error)}` });
  }
}

function invalid(path: string, why: string): DeployError {
  return new DeployError({
    code: 'DEPLOY025',
    message: `${path} is not a deploy plan: ${why}`,
    hint: 'Pass the file written by `platformc deploy <env> --create-only --plan <file>`.',
  });
}

function isString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function plannedStack(path: string, value: unknown): PlannedStack {
  const s = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { stack, stackName, contentHash, action, changeSetType, changeSetName, changeSetId } = s;
  if (!isString(stack) || !isString(stackName) || !isString(contentHash)) throw invalid(path, 'a stack entry lacks stack, stackName or contentHash');
  if (action === 'unchanged') return { stack, stackName, contentHash, action };
  if (changeSetType !== 'CREATE' && changeSetType !== 'UPDATE') throw invalid(path, `${stackName}: changeSetType must be CREATE or UPDATE`);
  if (action === 'deferred') return { stack, stackName, contentHash, action, changeSetType };
  if (action !== 'change-set') throw invalid(path, `${stackName}: unknown action ${JSON.stringify(action)}`);
  if (!isString(changeSetName) || !isString(changeSetId)) throw invalid(path, `${stackName}: a change-set entry needs changeSetName and changeSetId`);
  return { stack, stackName, contentHash, action, changeSetType, changeSetName, changeSetId };
}

/** Reads and checks a plan file; every defect is DEPLOY025. */
export function readPlanFile(path: string): DeployPlanFile {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    const why = error instanceof SyntaxError ? 'not valid JSON' : 'cannot be read';
    throw invalid(path, why);
  }
  const p = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (p['format'] !== 1) throw invalid(path, 'format must be 1');
  const { platform, env, account, region, stacks, broadening, risks = [] } = p;
  if (!isString(platform) || !isString(env) || !isString(account) || !isString(region)) throw invalid(path, 'platform, env, account and region are required');
  if (!Array.isArray(stacks)) throw invalid(path, 'stacks must be a list');
  if (!Array.isArray(broadening) || !broadening.every(isString)) throw invalid(path, 'broadening must be a list of strings');
  if (!Array.isArray(risks) || !risks.every(isString)) throw invalid(path, 'risks must be a list of strings');
  return { format: 1, platform, env, account, region, stacks: stacks.map((s: unknown) => plannedStack(path, s)), broadening, risks };
}

/** The plan of what `--create-only` assessed: one entry per stack of the environment, in deploy order. */
export function planFileOf(plan: EnvironmentPlan, stateOf: (name: string) => StackState, review: { readonly broadening: readonly string[]; readonly risks: readonly string[] }): DeployPlanFile {
  const stacks = plan.stacks.map((s): PlannedStack => {
    const state = stateOf(s.name);
    const base = { stack: s.name, stackName: s.stackName, contentHash: s.contentHash };
    const changeSetType = state.report.changeSetType ?? 'CREATE';
    if (state.prepared?.kind === 'change-set') {
      return { ...base, action: 'change-set', changeSetType: state.prepared.type, changeSetName: changeSetName(s), changeSetId: state.prepared.changeSetId };
    }
    if (state.deferred) return { ...base, action: 'deferred', changeSetType };
    return { ...base, action: 'unchanged' };
  });
  const env = plan.environment;
  return { format: 1, platform: plan.platform, env: env.name, account: env.account, region: env.region, stacks, broadening: review.broadening, risks: review.risks };
}
