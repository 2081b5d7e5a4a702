import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandDns } from '../../../compiler/expand/dns.js';
import type { RecordSpec, RecordTargetSpec, RoutingPolicy } from '../../../compiler/model/spec.js';
import { envOf, platformOf } from '../logging/helpers.js';

const ENVS = ['dev', 'prod', 'dr'] as const;
const POLICIES: readonly RoutingPolicy[] = ['simple', 'weighted', 'latency', 'failover', 'geolocation', 'geoproximity', 'multivalue', 'ip-based'];

const target: fc.Arbitrary<RecordTargetSpec> = fc.oneof(
  fc.record({ env: fc.constantFrom(...ENVS) }),
  fc.record({ value: fc.ipV4() }),
).chain((base) =>
  fc.record({
    weight: fc.integer({ min: 0, max: 255 }),
    bias: fc.integer({ min: -99, max: 99 }),
    cidrs: fc.option(fc.constant(['192.0.2.0/24']), { nil: undefined }),
    healthCheck: fc.option(fc.record({ port: fc.integer({ min: 1, max: 65535 }) }), { nil: undefined }),
  }).map((extra) => ({ ...base, ...extra })),
);

const record: fc.Arbitrary<RecordSpec> = fc
  .record({
    label: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
    policy: fc.constantFrom(...POLICIES),
    targets: fc.array(target, { minLength: 1, maxLength: 8 }),
    primary: fc.constantFrom(...ENVS),
    secondary: fc.constantFrom(...ENVS),
  })
  .map(({ label, policy, targets, primary, secondary }): RecordSpec => {
    const name = `${label}.example.com`;
    if (policy === 'simple') return { name, type: 'A', policy, target: targets[0]! };
    if (policy === 'failover') return { name, type: 'A', policy, primary, secondary, healthCheck: { port: 80 } };
    return { name, type: 'A', policy, targets };
  });

function expand(records: readonly RecordSpec[]) {
  const platform = platformOf({ routing: { zone: 'example.com', home: 'prod', records } });
  return expandDns({ platform, env: envOf(platform, 'prod') });
}

describe('dns expander properties', () => {
  it('unique logical ids, unique set identifiers per name and type, origins in routing, deterministic', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 6 }), (records) => {
        const first = expand(records);
        expect(JSON.stringify(expand(records))).toBe(JSON.stringify(first));
        const resources = first[0]!.resources;
        const ids = resources.map((resource) => resource.logicalId);
        expect(new Set(ids).size).toBe(ids.length);
        const bySet = new Map<string, string[]>();
        for (const resource of resources) {
          expect(resource.origin[0]).toBe('routing');
          if (resource.resource.Type !== 'AWS::Route53::RecordSet') continue;
          const properties = resource.resource.Properties!;
          const key = `${String(properties['Name'])}/${String(properties['Type'])}`;
          bySet.set(key, [...(bySet.get(key) ?? []), String(properties['SetIdentifier'] ?? '')]);
        }
        for (const identifiers of bySet.values()) expect(new Set(identifiers).size).toBe(identifiers.length);
        const parameters = first[0]!.parameters ?? [];
        for (const parameter of parameters) expect(parameter.fromOutput).toMatchObject({ stack: 'hosts', output: 'RouterPublicIp' });
        expect(JSON.stringify(first)).not.toContain('Fn::ImportValue');
      }),
      { numRuns: 200 },
    );
  });
});
