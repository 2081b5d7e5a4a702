/**
 * cfn-lint's enum findings list every allowed value; platformc condenses long lists to their size and the closest
 * value. The messages below are cfn-lint's own shapes (instance types, IAM actions, short enums).
 */
import { describe, expect, it } from 'vitest';
import { condenseLintMessage } from '../../compiler/lint/condense-message.js';

const list = (items: readonly string[]): string => `[${items.map((i) => `'${i}'`).join(', ')}]`;
const TYPES = ['c5.large', 'c5.metal', 'c5n.large', 'm5.large', 'm5.xlarge', 'm5.2xlarge', 'm5.metal', 'r5.large', 'r5.xlarge', 't3.micro', 't3.small', 'z1d.large', 'z1d.metal'];
const ACTIONS = ['createvpc', 'deletevpc', 'describevpcs', 'modifyvpcattribute', 'createsubnet', 'deletesubnet', 'describesubnets', 'runinstances', 'stopinstances', 'startinstances', 'terminateinstances', 'rebootinstances', 'createtags'];

describe('condenseLintMessage', () => {
  it.each([
    ['a long list with a close value keeps the value and the region, and names the closest',
      `'m5.xlarge-x' is not one of ${list(TYPES)} in 'us-east-1'`,
      `'m5.xlarge-x' is not one of the 13 allowed values (closest: 'm5.xlarge') in 'us-east-1'`],
    ['a long list with nothing close gives only the count',
      `'deletevpcpg?a' is not one of ${list(ACTIONS)}`,
      `'deletevpcpg?a' is not one of the 13 allowed values`],
    ['a typo in the case only is still the closest',
      `'DeleteVpc' is not one of ${list([...ACTIONS].reverse())}`,
      `'DeleteVpc' is not one of the 13 allowed values (closest: 'deletevpc')`],
    ['double-quoted items (values holding a single quote) and bare numbers count as items',
      `5 is not one of [${Array.from({ length: 13 }, (_, i) => String(i * 10 + 1)).join(', ')}]`,
      `5 is not one of the 13 allowed values (closest: '1')`],
    ['a short list is the best hint there is and stays',
      `'Allw' is not one of ['Allow', 'Deny']`,
      `'Allw' is not one of ['Allow', 'Deny']`],
    ['other messages stay',
      `Additional properties are not allowed ('BucketNam' was unexpected)`,
      `Additional properties are not allowed ('BucketNam' was unexpected)`],
  ])('%s', (_name, message, expected) => {
    expect(condenseLintMessage(message)).toBe(expected);
  });

  it('counts items that hold commas or quotes inside their quotes as one each', () => {
    const items = [`"it's"`, `'a, b'`, ...TYPES.slice(0, 11).map((t) => `'${t}'`)];
    expect(condenseLintMessage(`'x' is not one of [${items.join(', ')}]`)).toBe(`'x' is not one of the 13 allowed values`);
  });
});
