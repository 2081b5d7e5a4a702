/**
 * Network namespaces as the harness uses them: every name starts with a per-run prefix so that cleanup can
 * find everything this run made (and anything an interrupted earlier run left behind) without touching
 * namespaces that belong to anyone else.
 */
import { randomBytes } from 'node:crypto';
import { mustRun, run, type ExecResult } from './exec.js';

/** Every namespace of every harness run starts with this, followed by the run's random id. */
export const HARNESS_PREFIX = 'pcov';

/**
 * A short prefix unique to one run and naming the process that owns it, e.g. `pcov1a2bx3fa2-` (pid in base 36,
 * then random), so a later run can tell leftovers of a dead run from the namespaces of a run still going.
 */
export function runPrefix(): string {
  return `${HARNESS_PREFIX}${process.pid.toString(36)}x${randomBytes(2).toString('hex')}-`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes the namespaces left by harness runs whose process is gone (an interrupted run cannot clean up). */
export async function deleteStaleNamespaces(): Promise<string[]> {
  const stale = (await listNamespaces()).filter((name) => {
    const owner = new RegExp(`^${HARNESS_PREFIX}([0-9a-z]+)x`).exec(name)?.[1];
    return owner !== undefined && !isAlive(Number.parseInt(owner, 36));
  });
  await Promise.all(stale.map((name) => run('ip', ['netns', 'delete', name])));
  return stale;
}

/** Creates a namespace with its loopback up (ping to its own addresses needs it). */
export async function addNamespace(name: string): Promise<void> {
  await mustRun('ip', ['netns', 'add', name]);
  await mustRun('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
}

/** Runs a program inside a namespace. */
export function inNamespace(name: string, program: string, args: readonly string[]): Promise<ExecResult> {
  return run('ip', ['netns', 'exec', name, program, ...args]);
}

/** Runs a program inside a namespace and fails with its output when it does not succeed. */
export function mustInNamespace(name: string, program: string, args: readonly string[]): Promise<string> {
  return mustRun('ip', ['netns', 'exec', name, program, ...args]);
}

/** Names of all namespaces of the machine (`ip netns list` prints ids after them). */
export async function listNamespaces(): Promise<string[]> {
  const result = await run('ip', ['netns', 'list']);
  return result.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((name) => name !== '');
}

/**
 * Deletes every namespace whose name starts with `prefix`. Deleting a namespace destroys the interfaces inside
 * it (and a veth pair goes with either end), so nothing else is left behind. Returns the names it deleted.
 */
export async function deleteNamespaces(prefix: string): Promise<string[]> {
  const names = (await listNamespaces()).filter((name) => name.startsWith(prefix));
  await Promise.all(names.map((name) => run('ip', ['netns', 'delete', name])));
  return names;
}
