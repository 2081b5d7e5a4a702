import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../compiler/assemble/assemble.js';
import { canonicalJson, canonicalJsonByWriter } from '../../compiler/emit/canonical-json.js';
import { contentHash, emitPlatform } from '../../compiler/emit/emit.js';
import type { Manifest } from '../../compiler/emit/manifest.js';
import { refTo } from '../../compiler/expand/shared/refs.js';
import { environment, fragment, locate, platform, resource } from './builders.js';

describe('canonicalJson', () => {
  it('orders template sections and resource attributes canonically and sorts other keys', () => {
    const text = canonicalJson({
      Resources: { B: { Properties: { Zeta: 1, Alpha: [3, 1, 2] }, DependsOn: ['A'], Type: 'AWS::S3::Bucket' }, A: { Type: 'AWS::SNS::Topic' } },
      Outputs: { O: { Export: { Name: 'x' }, Value: 'v', Description: 'd' } },
      Parameters: { P: { Default: 'a', Type: 'String', Description: 'p' } },
      Description: 'demo',
      AWSTemplateFormatVersion: '2010-09-09',
    });
    expect(text).toBe(`{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Description": "demo",
  "Parameters": {
    "P": {
      "Type": "String",
      "Description": "p",
      "Default": "a"
    }
  },
  "Resources": {
    "A": {
      "Type": "AWS::SNS::Topic"
    },
    "B": {
      "Type": "AWS::S3::Bucket",
      "DependsOn": [
        "A"
      ],
      "Properties": {
        "Alpha": [
          3,
          1,
          2
        ],
        "Zeta": 1
      }
    }
  },
  "Outputs": {
    "O": {
      "Description": "d",
      "Value": "v",
      "Export": {
        "Name": "x"
      }
    }
  }
}
`);
  });

  it('writes policy documents and statements in their conventional order', () => {
    const text = canonicalJson({ Statement: [{ Resource: '*', Action: 's3:GetObject', Effect: 'Allow', Sid: 'Read' }], Version: '2012-10-17' });
    expect(JSON.stringify(JSON.parse(text))).toBe('{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}');
  });

  it('does not depend on the order keys were inserted in', () => {
    const a = { x: { b: 1, a: [{ d: 1, c: 2 }] }, w: null };
    const b = { w: null, x: { a: [{ c: 2, d: 1 }], b: 1 } };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });
});

