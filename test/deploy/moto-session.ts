/**
 * One moto server with the fault proxy in front of it for a whole test file, reset before every test, and a fresh
 * one-environment fixture per test: the set-up every deploy test against moto shares.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { LocalEndpoint } from '../../compiler/deploy/local-moto.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { createFixture, demoEnv, type Fixture } from './fixture-builder.js';
import { resetMoto, startMoto } from './moto-server.js';

export interface MotoSession {
  readonly moto: LocalEndpoint;
  readonly proxy: FaultProxy;
  readonly fixture: Fixture;
}

/** Registers the hooks in the calling test file; the returned getters read the current test's parts. */
export function useMotoSession(options: { readonly account?: string } = {}): MotoSession {
  let moto: LocalEndpoint | undefined;
  let proxy: FaultProxy | undefined;
  let fixture: Fixture | undefined;
  beforeAll(async () => {
    moto = await startMoto(options.account ?? '111111111111');
    proxy = await startFaultProxy(moto.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await moto?.stop();
  });
  beforeEach(async () => {
    await resetMoto(ready(moto));
    ready(proxy).reset();
    fixture = createFixture([demoEnv()]);
  });
  afterEach(() => fixture?.remove());
  return {
    get moto() {
      return ready(moto);
    },
    get proxy() {
      return ready(proxy);
    },
    get fixture() {
      return ready(fixture);
    },
  };
}

function ready<T>(part: T | undefined): T {
  if (part === undefined) throw new Error('the moto session is used outside a test');
  return part;
}
