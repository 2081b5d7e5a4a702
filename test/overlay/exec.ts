/**
 * Runs programs for the overlay harness. Every call resolves with the exit status and output instead of
 * throwing, so a failed `ip` or `ping` becomes an assertion message rather than an unexplained exception.
 */
import { execFile } from 'node:child_process';

export interface ExecResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one program without a shell and reports how it ended. */
export function run(program: string, args: readonly string[], options: { input?: string } = {}): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = execFile(program, [...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 127;
      resolve({ code, stdout, stderr: stderr || (error !== null && typeof error.code !== 'number' ? error.message : '') });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Runs a program and fails with its output when it does not succeed (for setup steps that must work). */
export async function mustRun(program: string, args: readonly string[]): Promise<string> {
  const result = await run(program, args);
  if (result.code !== 0) {
    throw new Error(`${program} ${args.join(' ')} exited with ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`);
  }
  return result.stdout;
}
