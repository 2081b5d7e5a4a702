import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffStacks } from '../../compiler/diff/diff-stacks.js';
import type { PlatformDiff, StackInput } from '../../compiler/diff/model.js';
import type { CfnResource, Json, JsonObject } from '../../compiler/model/cfn.js';
import { stableKey } from '../../compiler/diff/deep-diff.js';
import { allow, policy, resource, stack, template } from './builders.js';

const cidr = fc.constantFrom('10.0.0.0/16', '10.0.1.0/24', '0.0.0.0/0', '192.0.2.0/24');
const action = fc.constantFrom('s3:GetObject', 's3:PutObject', 'ec2:Describe*', 'logs:PutLogEvents', '*');
const leaf: fc.Arbitrary<Json> = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: 0, max: 9 }), fc.boolean());
const properties: fc.Arbitrary<JsonObject> = fc.dictionary(fc.constantFrom('A', 'B', 'C', 'Tags', 'Statement'), fc.oneof(leaf, fc.array(leaf, { maxLength: 3 })), { maxKeys: 3 });

const anyResource: fc.Arbitrary<CfnResource> = fc.oneof(
  properties.map((p) => resource('AWS::Test::Thing', p)),
  fc.array(fc.tuple(action, fc.constantFrom('*', 'arn:aws:s3:::b/*')), { maxLength: 3 }).map((s) =>
    resource('AWS::IAM::ManagedPolicy', { PolicyDocument: policy(...s.map(([a, r]) => allow(a, r))) })),
  fc.array(fc.tuple(cidr, fc.integer({ min: 22, max: 25 })), { maxLength: 3 }).map((rules) =>
    resource('AWS::EC2::SecurityGroup', { GroupDescription: 'x', SecurityGroupIngress: rules.map(([c, p]) => ({ IpProtocol: 'tcp', FromPort: p, ToPort: p, CidrIp: c })) })),
  cidr.map((c) => resource('AWS::EC2::Subnet', { CidrBlock: c, VpcId: { Ref: 'R0' } })),
);

const stacks: fc.Arbitrary<StackInput[]> = fc
  .array(
    fc.tuple(
      fc.constantFrom('iam', 'network', 'hosts'),
      fc.dictionary(fc.constantFrom('R0', 'R1', 'R2', 'R3'), anyResource, { maxKeys: 4 }),
      fc.dictionary(fc.constantFrom('ImageId', 'ClientCidr1'), fc.constantFrom('a', 'b', '10.0.0.0/16'), { maxKeys: 2 }),
      fc.dictionary(fc.constantFrom('O1', 'O2'), leaf, { maxKeys: 2 }),
    ),
    { maxLength: 3 },
  )
  .map((list) => {
    const seen = new Set<string>();
    return list.filter(([name]) => !seen.has(name) && seen.add(name)).map(([name, resources, parameters, outputs]) =>
      stack(template(resources, { Outputs: Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { Value: v }])) }), { stack: name, parameters }));
  });

/** The part of a diff the swap law speaks about, in an order-independent form. */
function changes(d: PlatformDiff, swap: boolean): string[] {
  const flip = (kind: string) => (swap ? ({ added: 'removed', removed: 'added' } as Record<string, string>)[kind] ?? kind : kind);
  return d.stacks.flatMap((s) => [
    `stack ${s.stack} ${flip(s.kind)}`,
    ...s.resources.flatMap((r) => [
      `resource ${s.stack}/${r.logicalId} ${flip(r.kind)}`,
      ...r.changes.map((c) => `change ${s.stack}/${r.logicalId} ${flip(c.kind)} ${stableKey(swap ? c.new : c.old)} -> ${stableKey(swap ? c.old : c.new)}`),
    ]),
    ...[...s.parameters, ...s.outputs].map((p) => `named ${s.stack}/${p.name} ${flip(p.kind)} ${stableKey(swap ? p.new : p.old)} -> ${stableKey(swap ? p.old : p.new)}`),
  ]).sort();
}

describe('diff laws', () => {
  it('diff(a, a) is empty', () => {
    fc.assert(fc.property(stacks, (a) => {
      const d = diffStacks(a, a);
      expect(d.stacks).toEqual([]);
      expect(d.broadening).toBe(false);
      expect(d.environments.every((e) => e.added + e.modified + e.removed + e.replacements === 0)).toBe(true);
    }));
  });

  it('diff(b, a) swaps the additions and removals (and old/new values) of diff(a, b)', () => {
    fc.assert(fc.property(stacks, stacks, (a, b) => {
      expect(changes(diffStacks(b, a), false)).toEqual(changes(diffStacks(a, b), true));
    }));
  });

  it('reordering statements and security group rules is no change', () => {
    const reorder = (value: Json): Json => {
      if (Array.isArray(value)) return value.map(reorder);
      if (typeof value !== 'object' || value === null) return value;
      return Object.fromEntries(Object.entries(value as JsonObject).map(([k, v]) =>
        [k, (k === 'Statement' || k === 'SecurityGroupIngress') && Array.isArray(v) ? [...v].reverse().map(reorder) : reorder(v)]));
    };
    fc.assert(fc.property(stacks, (a) => {
      const b = a.map((s) => ({ ...s, template: reorder(s.template as unknown as Json) as unknown as StackInput['template'] }));
      expect(diffStacks(a, b).stacks).toEqual([]);
    }));
  });
});
