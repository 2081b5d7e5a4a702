// Deploy benchmark (run: `npx tsc -p . && node test/bench/deploy-bench.mjs`). Against a real moto server:
//  1. no-op re-deploy of the example's dev environment (the committed iam stack plus moto-compatible stand-ins
//     for the stacks moto cannot create, in the manifest's own dependency shape): target under 2 s, zero change sets;
//  2. overlap: a proxy keeps every stack "in progress" for a fixed time after ExecuteChangeSet; wall time of a
//     first deploy should be near the longest dependency chain, not the sum of all stacks.
// The gates (check + validate with cfn-lint) are timed separately: they do not depend on the number of stacks
// deployed and are dominated by cfn-lint.
// Exit code 1 when a target is missed.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (p) => join(root, 'dist', p);
const { runDeployCommand } = await import(dist('deploy/deploy-command.js'));
const { OPEN_GATES } = await import(dist('deploy/gates.js'));
const { startLocalMoto } = await import(dist('deploy/local-moto.js'));

const HOLD_MS = 1500;
const NOOP_TARGET_MS = 2000;

function json(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A stand-in moto can create, so the shape of the real environment can be deployed locally. */
function standIn(platform, env, stack) {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `${platform} ${env} ${stack} (stand-in for moto)`,
    Resources: Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`Param${i}`, { Type: 'AWS::SSM::Parameter', Properties: { Name: `/${platform}/${env}/${stack}/${i}`, Type: 'String', Value: `v${i}` } }]),
    ),
  };
}

/** generated/ for the example's dev environment: real iam stack, stand-ins for the rest. */
function exampleTree(dir) {
  const source = join(root, 'generated', 'cloudstack');
  const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8'));
  const dev = manifest.environments.find((e) => e.name === 'dev');
  const target = join(dir, 'generated', 'cloudstack');
  mkdirSync(join(target, 'dev'), { recursive: true });
  const standIns = [];
  for (const s of dev.stacks) {
    if (s.name === 'iam') {
      for (const f of [s.template, s.parameters, s.sourceMap]) cpSync(join(source, f), join(target, f));
    } else {
      standIns.push(s.name);
      writeFileSync(join(target, s.template), json(standIn('cloudstack', 'dev', s.name)));
      writeFileSync(join(target, s.parameters), json([]));
      writeFileSync(join(target, s.sourceMap), json({ spec: manifest.spec, resources: {}, statements: {}, parameters: {} }));
    }
  }
  writeFileSync(join(target, 'manifest.json'), json({ ...manifest, environments: [dev] }));
  return { account: dev.account, stacks: dev.stacks, standIns };
}

/** Longest dependency chain, in stacks. */
function longestChain(stacks) {
  const depth = new Map();
  for (const s of stacks) depth.set(s.name, 1 + Math.max(0, ...s.dependsOn.map((d) => depth.get(d) ?? 0)));
  return Math.max(...depth.values());
}

/** A proxy that counts calls and holds each stack IN_PROGRESS for HOLD_MS after its ExecuteChangeSet. */
async function holdingProxy(upstream, hold) {
  const executedAt = new Map();
  const calls = new Map();
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const params = new URLSearchParams(body);
      const action = params.get('Action') ?? 'other';
      calls.set(action, (calls.get(action) ?? 0) + 1);
      const t0 = Date.now();
      if (process.env.BENCH_TRACE) res.on('finish', () => console.log(`${t0 % 100000} +${Date.now() - t0}ms ${action} ${stack}`));
      const stack = params.get('StackName') ?? '';
      if (action === 'ExecuteChangeSet') executedAt.set(stack, Date.now());
      const up = new URL(upstream);
      const fwd = request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: { ...req.headers, host: up.host } }, (r) => {
        const out = [];
        r.on('data', (c) => out.push(c));
        r.on('end', () => {
          let text = Buffer.concat(out).toString('utf8');
          const since = executedAt.get(stack);
          if (hold && action === 'DescribeStacks' && since !== undefined && Date.now() - since < HOLD_MS) {
            text = text.replace(/<StackStatus>CREATE_COMPLETE<\/StackStatus>/, '<StackStatus>CREATE_IN_PROGRESS</StackStatus>');
          }
          const headers = { ...r.headers, 'content-length': String(Buffer.byteLength(text)) };
          delete headers['transfer-encoding'];
          res.writeHead(r.statusCode ?? 502, headers);
          res.end(text);
        });
      });
      fwd.end(body);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, calls, close: () => new Promise((r) => (server.closeAllConnections(), server.close(r))) };
}

