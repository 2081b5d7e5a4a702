/**
 * Drives platformc as a user would, in-process: a fresh temporary project directory, the user's environment,
 * and captured stdout/stderr. `runCli` is the same entry point the `platformc` binary calls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../compiler/cli/main.js';
import type { CliIo } from '../../compiler/cli/io.js';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface Project {
  readonly dir: string;
  readonly remove: () => void;
}

/** A new empty project directory; `remove` deletes it. Create it in a hook, so a skipped suite leaves nothing. */
export function freshProject(): Project {
  const dir = mkdtempSync(join(tmpdir(), 'platformc-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The environment of a user's shell, with the project's pinned cfn-lint on PATH. */
export function userEnv(extra: Readonly<Record<string, string | undefined>> = {}): Record<string, string | undefined> {
  return { PATH: `${join(REPO, '.venv', 'bin')}:${process.env.PATH ?? ''}`, HOME: process.env.HOME, ...extra };
}

/** Runs `platformc <args>` in `cwd` and returns the exit code and what it printed. */
export async function platformc(cwd: string, args: readonly string[], options: { env?: Record<string, string | undefined>; tty?: boolean } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd,
    env: options.env ?? userEnv(),
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty === true },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty === true },
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}
