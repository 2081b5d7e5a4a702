import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandDns } from '../../../compiler/expand/dns.js';
import { quoteTxt } from '../../../compiler/expand/dns-records.js';
import type { RecordSpec, RoutingPolicy } from '../../../compiler/model/spec.js';
import { cfnLint, envOf, expectGolden, platformOf, templateOf } from '../logging/helpers.js';

const here = import.meta.dirname;

/** One small record per routing policy; prod is the routing home, dr is another environment, plus literals. */
const FIXTURES: Readonly<Record<RoutingPolicy, RecordSpec>> = {
  simple: { name: 'www.example.com', type: 'A', policy: 'simple', target: { env: 'prod' } },
  weighted: {
    name: 'api.example.com', type: 'A', policy: 'weighted',
    targets: [{ env: 'prod', weight: 90, healthCheck: { port: 443, protocol: 'HTTPS', path: '/health' } }, { env: 'dr', weight: 10 }],
  },
  latency: { name: 'fast.example.com', type: 'A', policy: 'latency', targets: [{ env: 'prod' }, { env: 'dr', region: 'us-west-2' }] },
  failover: {
    name: 'cloudstack.example.com', type: 'A', policy: 'failover', primary: 'prod', secondary: 'dr',
    healthCheck: { port: 8080, path: '/client/', requestInterval: 10, failureThreshold: 2 },
  },
  geolocation: {
    name: 'geo.example.com', type: 'A', policy: 'geolocation',
    targets: [
      { env: 'prod', location: { continent: 'NA' } },
      { env: 'dr', location: { country: 'US', subdivision: 'CA' } },
      { value: '198.51.100.7', location: { country: 'DE' } },
      { env: 'prod', location: '*' },
    ],
  },
  geoproximity: {
    name: 'near.example.com', type: 'A', policy: 'geoproximity',
    targets: [{ env: 'prod', bias: 25 }, { env: 'dr', coordinates: { latitude: '45.52', longitude: '-122.68' }, bias: -10 }],
  },
  multivalue: {
    name: 'many.example.com', type: 'A', policy: 'multivalue',
    targets: [{ env: 'prod', healthCheck: { port: 22, protocol: 'TCP' } }, { env: 'dr' }, { value: '203.0.113.9' }],
  },
  'ip-based': {
    name: 'edge.example.com', type: 'A', policy: 'ip-based',
    targets: [{ env: 'prod', cidrs: ['192.0.2.0/24', '198.51.100.0/24'] }, { env: 'dr', cidrs: ['203.0.113.0/24'] }, { env: 'prod' }],
  },
};

function expand(records: readonly RecordSpec[], home = 'prod') {
  const platform = platformOf({ routing: { zone: 'example.com', home, records } });
  return expandDns({ platform, env: envOf(platform, home) });
}

