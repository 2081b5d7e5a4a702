/**
 * Parameters filled from another environment's stack outputs (e.g. a delegated zone's name servers). Read with
 * DescribeStacks in that environment's region at deploy time, never through Fn::ImportValue, which cannot cross
 * regions or accounts.
 */
import type { DeployClientsFactory, StackParameter } from './aws-api.js';
import type { DeployContext } from './context.js';
import { DeployError } from './deploy-error.js';
import type { EnvironmentPlan, StackPlan } from './load-plan.js';
import { withRetry } from './retry.js';

/** The stack's parameters with cross-environment values filled in (they override the parameter file). */
export async function resolveParameters(
  ctx: DeployContext,
  plan: StackPlan,
  options: { readonly environments: EnvironmentPlan['manifest']['environments']; readonly clientsFor: DeployClientsFactory },
): Promise<readonly StackParameter[]> {
  if (plan.crossEnvironmentParameters.length === 0) return plan.parameters;
  const values = new Map(plan.parameters.map((p) => [p.key, p.value] as const));
  for (const ref of plan.crossEnvironmentParameters) {
    const env = options.environments.find((e) => e.name === ref.env);
    const source = env?.stacks.find((s) => s.name === ref.stack);
    if (!env || !source) {
      throw new DeployError({ code: 'DEPLOY017', stack: plan.stackName, message: `${plan.stackName}: parameter ${ref.parameter} reads ${ref.env}/${ref.stack}, which is not in the manifest` });
    }
    const clients = await options.clientsFor(env.region);
    const stack = await withRetry(() => clients.cloudFormation.describeStack(source.stackName), { timing: ctx.timing, what: 'DescribeStacks', stack: source.stackName });
    const output = stack?.outputs.find((o) => o.key === ref.output);
    if (!output) {
      throw new DeployError({
        code: 'DEPLOY017',
        stack: plan.stackName,
        message: `${plan.stackName}: parameter ${ref.parameter} needs output ${ref.output} of ${source.stackName} (${ref.env}), which ${stack ? 'has no such output' : 'is not deployed'}`,
        hint: `Deploy ${ref.env} first: platformc deploy ${ref.env}`,
      });
    }
    values.set(ref.parameter, output.value);
  }
  return [...values].map(([key, value]) => ({ key, value }));
}
