/**
 * Everything deploy checks before touching a stack: the generated output loads, Access Analyzer is not skipped
 * for a protected environment, the credentials belong to the environment's account, generated/ is fresh and
 * validation passes. Any refusal comes back as a coded error, never as a half-started deploy.
 */
import type { DeployContext } from './context.js';
import { asDeployError, DeployError } from './deploy-error.js';
import { loadEnvironmentPlan, type EnvironmentPlan } from './load-plan.js';
import { loadRetiredPlan } from './retired-environment.js';
import { withRetry, type Timing } from './retry.js';
import type { DeployDeps, DeployOptions } from './deploy-options.js';

export type PreflightResult =
  | { readonly ok: true; readonly plan: EnvironmentPlan; readonly ctx: DeployContext; readonly where: { readonly platform: string; readonly account: string; readonly region: string } }
  | { readonly ok: false; readonly error: unknown; readonly where?: { readonly platform: string; readonly account: string; readonly region: string } };

/** Runs the checks in order; the first refusal stops them. */
export async function preflight(options: DeployOptions, deps: DeployDeps, timing: Timing): Promise<PreflightResult> {
  let plan: EnvironmentPlan;
  try {
    plan = options.retired !== undefined
      ? loadRetiredPlan({ generatedDir: options.generatedDir, platform: options.platform, env: options.env, retired: options.retired })
      : loadEnvironmentPlan({ generatedDir: options.generatedDir, platform: options.platform, env: options.env });
  } catch (error) {
    return { ok: false, error };
  }
  const env = plan.environment;
  const where = { platform: plan.platform, account: env.account, region: env.region };
  const refuse = (error: DeployError): PreflightResult => ({ ok: false, error, where });
  if (options.skipAccessAnalyzer && env.protect) {
    return refuse(new DeployError({ code: 'DEPLOY007', message: `${env.name} is protected: --skip-access-analyzer is refused; Access Analyzer always runs before a protected environment changes` }));
  }

  const clients = await deps.clientsFor(env.region);
  const ctx: DeployContext = {
    clients,
    timing,
    timeoutMs: options.timeoutMs,
    roleArn: options.roleArn,
    artifactBucket: options.artifactBucket,
    ...(options.disableRollback === true ? { disableRollback: true } : {}),
    progress: deps.progress,
    interrupted: deps.interrupted,
  };

  // 0. The credentials must belong to the environment's account.
  try {
    const account = await withRetry(() => clients.sts.getCallerAccount(), { timing, what: 'STS GetCallerIdentity' });
    if (account !== env.account) {
      return refuse(
        new DeployError({
          code: 'DEPLOY001',
          message: `refusing to deploy ${env.name}: the credentials are for account ${account}, but ${env.name} is account ${env.account}`,
          hint: `Use credentials of account ${env.account} (AWS_PROFILE, aws sso login) and run again.`,
        }),
      );
    }
  } catch (error) {
    const e = asDeployError(error, { call: 'STS GetCallerIdentity' });
    return refuse(new DeployError({ code: e.code === 'DEPLOY015' ? 'DEPLOY015' : 'DEPLOY002', message: `cannot verify the account: ${e.message}`, hint: 'Configure AWS credentials for the environment\'s account, or use --local.' }));
  }

  // Gates: generated/ is fresh and validation passes.
  const fresh = await deps.gates.fresh({ cwd: options.cwd, generatedDir: options.generatedDir });
  if (fresh.unavailable) deps.write(`${deps.colors.yellow('note')}: staleness check skipped: ${fresh.unavailable}\n`);
  if (!fresh.passed) {
    deps.write(fresh.report);
    return refuse(new DeployError({ code: 'DEPLOY005', message: `generated/ is stale for ${plan.platform}: it differs from a fresh compile of ${plan.manifest.spec}`, hint: 'Run `platformc compile`, review and commit, then deploy.' }));
  }
  const validation = await deps.gates.validate({ cwd: options.cwd, env: env.name, accessAnalyzer: !options.skipAccessAnalyzer });
  if (validation.unavailable) deps.write(`${deps.colors.yellow('note')}: ${validation.unavailable}\n`);
  if (!validation.passed) {
    deps.write(validation.report);
    return refuse(new DeployError({ code: 'DEPLOY006', message: `validation blocked the deploy of ${env.name}`, hint: 'Fix the findings above, recompile and deploy again.' }));
  }

  return { ok: true, plan, ctx, where };
}