/** moto loads its CloudFormation backend on the first call (several seconds); pay that before timing. */
async function warmUp(endpointUrl) {
  const { createSdkClients } = await import(dist('deploy/sdk-clients.js'));
  const clients = await createSdkClients({ region: 'us-west-2', endpoint: endpointUrl, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, requestTimeoutMs: 60_000 });
  const started = performance.now();
  await clients.cloudFormation.describeStack('warm-up');
  return performance.now() - started;
}

async function deployOnce(cwd, endpointUrl, timing) {
  let out = '';
  const io = {
    cwd,
    env: { NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' },
    stdout: { write: (t) => (out += t) },
    stderr: { write: () => undefined },
  };
  const started = performance.now();
  const code = await runDeployCommand(
    io,
    { env: 'dev', out: 'generated', concurrency: 4, timeout: 5, format: 'json', yes: true, endpointUrl },
    { gates: OPEN_GATES, timing, onInterrupt: () => () => undefined },
  );
  return { ms: performance.now() - started, code, report: JSON.parse(out) };
}

const timing = { sleep: (ms) => new Promise((r) => setTimeout(r, ms)), now: () => Date.now(), baseDelayMs: 200, maxDelayMs: 5000, maxAttempts: 6, pollMs: 100 };
let failed = false;

if (!existsSync(join(root, 'generated', 'cloudstack', 'manifest.json'))) {
  console.error('deploy-bench: generated/cloudstack is missing; run `platformc compile` first');
  process.exit(1);
}

// 1. No-op re-deploy.
{
  const dir = mkdtempSync(join(tmpdir(), 'platformc-deploy-bench-'));
  const { account, stacks, standIns } = exampleTree(dir);
  const moto = await startLocalMoto({ cwd: root, env: process.env, account });
  const proxy = await holdingProxy(moto.url, false);
  try {
    const warm = await warmUp(moto.url);
    console.log(`moto warm-up (first CloudFormation call loads its backend): ${warm.toFixed(0)} ms, not counted`);
    const first = await deployOnce(dir, proxy.url, timing);
    if (first.code !== 0) throw new Error(`first deploy failed: ${JSON.stringify(first.report.errors ?? first.report.stacks)}`);
    const runs = [];
    let changeSets = 0;
    for (let i = 0; i < 5; i += 1) {
      proxy.calls.clear();
      const again = await deployOnce(dir, proxy.url, timing);
      if (again.code !== 0) throw new Error('re-deploy failed');
      changeSets += proxy.calls.get('CreateChangeSet') ?? 0;
      runs.push(again.ms);
    }
    runs.sort((a, b) => a - b);
    const median = runs[Math.floor(runs.length / 2)];
    const ok = median < NOOP_TARGET_MS && changeSets === 0;
    failed ||= !ok;
    console.log(`no-op re-deploy, example dev (${stacks.length} stacks; stand-ins for moto: ${standIns.join(', ')})`);
    console.log(`  first deploy ${first.ms.toFixed(0)} ms; re-deploy median ${median.toFixed(0)} ms (min ${runs[0].toFixed(0)}, max ${runs[runs.length - 1].toFixed(0)}), change sets created: ${changeSets}  target < ${NOOP_TARGET_MS} ms, 0 change sets ${ok ? 'OK' : 'MISSED'}`);
  } finally {
    await proxy.close();
    await moto.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// 2. Overlap of independent stacks.
{
  const dir = mkdtempSync(join(tmpdir(), 'platformc-deploy-bench-'));
  const { account, stacks } = exampleTree(dir);
  const moto = await startLocalMoto({ cwd: root, env: process.env, account });
  const proxy = await holdingProxy(moto.url, true);
  try {
    await warmUp(moto.url);
    const first = await deployOnce(dir, proxy.url, timing);
    if (first.code !== 0) throw new Error(`deploy failed: ${JSON.stringify(first.report.errors ?? first.report.stacks)}`);
    const chain = longestChain(stacks);
    const chainMs = chain * HOLD_MS;
    const sumMs = stacks.length * HOLD_MS;
    const ok = first.ms < chainMs + 0.5 * HOLD_MS + 1500;
    failed ||= !ok;
    console.log(`overlap: ${stacks.length} stacks, each held in progress ${HOLD_MS} ms, longest chain ${chain} stacks`);
    console.log(`  wall ${first.ms.toFixed(0)} ms; longest chain ${chainMs} ms; sum of stacks ${sumMs} ms  ${ok ? 'OK (near the chain)' : 'MISSED'}`);
  } finally {
    await proxy.close();
    await moto.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = failed ? 1 : 0;
