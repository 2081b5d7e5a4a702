/**
 * The deploy command's wiring: flags to options, the real SDK clients (or a local moto server), the gates,
 * progress on a terminal or in plain lines, Ctrl-C handling, and the report in text or JSON.
 */
import { resolve } from 'node:path';
import { colors, EXIT, useColor, type CliIo } from '../cli/io.js';
import type { DeployClients, DeployClientsFactory } from './aws-api.js';
import { DeployError } from './deploy-error.js';
import { defaultGates } from './default-gates.js';
import type { DeployGates } from './gates.js';
import { LOCAL_CREDENTIALS, startLocalMoto, type LocalEndpoint } from './local-moto.js';
import { loadEnvironmentPlan, type EnvironmentPlan } from './load-plan.js';
import { loadRetiredPlan } from './retired-environment.js';
import { liveProgress, plainProgress } from './progress.js';
import { renderDeployJson, renderDeployText } from './render-report.js';
import type { DeployReport } from './report.js';
import { runDeploy } from './run-deploy.js';
import { runExecutePlan } from './execute-plan.js';
import { DEFAULT_TIMING, type Timing } from './retry.js';
import { createSdkClients } from './sdk-clients.js';
import { terminalPrompt } from './terminal-prompt.js';
import type { DeployFlags } from '../cli/commands/deploy.js';

export interface DeployCommandOptions extends DeployFlags {
  readonly env: string;
}

/** What tests and the benchmark may replace; the command uses the real ones by default. */
export interface DeployCommandHooks {
  readonly gates?: DeployGates;
  readonly timing?: Timing;
  readonly requestTimeoutMs?: number;
  /** Overrides --timeout (minutes) with milliseconds, so tests of bounded waits stay short. */
  readonly timeoutMs?: number;
  readonly onCall?: (service: string, command: string) => void;
  /** Replaces process SIGINT handling (tests trigger interrupts themselves). */
  readonly onInterrupt?: (interrupt: () => void) => () => void;
}

function errorReport(env: string, error: DeployError): DeployReport {
  return {
    env,
    dryRun: false,
    stacks: [],
    changeSetsCreated: 0,
    elapsedMs: 0,
    errors: [{ code: error.code, message: error.message, hint: error.hint, notes: error.notes }],
    exitCode: EXIT.findings,
  };
}

/** Credentials from the command's own environment when it carries them; otherwise the SDK's standard chain. */
function envCredentials(env: CliIo['env']): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
}