describe('emitPlatform', () => {
  const dev = environment('dev');
  const prod = environment('prod', { account: '444455556666', region: 'us-east-1', protect: true });
  const fragments = (env: string) => [
    fragment('network', [resource('HostSubnet', 'AWS::EC2::Subnet')]),
    fragment('hosts', [resource('Router', 'AWS::EC2::Instance', { SubnetId: refTo('HostSubnet'), ImageId: { Ref: 'ImageId' } })], {
      parameters: [
        { name: 'ImageId', definition: { Type: 'String' }, value: `ami-${env}`, origin: ['hosts', 'image'] },
        { name: 'Api', definition: { Type: 'String' }, value: 'x', origin: ['routing'], fromOutput: { env: 'prod', stack: 'hosts', output: 'RouterIp' } },
      ],
    }),
  ];
  const p = platform([dev, prod], { owner: 'team', 'cost-center': '4711' });
  const { stacks } = assemble(p, { fragments: new Map([['dev', fragments('dev')], ['prod', fragments('prod')]]), locate });
  const files = emitPlatform(p, stacks);
  const byPath = new Map(files.map((f) => [f.path, f.content]));

  it('writes a template, a parameter file and a source map per stack and one manifest', () => {
    expect(files.map((f) => f.path)).toEqual([
      'demo/dev/hosts.parameters.json', 'demo/dev/hosts.sourcemap.json', 'demo/dev/hosts.template.json',
      'demo/dev/network.parameters.json', 'demo/dev/network.sourcemap.json', 'demo/dev/network.template.json',
      'demo/manifest.json',
      'demo/prod/hosts.parameters.json', 'demo/prod/hosts.sourcemap.json', 'demo/prod/hosts.template.json',
      'demo/prod/network.parameters.json', 'demo/prod/network.sourcemap.json', 'demo/prod/network.template.json',
    ]);
    for (const f of files) expect(f.content.endsWith('}\n') || f.content.endsWith(']\n')).toBe(true);
  });

  it('writes parameter files in the CloudFormation CLI form, sorted by key', () => {
    expect(JSON.parse(byPath.get('demo/prod/hosts.parameters.json') ?? '')).toEqual([
      { ParameterKey: 'Api', ParameterValue: 'x' },
      { ParameterKey: 'ImageId', ParameterValue: 'ami-prod' },
    ]);
    expect(byPath.get('demo/dev/network.parameters.json')).toBe('[]\n');
  });

  it('writes a manifest with deploy order, tags, protection, hashes and cross-environment parameters', () => {
    const manifest = JSON.parse(byPath.get('demo/manifest.json') ?? '') as Manifest;
    expect(manifest.spec).toBe('specs/demo.platform.yaml');
    const prodEnv = manifest.environments.find((e) => e.name === 'prod');
    expect(prodEnv).toMatchObject({ account: '444455556666', region: 'us-east-1', protect: true, boundaryPolicyName: 'demo-prod-boundary' });
    expect(prodEnv?.stacks.map((s) => [s.name, s.stackName, s.dependsOn, s.terminationProtection])).toEqual([
      ['network', 'demo-prod-network', [], true],
      ['hosts', 'demo-prod-hosts', ['network'], true],
    ]);
    const hosts = prodEnv?.stacks[1];
    expect(hosts?.tags).toEqual({ 'cost-center': '4711', owner: 'team', 'platformc:environment': 'prod', 'platformc:platform': 'demo' });
    expect(hosts?.template).toBe('prod/hosts.template.json');
    expect(hosts?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(hosts?.crossEnvironmentParameters).toEqual([{ parameter: 'Api', env: 'prod', stack: 'hosts', output: 'RouterIp' }]);
    const devHosts = manifest.environments.find((e) => e.name === 'dev')?.stacks[1];
    expect(devHosts?.contentHash).not.toBe(hosts?.contentHash);
  });

  it('writes no absolute paths and no timestamps', () => {
    for (const f of files) {
      expect(f.content).not.toContain(process.cwd());
      expect(f.content).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    }
  });
});

describe('canonicalJson matches JSON.stringify apart from key order', () => {
  it('escapes, numbers, empty containers and undefined exactly as JSON.stringify does', () => {
    const value = { b: 'x\u2028y', a: ['\ud800', '"q"', 'tab\t', 'back\\slash', 1.5e300, -0, 0.1, null, true, { x: {}, y: [], z: undefined }], '10': {}, '2': 1 };
    const text = canonicalJson(value);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
    expect(text).toBe(`${JSON.stringify({ '10': {}, '2': 1, a: value.a, b: value.b }, null, 2).replace('"2": 1,\n  "10": {}', '"10": {},\n  "2": 1')}\n`);
  });
});

describe('canonicalJson fast path', () => {
  // Keys drawn so that objects often carry template sections, resource attributes and policy keys, in any order.
  const key = fc.oneof(fc.constantFrom('Type', 'Properties', 'Resources', 'AWSTemplateFormatVersion', 'Statement', 'Version', 'Effect', 'Action', 'Sid', 'a', 'B', '_'), fc.string({ maxLength: 4 }));
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.dictionary(key, fc.oneof(tie('value'), fc.constant(undefined)), { maxKeys: 6 }),
  })).value;

  it('writes exactly what the reference writer writes, for any value', () => {
    fc.assert(fc.property(json, (value) => {
      expect(canonicalJson(value)).toBe(canonicalJsonByWriter(value));
    }), { numRuns: 500 });
  });

  // Objects already in canonical order are written without a copy; these sit on the edge of "already in order".
  it.each([
    ['leading keys in order, others sorted', { Type: 'T', Properties: { a: 1, b: 2 }, DeletionPolicy: 'Retain', Zeta: 1 }],
    ['leading keys out of order', { Properties: {}, Type: 'T' }],
    ['another key before a leading key', { Type: 'T', Alpha: 1, Properties: {} }],
    ['statement in conventional order', { Effect: 'Allow', Action: 'x:Y', Resource: '*', Condition: { b: 1, a: 2 } }],
    ['statement with an unknown key first', { Aaa: 1, Effect: 'Allow', Action: 'x:Y' }],
    ['plain keys in code-unit order, upper case first', { B: 1, a: 2, b: 3 }],
    ['plain keys out of order', { b: 1, B: 2 }],
  ])('%s: the same text as the reference writer', (_name, value) => {
    const template = { AWSTemplateFormatVersion: '2010-09-09', Resources: { R: value } };
    expect(canonicalJson(value)).toBe(canonicalJsonByWriter(value));
    expect(canonicalJson(template)).toBe(canonicalJsonByWriter(template));
  });
  // Where an object sits decides its order (a resource's attributes), also below arrays, whose levels do not count.
  const shared = { Properties: {}, Type: 'T' };
  it.each([
    ['a resource inside an array', { Resources: { X: [{ Properties: {}, Type: 'T' }] } }],
    ['a template inside an array', [{ Resources: { X: { Properties: {}, Type: 'T' } }, AWSTemplateFormatVersion: 'v' }]],
    ['a section that is an array', { Resources: [{ Properties: {}, Type: 'T' }] }],
    ['one object as a resource and elsewhere', { Resources: { A: shared }, Other: { B: shared }, Outputs: { C: shared } }],
    ['one section object in two sections', { Resources: { S: { Value: 1, Description: 'd', Type: 't' } }, Outputs: { S: { Value: 1, Description: 'd', Type: 't' } } }],
    ['a "__proto__" key', JSON.parse('{"b": 1, "__proto__": {"y": 1, "x": 2}, "a": 3}') as unknown],
    ['integer-like keys deep down', { Resources: { X: { Type: 'T', Properties: { b: 1, '10': 2, '9': 3 } } } }],
    ['an integer-like key too large for an array index', { b: 1, '4294967295': 2, a: 3, '4294967296': 4 }],
  ])('%s: the same text as the reference writer', (_name, value) => {
    expect(canonicalJson(value)).toBe(canonicalJsonByWriter(value));
  });
});

describe('contentHash', () => {
  // The hash is of the UTF-8 bytes, whichever way the text is handed to it (ASCII goes the cheaper way).
  it.each([
    ['ASCII', '{\n  "a": "b"\n}\n'],
    ['Latin-1 range', '{ "name": "caf\u00e9" }'],
    ['other BMP characters', '{ "name": "\u6771\u4eac" }'],
    ['an astral character', '{ "name": "\ud83d\ude80" }'],
    ['a lone surrogate', '{ "name": "\ud800" }'],
  ])('%s: the SHA-256 of the stack name, the UTF-8 bytes of template and parameters, and the tags', (_name, template) => {
    const tags = { b: '2', a: '1' };
    const expected = createHash('sha256')
      .update(Buffer.from(`demo-dev-hosts\n${template}[]\n${canonicalJson(tags)}`, 'utf8'))
      .digest('hex');
    expect(contentHash({ stackName: 'demo-dev-hosts', template, parameters: '[]\n', tags })).toBe(expected);
  });
});
