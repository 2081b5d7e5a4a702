/**
 * A CliIo that records what a command writes, for driving commands in-process.
 */
import type { CliIo } from '../../compiler/cli/io.js';

export interface MemoryIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

export function memoryIo(cwd: string, env: Readonly<Record<string, string | undefined>> = { NO_COLOR: '1' }): MemoryIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd,
    env,
    stdout: { write: (s: string) => out.push(s), isTTY: false },
    stderr: { write: (s: string) => err.push(s), isTTY: false },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}