function processInterrupts(io: CliIo, interrupt: () => void): () => void {
  let count = 0;
  const handler = (): void => {
    count += 1;
    if (count > 1) process.exit(130);
    io.stderr.write('\nInterrupted: running CloudFormation operations continue; no new stack is started. Press Ctrl-C again to quit at once.\n');
    interrupt();
  };
  process.on('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}

/** Runs `platformc deploy` and returns the exit code. */
export async function runDeployCommand(io: CliIo, options: DeployCommandOptions, hooks: DeployCommandHooks = {}): Promise<number> {
  const json = options.format === 'json';
  const c = colors(useColor(io, json ? 'stderr' : 'stdout'));
  const out = json ? io.stderr : io.stdout;
  const write = (text: string): void => {
    if (!options.quiet) out.write(text);
  };
  const emit = (report: DeployReport): number => {
    if (json) io.stdout.write(renderDeployJson(report));
    else io.stdout.write(renderDeployText(report, c));
    return report.exitCode;
  };
  if (options.local && options.endpointUrl) {
    io.stderr.write('platformc deploy: --local and --endpoint-url exclude each other\n');
    return EXIT.usage;
  }
  if (options.plan !== undefined && !options.createOnly) {
    io.stderr.write('platformc deploy: --plan names the file --create-only writes; with --execute-plan, pass the file to it\n');
    return EXIT.usage;
  }
  if ((options.account === undefined) !== (options.region === undefined) || (options.account !== undefined && options.prune !== true)) {
    io.stderr.write('platformc deploy: --account and --region go together, with --prune: they say where the stacks of an environment removed from the spec are\n');
    return EXIT.usage;
  }
  const retired = options.account !== undefined && options.region !== undefined ? { account: options.account, region: options.region } : undefined;
  const generatedDir = resolve(io.cwd, options.out);

  let local: LocalEndpoint | undefined;
  let localPlan: EnvironmentPlan | undefined;
  let interrupted = false;
  const release = (hooks.onInterrupt ?? ((i) => processInterrupts(io, i)))(() => {
    interrupted = true;
  });
  try {
    if (options.local) {
      // moto must run as the environment's account so the account check means the same as against AWS.
      const plan = retired !== undefined
        ? loadRetiredPlan({ generatedDir, platform: options.platform, env: options.env, retired })
        : loadEnvironmentPlan({ generatedDir, platform: options.platform, env: options.env });
      write(c.dim(`starting moto server for account ${plan.environment.account}...\n`));
      local = await startLocalMoto({ cwd: io.cwd, env: io.env, account: plan.environment.account });
      write(c.dim(`moto server on ${local.url}\n`));
      localPlan = plan;
      const { seedLocalSsm, ssmSeedsOf } = await import('./local-ssm-seed.js');
      const seeds = ssmSeedsOf(plan.stacks);
      await seedLocalSsm({ endpoint: local.url, region: plan.environment.region, seeds });
      if (seeds.length > 0) {
        write(c.dim(`seeded ${seeds.length} SSM parameter(s) on the local endpoint with placeholders: ${seeds.map((s) => `${s.name}=${s.value}`).join(', ')}\n`));
      }
    }
    const endpoint = local?.url ?? options.endpointUrl;
    const cache = new Map<string, Promise<DeployClients>>();
    const clientsFor: DeployClientsFactory = (region, clientOptions = {}) => {
      const key = `${region}|${clientOptions.profile ?? ''}`;
      let clients = cache.get(key);
      if (!clients) {
        clients = createSdkClients({
          region,
          endpoint,
          credentials: local ? LOCAL_CREDENTIALS : envCredentials(io.env),
          ...(clientOptions.profile === undefined ? {} : {
            profile: {
              name: clientOptions.profile,
              ...(io.env.AWS_SHARED_CREDENTIALS_FILE ? { credentialsFile: io.env.AWS_SHARED_CREDENTIALS_FILE } : {}),
              ...(io.env.AWS_CONFIG_FILE ? { configFile: io.env.AWS_CONFIG_FILE } : {}),
            },
          }),
          requestTimeoutMs: hooks.requestTimeoutMs ?? 60_000,
          onCall: hooks.onCall,
        });
        cache.set(key, clients);
      }
      return clients;
    };
    const timing = hooks.timing ?? DEFAULT_TIMING;
    const tty = out.isTTY === true && !io.env.CI;
    const progressOptions = { write: (t: string) => (options.quiet ? undefined : out.write(t)), colors: c, now: timing.now };
    const live = tty ? liveProgress(progressOptions) : undefined;
    const planPath = (file: string): string => resolve(io.cwd, file);
    const run = options.executePlan !== undefined ? runExecutePlan : runDeploy;
    const report = await run(
      {
        ...(options.createOnly ? { createOnly: { planFile: planPath(options.plan ?? `plan-${options.env}.json`) } } : {}),
        ...(options.executePlan !== undefined ? { executePlan: { planFile: planPath(options.executePlan) } } : {}),
        cwd: io.cwd,
        generatedDir,
        env: options.env,
        platform: options.platform,
        yes: options.yes === true,
        dryRun: options.dryRun === true,
        concurrency: options.concurrency,
        roleArn: options.roleArn,
        artifactBucket: options.artifactBucket,
        replaceFailed: options.replaceFailed === true,
        prune: options.prune === true,
        ...(retired ? { retired } : {}),
        continueRollback: options.continueRollback === true,
        ...(options.disableRollback === true ? { disableRollback: true } : {}),
        ...(options.rollback === true ? { rollback: true } : {}),
        ...(options.detectDrift === true ? { detectDrift: true } : {}),
        skipAccessAnalyzer: options.skipAccessAnalyzer === true,
        timeoutMs: hooks.timeoutMs ?? options.timeout * 60_000,
        localEndpoint: endpoint !== undefined,
        outputsProfiles: options.outputsProfile ?? {},
      },
      {
        clientsFor,
        gates: hooks.gates ?? defaultGates({ local: local !== undefined }),
        write,
        colors: c,
        progress: live ?? plainProgress(progressOptions),
        prompt: io.prompt ?? (io.stdout === process.stdout ? terminalPrompt() : undefined),
        interrupted: () => interrupted,
        timing,
      },
    );
    live?.close();
    const code = emit(report);
    if (localPlan) {
      const { motoGapNote } = await import('./local-moto-gaps.js');
      const failed = report.stacks.filter((s) => s.result === 'failed').map((s) => s.stackName);
      write(c.yellow(motoGapNote({ stacks: localPlan.stacks, failed })));
    }
    return code;
  } catch (error) {
    if (error instanceof DeployError) return emit(errorReport(options.env, error));
    throw error;
  } finally {
    release();
    await local?.stop();
  }
}
