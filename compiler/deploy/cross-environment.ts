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
  options: {
    readonly environments: EnvironmentPlan['manifest']['environments'];
    readonly clientsFor: DeployClientsFactory;
    /** AWS profile by environment name, for environments in another account than the one deployed. */
    readonly outputsProfiles?: Readonly<Record<string, string>>;
  },
): Promise<readonly StackParameter[]> {
  if (plan.crossEnvironmentParameters.length === 0) return plan.parameters;
  const values = new Map(plan.parameters.map((p) => [p.key, p.value] as const));
  for (const ref of plan.crossEnvironmentParameters) {
    const env = options.environments.find((e) => e.name === ref.env);
    const source = env?.stacks.find((s) => s.name === ref.stack);
    if (!env || !source) {
      throw new DeployError({ code: 'DEPLOY017', stack: plan.stackName, message: `${plan.stackName}: parameter ${ref.parameter} reads ${ref.env}/${ref.stack}, which is not in the manifest` });
    }
    // Deploy's credentials are those of the environment it deploys, and CloudFormation answers only for its own
    // account: an output in another account is read with the profile given for that environment
    // (--outputs-profile), and without one it cannot be read at all, which is said exactly.
    const own = options.environments.find((e) => e.stacks.some((s) => s.stackName === plan.stackName));
    const foreign = own !== undefined && own.account !== env.account;
    const profile = foreign ? options.outputsProfiles?.[ref.env] : undefined;
    const unreadable = (detail: string): DeployError => new DeployError({
      code: 'DEPLOY017',
      stack: plan.stackName,
      message: profile === undefined
        ? `${plan.stackName}: parameter ${ref.parameter} needs output ${ref.output} of ${source.stackName} in account ${env.account} (${ref.env}), but deploy runs with the credentials of account ${own?.account ?? '?'}, which cannot read it${detail}`
        : `${plan.stackName}: parameter ${ref.parameter} needs output ${ref.output} of ${source.stackName} in account ${env.account} (${ref.env}), which profile ${profile} cannot read${detail}`,
      hint: profile === undefined
        ? `Pass --outputs-profile ${ref.env}=<an AWS profile of account ${env.account}> so deploy reads it with that profile.`
        : `Check that profile ${profile} belongs to account ${env.account} and may call cloudformation:DescribeStacks in ${env.region}; deploy ${ref.env} first if it is not deployed.`,
    });
    const clients = await options.clientsFor(env.region, profile === undefined ? {} : { profile });
    let stack;
    try {
      stack = await withRetry(() => clients.cloudFormation.describeStack(source.stackName), { timing: ctx.timing, what: 'DescribeStacks', stack: source.stackName });
    } catch (error) {
      if (foreign) throw unreadable(` (${error instanceof Error ? error.message : String(error)})`);
      throw error;
    }
    const output = stack?.outputs.find((o) => o.key === ref.output);
    if (!output && foreign) throw unreadable('');
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
