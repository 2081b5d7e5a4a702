/**
 * Runs the deploy command in-process against an endpoint (moto, or the fault proxy in front of it) with fast
 * timing, open gates and captured output; returns the exit code, the output and the parsed JSON report.
 */
import type { CliIo } from '../../compiler/cli/io.js';
import { runDeployCommand, type DeployCommandHooks, type DeployCommandOptions } from '../../compiler/deploy/deploy-command.js';
import { OPEN_GATES } from '../../compiler/deploy/gates.js';
import type { DeployReport } from '../../compiler/deploy/report.js';
import type { Timing } from '../../compiler/deploy/retry.js';
import type { Fixture } from './fixture-builder.js';

export const FAST_TIMING: Timing = {
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => Date.now(),
  baseDelayMs: 5,
  maxDelayMs: 20,
  maxAttempts: 4,
  pollMs: 20,
};

export interface DeployRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly report: DeployReport;
  readonly prompts: readonly string[];
}

export async function deploy(
  fixture: Fixture,
  options: Partial<DeployCommandOptions> & { readonly endpointUrl: string; readonly answers?: readonly string[]; readonly extraEnv?: Readonly<Record<string, string>> },
  hooks: DeployCommandHooks = {},
): Promise<DeployRun> {
  let stdout = '';
  let stderr = '';
  const prompts: string[] = [];
  const answers = [...(options.answers ?? [])];
  const io: CliIo = {
    cwd: fixture.cwd,
    env: { NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', PATH: process.env.PATH, ...options.extraEnv },
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    ...(options.answers ? { prompt: async (q: string) => (prompts.push(q), answers.shift()) } : {}),
  };
  const { answers: _answers, extraEnv: _extraEnv, ...rest } = options;
  const code = await runDeployCommand(
    io,
    { env: 'dev', out: 'generated', concurrency: 4, timeout: 1, format: 'json', ...rest },
    { gates: OPEN_GATES, timing: FAST_TIMING, requestTimeoutMs: 5_000, onInterrupt: () => () => undefined, ...hooks },
  );
  return { code, stdout, stderr, report: (options.format === "text" ? {} : JSON.parse(stdout)) as DeployReport, prompts };
}
