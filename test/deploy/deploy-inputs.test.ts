/**
 * What goes into a change set besides the template: parameters read from another environment's stack outputs,
 * and tags; and what happens when CloudFormation finds nothing to change after all.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalEndpoint } from '../../compiler/deploy/local-moto.js';
import { queryResult, rewrite, startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { createFixture, demoEnv, PLATFORM, type Fixture, type FixtureEnv } from './fixture-builder.js';
import { deploy } from './harness.js';
import { resetMoto, startMoto } from './moto-server.js';

let moto: LocalEndpoint;
let proxy: FaultProxy;
let fixture: Fixture;

beforeAll(async () => {
  moto = await startMoto('111111111111');
  proxy = await startFaultProxy(moto.url);
});
afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
});
beforeEach(async () => {
  await resetMoto(moto);
  proxy.reset();
});
afterEach(() => fixture?.remove());

/** `edge` has one stack whose ZoneServers parameter is dev's network output NameServers. */
function edgeEnv(): FixtureEnv {
  return {
    name: 'edge',
    account: '111111111111',
    stacks: [
      {
        name: 'dns',
        parameters: { ZoneServers: { Type: 'String' } },
        parameterValues: { ZoneServers: 'filled at deploy time' },
        crossEnvironmentParameters: [{ parameter: 'ZoneServers', env: 'dev', stack: 'network', output: 'NameServers' }],
        resources: { Servers: { Type: 'AWS::SSM::Parameter', Properties: { Name: '/demo/edge/servers', Type: 'String', Value: { Ref: 'ZoneServers' } } } },
      },
    ],
  };
}

async function describeStackXml(name: string): Promise<string> {
  return fetch(moto.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/cloudformation/aws4_request, SignedHeaders=host, Signature=0' },
    body: `Action=DescribeStacks&StackName=${name}&Version=2010-05-15`,
  }).then((r) => r.text());
}

describe('cross-environment parameters', () => {
  it("fills a parameter from another environment's stack output", async () => {
    fixture = createFixture([demoEnv(), edgeEnv()]);
    expect((await deploy(fixture, { endpointUrl: proxy.url, yes: true })).code).toBe(0);
    // moto keeps no outputs for stacks made by change sets; the proxy adds the one a real dev network would have.
    proxy.rules = [
      {
        action: 'DescribeStacks',
        when: (p) => p.get('StackName') === `${PLATFORM}-dev-network`,
        handle: rewrite((b) => b.replace('</StackStatus>', '</StackStatus><Outputs><member><OutputKey>NameServers</OutputKey><OutputValue>ns-1.example.net,ns-2.example.net</OutputValue></member></Outputs>')),
      },
    ];
    const run = await deploy(fixture, { endpointUrl: proxy.url, yes: true, env: 'edge' });
    expect(run.code, run.stdout).toBe(0);
    expect(await describeStackXml(`${PLATFORM}-edge-dns`)).toContain('<ParameterValue>ns-1.example.net,ns-2.example.net</ParameterValue>');
  });

  it.each([
    {
      when: 'the output is missing: which environment to deploy first',
      devAccount: '111111111111',
      message: 'needs output NameServers of demo-dev-network (dev), which is not deployed',
      hint: 'Deploy dev first: platformc deploy dev',
    },
    {
      when: 'the output is in another account: that these credentials cannot read it, and the flag that can',
      devAccount: '222222222222',
      message: 'needs output NameServers of demo-dev-network in account 222222222222 (dev), but deploy runs with the credentials of account 111111111111, which cannot read it',
      hint: 'Pass --outputs-profile dev=<an AWS profile of account 222222222222> so deploy reads it with that profile.',
    },
  ])('DEPLOY017 when $when', async ({ devAccount, message, hint }) => {
    fixture = createFixture([demoEnv({ account: devAccount }), edgeEnv()]);
    const run = await deploy(fixture, { endpointUrl: proxy.url, yes: true, env: 'edge' });
    expect(run.code).toBe(1);
    const dns = run.report.stacks.find((s) => s.stack === 'dns');
    expect(dns?.error).toMatchObject({ code: 'DEPLOY017', hint });
    expect(dns?.error?.message).toContain(message);
  });

  it('reads an output in another account with the profile given for that environment', async () => {
    fixture = createFixture([demoEnv({ account: '222222222222' }), edgeEnv()]);
    const credentials = join(fixture.cwd, 'aws-credentials');
    writeFileSync(credentials, '[dev-account]\naws_access_key_id = AKIDDEVACCOUNT\naws_secret_access_key = secret\n');
    // Account 222222222222 as the proxy plays it: only requests signed with the profile's key see its stack.
    proxy.rules = [{
      action: 'DescribeStacks',
      when: (p, headers) => p.get('StackName') === `${PLATFORM}-dev-network` && String(headers.authorization).includes('Credential=AKIDDEVACCOUNT/'),
      handle: async () => queryResult('DescribeStacks', `<Stacks><member><StackName>${PLATFORM}-dev-network</StackName><StackId>arn:aws:cloudformation:us-east-1:222222222222:stack/${PLATFORM}-dev-network/1</StackId><StackStatus>CREATE_COMPLETE</StackStatus><CreationTime>2026-01-01T00:00:00Z</CreationTime><Outputs><member><OutputKey>NameServers</OutputKey><OutputValue>ns-7.example.net</OutputValue></member></Outputs></member></Stacks>`),
    }];
    const run = await deploy(fixture, {
      endpointUrl: proxy.url, yes: true, env: 'edge', outputsProfile: { dev: 'dev-account' },
      extraEnv: { AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: join(fixture.cwd, 'no-aws-config') },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(await describeStackXml(`${PLATFORM}-edge-dns`)).toContain('<ParameterValue>ns-7.example.net</ParameterValue>');
  });
});

describe('tags and empty change sets', () => {
  it('sends the manifest tags, and deletes a change set CloudFormation finds empty, reporting the stack unchanged', async () => {
    fixture = createFixture([demoEnv()]);
    expect((await deploy(fixture, { endpointUrl: proxy.url, yes: true })).code).toBe(0);
    expect(await describeStackXml(`${PLATFORM}-dev-logging`)).toContain('<Key>platformc:stack</Key><Value>logging</Value>');

    // Only a tag differs: deploy makes a change set, and moto (comparing template and parameters) finds it empty.
    const path = join(fixture.generatedDir, PLATFORM, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { environments: { stacks: { name: string; tags: Record<string, string> }[] }[] };
    for (const s of manifest.environments[0]?.stacks ?? []) if (s.name === 'logging') s.tags.owner = 'platform-team';
    writeFileSync(path, JSON.stringify(manifest));
    proxy.reset();
    const run = await deploy(fixture, { endpointUrl: proxy.url, yes: true });
    expect(run.code).toBe(0);
    expect(run.report.stacks.find((s) => s.stack === 'logging')?.result).toBe('unchanged');
    expect(proxy.count('CreateChangeSet')).toBe(1);
    expect(proxy.count('DeleteChangeSet')).toBe(1);
    expect(proxy.count('ExecuteChangeSet')).toBe(0);
  });
});
