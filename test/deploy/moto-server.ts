/**
 * Test lifecycle of a real moto server: started on a free loopback port for one account before a suite and
 * stopped after it. Uses the same starter as `platformc deploy --local`.
 */
import { startLocalMoto, type LocalEndpoint } from '../../compiler/deploy/local-moto.js';

export async function startMoto(account: string): Promise<LocalEndpoint> {
  return startLocalMoto({ cwd: process.cwd(), env: process.env, account, startTimeoutMs: 30_000 });
}

/** Clears all moto state between tests (moto's own reset API). */
export async function resetMoto(endpoint: LocalEndpoint): Promise<void> {
  const response = await fetch(`${endpoint.url}/moto-api/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`moto reset failed: ${response.status}`);
}
