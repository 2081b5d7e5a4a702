/**
 * The real compiled output on moto. moto 5.2.5 accepts only the iam stack of the bundled example (see the
 * README's deploy section for what it rejects in the others), so this deploys the committed dev iam stack,
 * exactly as generated, and re-deploys it with no change set.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Manifest } from '../../compiler/emit/manifest.js';
import type { LocalEndpoint } from '../../compiler/deploy/local-moto.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { deploy } from './harness.js';
import { startMoto } from './moto-server.js';

const SOURCE = join(process.cwd(), 'generated', 'cloudstack');
const available = existsSync(join(SOURCE, 'manifest.json'));
let moto: LocalEndpoint;
let proxy: FaultProxy;
let cwd: string;
let account = '';

beforeAll(async () => {
  if (!available) return;
  const manifest = JSON.parse(readFileSync(join(SOURCE, 'manifest.json'), 'utf8')) as Manifest;
  const dev = manifest.environments.find((e) => e.name === 'dev');
  if (!dev) throw new Error('the example has no dev environment');
  account = dev.account;
  cwd = mkdtempSync(join(tmpdir(), 'platformc-generated-'));
  const target = join(cwd, 'generated', 'cloudstack');
  mkdirSync(join(target, 'dev'), { recursive: true });
  const iam = dev.stacks.filter((s) => s.name === 'iam');
  for (const s of iam) for (const f of [s.template, s.parameters, s.sourceMap]) cpSync(join(SOURCE, f), join(target, f));
  writeFileSync(join(target, 'manifest.json'), JSON.stringify({ ...manifest, environments: [{ ...dev, stacks: iam }] }));
  moto = await startMoto(account);
  proxy = await startFaultProxy(moto.url);
});
afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

it.runIf(available)('deploys the generated dev iam stack and then finds it unchanged', async () => {
  const fixture = { cwd, generatedDir: join(cwd, 'generated'), write: () => undefined, remove: () => undefined };
  const first = await deploy(fixture, { endpointUrl: proxy.url, yes: true });
  expect(first.code, first.stdout).toBe(0);
  expect(first.report.stacks.map((s) => [s.stackName, s.result])).toEqual([['cloudstack-dev-iam', 'created']]);
  expect(first.report.stacks[0]?.changes.every((c) => c.location?.startsWith('specs/cloudstack.platform.yaml:'))).toBe(true);
  proxy.reset();
  const again = await deploy(fixture, { endpointUrl: proxy.url, yes: true });
  expect(again.report.stacks[0]?.result).toBe('unchanged');
  expect(proxy.count('CreateChangeSet')).toBe(0);
});
