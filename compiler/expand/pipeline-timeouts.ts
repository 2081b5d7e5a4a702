/**
 * How long a pipeline's execute build may take. One round of hypervisor changes (a metal host created, or
 * stopped and started for new user data) takes minutes; with a rolling batch an environment's hosts go in rounds,
 * one after another, so the build and deploy's wait per stack operation must allow for all of them, or the
 * pipeline gives up while CloudFormation is still rolling.
 */
import type { Environment } from '../model/platform.js';
import { minutesForRounds } from '../model/rolling-time.js';

/** CodeBuild's project limit as every version of its schema knows it (8 hours). */
export const MAX_BUILD_MINUTES = 480;

/** Rounds of hypervisor changes in one deploy of `env`: per hosts stack, its hypervisors over the batch; stacks one after another. */
export function rollingRounds(env: Environment): number {
  const batch = env.rollingBatch;
  if (batch === undefined) return 1;
  let rounds = 0;
  for (let first = 0; first < env.hypervisorCount; first += env.hypervisorsPerStack) {
    rounds += Math.ceil(Math.min(env.hypervisorsPerStack, env.hypervisorCount - first) / batch);
  }
  return Math.max(1, rounds);
}

/** Minutes for the execute build (and deploy's --timeout in it) of a pipeline deploying `envs`. */
export function executeMinutes(envs: readonly Environment[]): number {
  const rounds = Math.max(1, ...envs.map(rollingRounds));
  return Math.min(MAX_BUILD_MINUTES, minutesForRounds(rounds));
}
