import { describe, expect, it } from 'vitest';
import { policyRefusals } from '../../compiler/deploy/policy-refusals.js';
import { stackPolicy } from '../../compiler/deploy/protect.js';
import type { StackPlan } from '../../compiler/deploy/load-plan.js';

// platformc's own policy for a hosts stack: stateful hosts protected, the security group not.
const policy = JSON.stringify(stackPolicy({ resourceTypes: { Host: 'AWS::EC2::Instance', Group: 'AWS::EC2::SecurityGroup' } } as unknown as StackPlan));

describe('stack policy refusals', () => {
  it.each([
    ['deleting a protected host', { action: 'Remove', logicalId: 'Host', resourceType: 'AWS::EC2::Instance' }, [{ logicalId: 'Host', action: 'Update:Delete' }]],
    ['replacing a protected host', { action: 'Modify', logicalId: 'Host', resourceType: 'AWS::EC2::Instance', replacement: 'True' }, [{ logicalId: 'Host', action: 'Update:Replace' }]],
    ['a host that may be replaced (not certain)', { action: 'Modify', logicalId: 'Host', resourceType: 'AWS::EC2::Instance', replacement: 'Conditional' }, []],
    ['stopping and starting a host', { action: 'Modify', logicalId: 'Host', resourceType: 'AWS::EC2::Instance', replacement: 'False' }, []],
    ['deleting what holds no data', { action: 'Remove', logicalId: 'Group', resourceType: 'AWS::EC2::SecurityGroup' }, []],
    ['adding a host', { action: 'Add', logicalId: 'Host2', resourceType: 'AWS::EC2::Instance' }, []],
  ] as const)('finds %s', (_name, change, expected) => {
    expect(policyRefusals(policy, [change])).toEqual(expected);
  });

  it('reads wildcards and single values as CloudFormation does, and no policy as none', () => {
    const wide = JSON.stringify({ Statement: { Effect: 'Deny', Action: 'Update:*', Resource: 'LogicalResourceId/Hyper*' } });
    const remove = (logicalId: string) => ({ action: 'Remove', logicalId, resourceType: 'AWS::EC2::Instance' });
    expect(policyRefusals(wide, [remove('Hypervisor04Instance'), remove('Router')])).toEqual([{ logicalId: 'Hypervisor04Instance', action: 'Update:Delete' }]);
    expect(policyRefusals(undefined, [remove('Host')])).toEqual([]);
    expect(policyRefusals('not json', [remove('Host')])).toEqual([]);
  });
});
