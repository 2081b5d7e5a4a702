/**
 * The bundled examples through the Access Analyzer step against a local service that finds nothing: every policy
 * is sent fully resolved (no intrinsic, no placeholder), with the account and region of its own environment.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzerApi } from '../../compiler/access-analyzer/analyzer-api.js';
import { runAccessAnalyzer } from '../../compiler/access-analyzer/run-access-analyzer.js';
import { compileSource } from '../../compiler/compile.js';
import { ok, startFakeAccessAnalyzer, type FakeAccessAnalyzer } from './support/access-analyzer-server.js';

const root = join(import.meta.dirname, '..', '..');
let server: FakeAccessAnalyzer;

beforeAll(async () => {
  server = await startFakeAccessAnalyzer((request) => (request.path === '/policy/validation' ? ok({ findings: [] }) : ok({ result: 'PASS', reasons: [] })));
});
afterAll(() => server.close());

describe.each(['specs/cloudstack.platform.yaml', 'specs/minimal.platform.yaml'])('%s through Access Analyzer', (file) => {
  it('sends only concrete policies of the right environment and finds nothing to report', async () => {
    const result = compileSource({ file, text: readFileSync(join(root, file), 'utf8') });
    expect(result.stacks).toBeDefined();
    const environments = result.platform!.environments.map((e) => ({ name: e.name, account: e.account, region: e.region, partition: e.partition }));
    const first = server.requests.length;
    const report = await runAccessAnalyzer(result.stacks!, {
      environments,
      api: (region) => createAnalyzerApi({ region, endpoint: server.endpoint, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } }),
    });
    expect(report.findings).toEqual([]);
    const sent = server.requests.slice(first).filter((r) => r.path === '/policy/validation');
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) {
      const document = String(request.body.policyDocument);
      expect(document).not.toMatch(/placeholder-|"Ref"|"Fn::/);
      const region = /\/(\w{2}-[a-z]+-\d)\/access-analyzer\//.exec(String(request.headers.authorization))?.[1];
      const env = environments.find((e) => e.region === region);
      expect(env, `a request signed for ${region}`).toBeDefined();
      for (const account of document.match(/(?<=:)\d{12}(?=:)/g) ?? []) {
        expect(environments.some((e) => e.account === account)).toBe(true);
      }
    }
  });
});
