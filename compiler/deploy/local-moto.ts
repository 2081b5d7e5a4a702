/**
 * `--local`: moto in server mode from the project virtualenv (or PATH), on a free loopback port, with the
 * environment's account id, so a new user sees the whole deploy flow without an AWS account. Also used by the
 * tests and the benchmark. The server is a child process stopped by `stop()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { DeployError } from './deploy-error.js';

export interface LocalEndpoint {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Fake static credentials for local endpoints (moto accepts any). */
/** The moto release `--local` is tested with (requirements-dev.txt pins the same). */
export const PINNED_MOTO = '5.2.5';

export const LOCAL_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;

/** The moto_server executable: the project's virtualenv first, then PATH. */
export function findMotoServer(options: { readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>> }): string | undefined {
  const venv = join(options.cwd, '.venv', 'bin', 'moto_server');
  if (existsSync(venv)) return venv;
  for (const dir of (options.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && existsSync(join(dir, 'moto_server'))) return join(dir, 'moto_server');
  }
  return undefined;
}

/** A free TCP port on 127.0.0.1 (bound and released, then handed to moto). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts moto server for one account and waits (bounded) until it accepts connections. */
export async function startLocalMoto(options: {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly account: string;
  readonly startTimeoutMs?: number;
}): Promise<LocalEndpoint> {
  const executable = findMotoServer(options);
  if (!executable) {
    throw new DeployError({
      code: 'DEPLOY020',
      message: 'moto_server was not found in .venv/bin or on PATH',
      hint: `Install it into the project's virtualenv: \`python3 -m venv .venv && .venv/bin/pip install "moto[server]==${PINNED_MOTO}"\`, or use --endpoint-url.`,
    });
  }
  const port = await freePort();
  const child = spawn(executable, ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...options.env, MOTO_ACCOUNT_ID: options.account, PYTHONWARNINGS: 'ignore' },
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group, so Ctrl-C reaches deploy (which keeps talking to it) and not the server.
    detached: true,
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await canConnect(port)) {
      return { url: `http://127.0.0.1:${port}`, port, stop: () => stopChild(child) };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopChild(child);
  throw new DeployError({
    code: 'DEPLOY020',
    message: `moto server did not start on 127.0.0.1:${port}${stderr ? `: ${stderr.trim().split('\n').slice(-1)[0] ?? ''}` : ''}`,
    hint: `Run \`${executable} -p 5000\` by hand to see why; reinstall with \`.venv/bin/pip install --force-reinstall "moto[server]==${PINNED_MOTO}"\`.`,
  });
}
