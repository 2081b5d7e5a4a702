import { describe, expect, it } from 'vitest';
import { changeCauses } from '../../compiler/deploy/change-causes.js';

describe('change causes from a change set', () => {
  it.each([
    ['a property changed in the template', [{ Target: { Attribute: 'Properties', Name: 'UserData' }, ChangeSource: 'DirectModification' }], ['UserData']],
    ['a parameter whose value changed (a new AMI in SSM)', [{ Target: { Attribute: 'Properties', Name: 'ImageId' }, ChangeSource: 'ParameterReference', CausingEntity: 'ImageId' }], ['ImageId (parameter ImageId)']],
    ['a replaced resource it refers to', [{ Target: { Attribute: 'Properties', Name: 'SubnetId' }, ChangeSource: 'ResourceReference', CausingEntity: 'HostSubnet' }], ['SubnetId (HostSubnet)']],
    ['the same property twice (static and dynamic evaluation), and tags', [
      { Target: { Attribute: 'Properties', Name: 'ImageId' }, ChangeSource: 'ParameterReference', CausingEntity: 'ImageId' },
      { Target: { Attribute: 'Properties', Name: 'ImageId' }, ChangeSource: 'ParameterReference', CausingEntity: 'ImageId' },
      { Target: { Attribute: 'Tags' }, ChangeSource: 'DirectModification' },
    ], ['ImageId (parameter ImageId)']],
    ['no details at all', undefined, []],
  ] as const)('names %s', (_, details, expected) => {
    expect(changeCauses(details)).toEqual(expected);
  });
});
