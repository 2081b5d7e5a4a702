/**
 * The rules behind --prune, as tables: which deployed stacks are an environment's left-overs, what a left-over
 * holds, and the order in which they can be deleted without CloudFormation refusing an export still in use.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeployedStack } from '../../compiler/deploy/aws-api.js';
import { belongsTo, describeLeftover, pruneOrder, type LeftoverStack } from '../../compiler/deploy/leftover-stacks.js';
import { leftoverLines } from '../../compiler/deploy/prune.js';

const tags = (platform: string, env: string): Record<string, string> => ({ 'platformc:platform': platform, 'platformc:environment': env });

describe('belongsTo', () => {
  it.each([
    ['cloudstack-dev-hosts-2', tags('cloudstack', 'dev'), true],
    ['cloudstack-dev-hosts-2', tags('cloudstack', 'prod'), false],
    ['cloudstack-dev-hosts-2', {}, false],
    ['cloudstack-dev-hosts-2', { 'platformc:platform': 'cloudstack' }, false],
    // The same name from platform "cloudstack-dev", environment "hosts": the tags tell them apart.
    ['cloudstack-dev-hosts-2', tags('cloudstack-dev', 'hosts'), false],
    // Tagged as ours but named otherwise (renamed by hand, or not made by platformc): left alone.
    ['other-dev-hosts', tags('cloudstack', 'dev'), false],
  ])('%s with %j: %s', (stackName, stackTags, expected) => {
    expect(belongsTo({ stackName, tags: stackTags }, 'cloudstack', 'dev')).toBe(expected);
  });
});

const deployed = (stackName: string): DeployedStack => ({
  stackId: `arn:aws:cloudformation:us-east-1:111122223333:stack/${stackName}/1`,
  stackName,
  status: 'UPDATE_COMPLETE',
  parameters: [],
  tags: tags('p', 'dev'),
  outputs: [],
  terminationProtection: true,
});

describe('describeLeftover', () => {
  it('counts resources, names those deleted with their data, and reads literal exports and imports', () => {
    const template = {
      Resources: {
        Hypervisor51Instance: { Type: 'AWS::EC2::Instance', Properties: { SubnetId: { 'Fn::ImportValue': 'p-dev-network-HostSubnet' } } },
        Archive: { Type: 'AWS::S3::Bucket', DeletionPolicy: 'Retain' },
        Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-x' } } } },
      },
      Outputs: {
        Id: { Value: { Ref: 'Hypervisor51Instance' }, Export: { Name: 'p-dev-hosts-2-Hypervisor51Instance' } },
        Computed: { Value: 'x', Export: { Name: { 'Fn::Sub': '${AWS::StackName}-Computed' } } },
      },
    };
    expect(describeLeftover(deployed('p-dev-hosts-2'), JSON.stringify(template))).toEqual({
      stackName: 'p-dev-hosts-2',
      stackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/p-dev-hosts-2/1',
      status: 'UPDATE_COMPLETE',
      terminationProtection: true,
      resources: 3,
      deletions: [{ logicalId: 'Hypervisor51Instance', type: 'AWS::EC2::Instance', state: expect.any(String) }],
      exports: ['p-dev-hosts-2-Hypervisor51Instance'],
      imports: ['p-dev-network-HostSubnet'],
      rollingRounds: 1,
    });
  });

  it('counts the rounds a rolling batch deletes its hypervisors in, so the deletion is waited for that long', () => {
    const rolling = { H1: { Type: 'AWS::EC2::Instance' }, H2: { Type: 'AWS::EC2::Instance', DependsOn: ['H1'] }, H3: { Type: 'AWS::EC2::Instance', DependsOn: 'H2' } };
    expect(describeLeftover(deployed('p-dev-hosts-2'), JSON.stringify({ Resources: rolling })).rollingRounds).toBe(3);
  });

  it('a template that is not JSON leaves the resources unknown', () => {
    const described = describeLeftover(deployed('p-dev-old'), 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n');
    expect(described.resources).toBeUndefined();
    expect(described.deletions).toEqual([]);
  });
});

const leftover = (stackName: string, io: { exports?: string[]; imports?: string[] } = {}): LeftoverStack => ({
  stackName,
  stackId: stackName,
  status: 'UPDATE_COMPLETE',
  terminationProtection: false,
  resources: 1,
  deletions: [],
  exports: io.exports ?? [],
  imports: io.imports ?? [],
  rollingRounds: 1,
});

const names = (order: ReturnType<typeof pruneOrder>): { first: string[]; last: string[] } => ({
  first: order.first.map((l) => l.stackName),
  last: order.last.map((l) => l.stackName),
});

describe('pruneOrder', () => {
  it.each<[string, LeftoverStack[], string[], { first: string[]; last: string[] }]>([
    ['nothing imports from them: all first, in the order found', [leftover('b'), leftover('a')], [], { first: ['b', 'a'], last: [] }],
    ['a kept stack imports from one: that one last', [leftover('a', { exports: ['A'] }), leftover('b')], ['A'], { first: ['b'], last: ['a'] }],
    ['importers before what they import from', [leftover('a', { exports: ['A'] }), leftover('b', { imports: ['A'] })], [], { first: ['b', 'a'], last: [] }],
    [
      'a stack a late one imports from waits too',
      [leftover('a', { exports: ['A'] }), leftover('b', { exports: ['B'], imports: ['A'] })],
      ['B'],
      { first: [], last: ['b', 'a'] },
    ],
    [
      'and so on down the chain',
      [leftover('c', { exports: ['C'] }), leftover('b', { exports: ['B'], imports: ['C'] }), leftover('a', { exports: ['A'], imports: ['B'] })],
      ['A'],
      { first: [], last: ['a', 'b', 'c'] },
    ],
    ['an import of an export nobody left over has changes nothing', [leftover('a', { imports: ['X'] })], ['X'], { first: ['a'], last: [] }],
  ])('%s', (_, leftovers, keptImports, expected) => {
    expect(names(pruneOrder(leftovers, new Set(keptImports)))).toEqual(expected);
  });
});

describe('leftoverLines', () => {
  const hosts2: LeftoverStack = {
    ...leftover('p-dev-hosts-2'),
    resources: 12,
    terminationProtection: true,
    deletions: [{ logicalId: 'Hypervisor51Instance', type: 'AWS::EC2::Instance', state: 'disks' }],
  };
  it.each([
    [{ prune: false, last: new Set<string>(), othersDeploy: true }, 'p-dev-hosts-2 (UPDATE_COMPLETE): 12 resources, 1 with data (Hypervisor51Instance); kept; deploy with --prune to delete it'],
    [{ prune: true, last: new Set<string>(), othersDeploy: true }, 'p-dev-hosts-2 (UPDATE_COMPLETE): 12 resources, 1 with data (Hypervisor51Instance); deleted by --prune before the other stacks deploy, termination protection lifted'],
    [
      { prune: true, last: new Set(['p-dev-hosts-2']), othersDeploy: true },
      'p-dev-hosts-2 (UPDATE_COMPLETE): 12 resources, 1 with data (Hypervisor51Instance); deleted by --prune after the other stacks deploy (a stack still imports from it), termination protection lifted',
    ],
    // An environment removed from the spec: nothing else deploys, so there is no before or after.
    [{ prune: true, last: new Set<string>(), othersDeploy: false }, 'p-dev-hosts-2 (UPDATE_COMPLETE): 12 resources, 1 with data (Hypervisor51Instance); deleted by --prune, termination protection lifted'],
  ])('%j', (options, line) => {
    expect(leftoverLines([hosts2], options)).toEqual([line]);
  });
});

describe('pruneOrder, as a property', () => {
  // Random acyclic import graphs: stack i may import exports of stacks before it in the list; kept stacks (as
  // deployed now) import a random set of exports, and stop importing them once they are updated.
  const graphs = fc
    .integer({ min: 1, max: 7 })
    .chain((n) =>
      fc.record({
        imports: fc.tuple(...Array.from({ length: n }, (_, i) => fc.subarray(Array.from({ length: i }, (_, j) => j)))),
        kept: fc.subarray(Array.from({ length: n }, (_, j) => j)),
        names: fc.shuffledSubarray(Array.from({ length: n }, (_, j) => `s${j}`), { minLength: n, maxLength: n }),
      }),
    );

  it('never deletes a stack while a stack not yet deleted, or a kept one not yet updated, imports from it', () => {
    fc.assert(
      fc.property(graphs, ({ imports, kept, names }) => {
        const stacks = imports.map((from, i) => leftover(names[i] as string, { exports: [`E${i}`], imports: from.map((j) => `E${j}`) }));
        const order = pruneOrder(stacks, new Set(kept.map((j) => `E${j}`)));
        expect([...order.first, ...order.last].map((l) => l.stackName).sort()).toEqual([...names].sort());
        const remaining = new Set([...order.first, ...order.last]);
        const check = (group: readonly LeftoverStack[], keptImports: ReadonlySet<string>): void => {
          for (const gone of group) {
            remaining.delete(gone);
            for (const name of gone.exports) {
              expect(keptImports.has(name), `${gone.stackName} deleted while a kept stack imports ${name}`).toBe(false);
              expect([...remaining].some((other) => other.imports.includes(name)), `${gone.stackName} deleted while a left-over stack imports ${name}`).toBe(false);
            }
          }
        };
        check(order.first, new Set(kept.map((j) => `E${j}`)));
        // The kept stacks are updated between the two groups: they import nothing of the left-over stacks then.
        check(order.last, new Set());
      }),
      { numRuns: 300 },
    );
  });
});
