/**
 * Planning one stack: resolve its parameters, assess the deployed stack, and create its change set now, or
 * defer it until the stacks it depends on have deployed (a new stack after new dependencies, or an update that
 * imports what they add). Records the preview rows in the stack's state.
 */
import type { DeployClientsFactory, StackParameter } from './aws-api.js';
import { prepareChangeSet, type PreparedChange } from './change-set.js';
import type { DeployContext } from './context.js';
import { resolveParameters } from './cross-environment.js';
import { DeployError } from './deploy-error.js';
import { assessStack, type Assessment } from './inspect-stack.js';
import type { EnvironmentPlan, StackPlan } from './load-plan.js';
import type { PreviewRow, StackReport } from './report.js';
import { templatePreview } from './template-preview.js';
import { ENVIRONMENT_TAG } from '../model/stack-tags.js';

/** What deploy knows about one stack while it runs (mutable only inside a run). */
export interface StackState {
  readonly plan: StackPlan;
  parameters: readonly StackParameter[];
  assessment?: Assessment;
  prepared?: PreparedChange;
  /** The change set is created only after the stacks it depends on have deployed. */
  deferred: boolean;
  report: Omit<StackReport, 'stack' | 'stackName'>;
}

export interface PlanStackOptions {
  /** Dependencies that are created or updated in this deploy. */
  readonly changingDependencies: readonly string[];
  readonly replaceFailed: boolean;
  readonly continueRollback: boolean;
  readonly environments: EnvironmentPlan['manifest']['environments'];
  readonly clientsFor: DeployClientsFactory;
  /** AWS profile by environment name, for reading outputs of environments in another account. */
  readonly outputsProfiles: Readonly<Record<string, string>>;
  /** A one-shot deploy retries a failed-and-kept stack; a plan (--create-only) cannot hold a retry. */
  readonly retryAllowed: boolean;
}

/** Preview rows from a change set, or every resource as Add for a deferred new stack. */
export function previewRows(plan: StackPlan, prepared: PreparedChange | undefined, deferred: boolean): PreviewRow[] {
  if (deferred) {
    return Object.entries(plan.resourceTypes).map(([logicalId, resourceType]) => ({ action: 'Add', logicalId, resourceType, location: plan.locations[logicalId] }));
  }
  if (prepared?.kind !== 'change-set') return [];
  return prepared.changes.map((c) => ({
    action: c.action,
    logicalId: c.logicalId,
    resourceType: c.resourceType,
    replacement: c.action === 'Modify' ? c.replacement : undefined,
    ...(c.action === 'Modify' && (c.causes ?? []).length > 0 ? { cause: (c.causes ?? []).join(', ') } : {}),
    location: plan.locations[c.logicalId],
  }));
}

/** Plans one stack, updating its state; returns how many change sets it created. */
export async function planStack(ctx: DeployContext, state: StackState, options: PlanStackOptions): Promise<{ readonly changeSets: number }> {
  let changeSets = 0;
  state.parameters = await resolveParameters(ctx, state.plan, { environments: options.environments, clientsFor: options.clientsFor, outputsProfiles: options.outputsProfiles });
  const assessment = await assessStack(ctx, state.plan, {
    parameters: state.parameters,
    replaceFailed: options.replaceFailed,
    continueRollback: options.continueRollback,
  });
  state.assessment = assessment;
  if (assessment.action === 'unchanged') {
    state.report = { ...state.report, result: 'unchanged', outputs: assessment.deployed.outputs };
    return { changeSets };
  }
  if (assessment.action === 'retry') {
    const status = assessment.deployed.status;
    const env = state.plan.tags[ENVIRONMENT_TAG] ?? '<env>';
    if (!options.retryAllowed) {
      throw new DeployError({
        code: 'DEPLOY028',
        stack: state.plan.stackName,
        message: `${state.plan.stackName} is ${status}: its last operation failed with rollback disabled, and generated/ holds nothing new for it`,
        hint: `A plan holds change sets, and a retry is none: retry it with a one-shot \`platformc deploy ${env}\`, or roll it back with \`platformc deploy ${env} --rollback\`.`,
      });
    }
    state.prepared = { kind: 'retry' };
    state.report = { ...state.report, changeSetType: 'UPDATE', retry: status, changes: [] };
    return { changeSets };
  }
  const changingDeps = options.changingDependencies;
  let templateRows: PreviewRow[] | undefined;
  if (assessment.action === 'create' && changingDeps.length > 0) {
    state.deferred = true;
  } else {
    try {
      state.prepared = await prepareChangeSet(ctx, state.plan, { type: assessment.action === 'create' ? 'CREATE' : 'UPDATE', parameters: state.parameters });
      changeSets += 1;
    } catch (error) {
      // An update that imports an export its changing dependencies add cannot get its change set yet: it is
      // made after them, and the preview comes from the template diff.
      const waitsForDependencies = error instanceof DeployError && error.code === 'DEPLOY010' && assessment.action === 'update' && changingDeps.length > 0;
      if (!waitsForDependencies) throw error;
      changeSets += 1;
      templateRows = await templatePreview(state.plan, { template: assessment.deployedTemplate, parameters: assessment.deployed.parameters }, state.parameters);
      if (templateRows === undefined) throw error;
      state.deferred = true;
      ctx.progress.note(state.plan.stackName, `change set deferred until ${changingDeps.join(', ')} deployed (${error.reason ?? error.message})`);
    }
    if (state.prepared?.kind === 'empty') {
      state.report = { ...state.report, result: 'unchanged', outputs: assessment.action === 'update' ? assessment.deployed.outputs : [] };
      return { changeSets };
    }
  }
  state.report = {
    ...state.report,
    changeSetType: assessment.action === 'create' ? 'CREATE' : 'UPDATE',
    changes: templateRows ?? previewRows(state.plan, state.prepared, state.deferred),
  };
  return { changeSets };
}
