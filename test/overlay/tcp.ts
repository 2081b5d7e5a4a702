/**
 * A TCP exchange between two namespaces (tcp-probe.py): a server that answers one connection, and a client that
 * prints the answer. For the router's forwarding of the management UI.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inNamespace } from './netns.js';

const PROBE = fileURLToPath(new URL('./tcp-probe.py', import.meta.url));

/** Starts a one-shot server in `namespace`; resolves once it listens, with a function that stops it. */
export function serveOnce(namespace: string, address: string, port: number, reply: string): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', namespace, 'python3', PROBE, 'serve', address, String(port), reply], { stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.once('data', () => resolve(() => child.kill()));
    child.once('exit', (code) => reject(new Error(`the server in ${namespace} ended (${code}) before listening: ${errors}`)));
  });
}

/** Connects from `namespace` and returns what the server said (ok false when nothing answered). */
export async function ask(namespace: string, address: string, port: number): Promise<{ ok: boolean; answer: string }> {
  const result = await inNamespace(namespace, 'python3', [PROBE, 'ask', address, String(port)]);
  return { ok: result.code === 0, answer: `${result.stdout}${result.stderr}`.trim() };
}