describe('dns expander', () => {
  it.each(Object.entries(FIXTURES))('%s: matches its golden template and cfn-lint reports nothing', (policy, record) => {
    const template = templateOf(expand([record]), 'dns');
    expectGolden(join(here, `dns-${policy}.golden.json`), template);
    expect(cfnLint(template, 'us-east-1')).toEqual([]);
  });

  it('produces nothing outside the routing home environment', () => {
    const platform = platformOf({ routing: { zone: 'example.com', home: 'prod', records: [FIXTURES.simple] } });
    expect(expandDns({ platform, env: envOf(platform, 'dev') })).toEqual([]);
  });

  it('takes other environments from parameters filled from their hosts stack output, never ImportValue', () => {
    const [fragment] = expand(Object.values(FIXTURES));
    expect(fragment!.parameters!.map((parameter) => [parameter.name, parameter.fromOutput])).toEqual([
      ['RouterPublicIpDr', { env: 'dr', stack: 'hosts', output: 'RouterPublicIp' }],
    ]);
    expect(JSON.stringify(fragment!.resources)).not.toContain('Fn::ImportValue');
  });

  it('refers to the home environment router through a cross-stack marker', () => {
    const [fragment] = expand([FIXTURES.simple]);
    const record = fragment!.resources.find((r) => r.resource.Type === 'AWS::Route53::RecordSet');
    expect(record!.resource.Properties!['ResourceRecords']).toEqual([
      { 'platformc::Ref': { logicalId: 'RouterEip', attribute: 'PublicIp' } },
    ]);
  });

  it('puts the health check on the failover primary only', () => {
    const template = templateOf(expand([FIXTURES.failover]), 'dns');
    const records = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Route53::RecordSet');
    expect(records.map((r) => [r.Properties!['Failover'], 'HealthCheckId' in r.Properties!])).toEqual([
      ['PRIMARY', true],
      ['SECONDARY', false],
    ]);
  });

  it('gives every resource an origin inside routing', () => {
    const [fragment] = expand(Object.values(FIXTURES));
    for (const resource of fragment!.resources) expect(resource.origin[0]).toBe('routing');
  });

  it('treats spec records of one name and type as one set: one CIDR collection, distinct identifiers', () => {
    const records: RecordSpec[] = [
      { name: 'edge.example.com', type: 'A', policy: 'ip-based', targets: [{ env: 'prod', cidrs: ['192.0.2.0/24'] }] },
      { name: 'edge.example.com', type: 'A', policy: 'ip-based', targets: [{ env: 'prod', cidrs: ['198.51.100.0/24'] }, { env: 'dr' }] },
    ];
    const template = templateOf(expand(records), 'dns');
    const resources = Object.values(template.Resources);
    const collections = resources.filter((r) => r.Type === 'AWS::Route53::CidrCollection');
    expect(collections.map((c) => c.Properties!['Locations'])).toEqual([
      [{ LocationName: 'prod', CidrList: ['192.0.2.0/24'] }, { LocationName: 'prod-2', CidrList: ['198.51.100.0/24'] }],
    ]);
    const sets = resources.filter((r) => r.Type === 'AWS::Route53::RecordSet').map((r) => r.Properties!['SetIdentifier']);
    expect(sets).toEqual(['prod', 'prod-2', 'dr']);
    expect(cfnLint(template, 'us-east-1')).toEqual([]);
  });

  it('names a wildcard record as written, with a logical id of its own beside the apex record', () => {
    const records: RecordSpec[] = [
      { name: '*.apps.example.com', type: 'A', policy: 'simple', target: { value: '192.0.2.1' } },
      { name: 'apps.example.com', type: 'A', policy: 'simple', target: { value: '192.0.2.2' } },
    ];
    const template = templateOf(expand(records), 'dns');
    const names = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Route53::RecordSet').map(([id, r]) => [id, r.Properties!['Name']]);
    expect(names).toEqual([['RecordWildcardAppsExampleComA', '*.apps.example.com'], ['RecordAppsExampleComA', 'apps.example.com']]);
    expect(cfnLint(template, 'us-east-1')).toEqual([]);
  });

  it('writes TXT data quoted, backslashes escaped, a long value (a DKIM key) as strings of at most 255 characters', () => {
    const dkim = `v=DKIM1; k=rsa; p=${'A'.repeat(390)}`;
    const records: RecordSpec[] = [
      { name: 'sel._domainkey.example.com', type: 'TXT', policy: 'simple', target: { value: dkim } },
      { name: 'spf.example.com', type: 'TXT', policy: 'simple', target: { value: 'v=spf1 a:mail\\.example ~all' } },
      { name: 'pre.example.com', type: 'TXT', policy: 'simple', target: { value: '"already" "quoted"' } },
    ];
    const template = templateOf(expand(records), 'dns');
    const data = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Route53::RecordSet').map((r) => (r.Properties!['ResourceRecords'] as string[])[0]);
    expect(data[0]).toBe(`${JSON.stringify(dkim.slice(0, 255))} ${JSON.stringify(dkim.slice(255))}`);
    // Joined again as a resolver does, the strings give back the value.
    expect((data[0] ?? '').match(/"(?:[^"\\]|\\.)*"/g)?.map((part) => JSON.parse(part) as string).join('')).toBe(dkim);
    expect(data[1]).toBe('"v=spf1 a:mail\\\\.example ~all"');
    expect(data[2]).toBe('"already" "quoted"');
    expect(quoteTxt('')).toBe('""');
    expect(cfnLint(template, 'us-east-1')).toEqual([]);
  });

  it('keeps logical ids unique when record names collide after PascalCase', () => {
    const records: RecordSpec[] = [
      { name: 'a-b.example.com', type: 'A', policy: 'simple', target: { value: '192.0.2.1' } },
      { name: 'a.b.example.com', type: 'A', policy: 'simple', target: { value: '192.0.2.2' } },
    ];
    const ids = expand(records)[0]!.resources.map((r) => r.logicalId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
