/**
 * What a deploy is asked to do (the command's flags as data) and what it is given to do it with (clients, gates,
 * output, prompt), shared by the one-shot deploy and the execute phase of a two-phase one; and the confirmation.
 */
import type { Colors } from '../cli/io.js';
import type { DeployClientsFactory } from './aws-api.js';
import type { ProgressSink } from './context.js';
import type { DeployGates } from './gates.js';
import type { EnvironmentPlan } from './load-plan.js';
import type { RetiredEnvironment } from './retired-environment.js';
import type { Timing } from './retry.js';

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
  /** Delete the environment's stacks that generated/ no longer holds (one-shot deploys only). */
  readonly prune?: boolean;
  /**
   * With prune, for an environment the manifest no longer has (removed from the spec): where its stacks are. All of
   * them are then left over.
   */
  readonly retired?: RetiredEnvironment;
  /** A failed stack operation keeps what succeeded (CREATE_FAILED / UPDATE_FAILED) instead of rolling back. */
  readonly disableRollback?: boolean;
  /** Only roll back the stacks a --disable-rollback operation left failed (rollback-failed.ts); nothing else. */
  readonly rollback?: boolean;
  /** Run CloudFormation's drift detection on the deployed stacks and show what drifted in the preview (drift.ts). */
  readonly detectDrift?: boolean;
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

/** Asks before changing anything: y/N, or for a protected environment its name typed out. */
export async function confirm(options: DeployOptions, deps: DeployDeps, env: EnvironmentPlan['environment']): Promise<boolean> {
  if (options.yes) return true;
  if (!deps.prompt) return false;
  if (options.retired !== undefined) {
    const answer = await deps.prompt(`${env.name} is no longer in the spec: its stacks above are deleted. Type the environment name (${env.name}) to delete them: `);
    return answer?.trim() === env.name;
  }
  const act = options.rollback === true ? 'roll back' : 'deploy';
  if (env.protect) {
    const answer = await deps.prompt(`${env.name} is protected. Type the environment name (${env.name}) to ${act}: `);
    return answer?.trim() === env.name;
  }
  const answer = await deps.prompt(options.rollback === true ? `Roll back these stacks of ${env.name}? [y/N] ` : `Deploy these changes to ${env.name}? [y/N] `);
  return answer !== undefined && /^(y|yes)$/i.test(answer.trim());
}
