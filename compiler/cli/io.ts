/**
 * What a command may touch of the outside world, passed in so tests can drive commands in-process with their own
 * streams, environment and working directory.
 */
import { isAbsolute, relative, sep } from 'node:path';
import pc from 'picocolors';

export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Reads one line of interactive input (for confirmations); undefined when there is no terminal. */
  readonly prompt?: (question: string) => Promise<string | undefined>;
}

/** Exit codes, documented in the README's table. */
export const EXIT = {
  ok: 0,
  /** The spec has errors, output is stale, validation blocked, or a deploy failed. */
  findings: 1,
  /** The command was used wrongly: unknown flag, missing file, bad argument. */
  usage: 2,
  /** An exception escaped a command: a bug in platformc, never a user error. */
  internal: 70,
} as const;

/** Says plainly that an exception is a bug (its stack only with PLATFORMC_DEBUG); returns EXIT.internal. */
export function reportInternalError(io: CliIo, error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`platformc: internal error: ${message}\nThis is a bug; please report it with the command you ran.\n`);
  if (io.env.PLATFORMC_DEBUG) io.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
  return EXIT.internal;
}

/** Colors only on a terminal and never when NO_COLOR is set (or when the command is told not to). */
export function useColor(io: CliIo, stream: 'stdout' | 'stderr' = 'stdout'): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io[stream].isTTY === true;
}

export type Colors = ReturnType<typeof pc.createColors>;

export function colors(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
  };
}

/**
 * A directory as shown to users: relative to the working directory when inside it (`generated`, `.`), absolute
 * when outside (`/tmp/out`, rather than `../../tmp/out`), with forward slashes.
 */
export function displayDirectory(dir: string, cwd: string): string {
  const inside = relative(cwd, dir);
  const shown = inside === '' ? '.' : inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside) ? dir : inside;
  return shown.split(sep).join('/');
}
