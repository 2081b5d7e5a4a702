/**
 * The instance-type tables behind HOST001/HOST002: bare metal and Nitro, including the irregular families.
 */
import { describe, expect, it } from 'vitest';
import { isMetal, isNitro } from '../../compiler/validate/instance-types.js';
import { isAwsRegion, partitionOf } from '../../compiler/validate/aws-regions.js';
import { closest } from '../../compiler/validate/suggest.js';

describe('instance types', () => {
  it.each([
    ['c5.metal', true, true], ['m5zn.metal', true, true], ['c7i.metal-24xl', true, true], ['i3.metal', true, true],
    ['c5n.large', false, true], ['m5.xlarge', false, true], ['t3.micro', false, true], ['z1d.large', false, true],
    ['i3en.large', false, true], ['hpc7g.4xlarge', false, true], ['u-6tb1.metal', true, true],
    ['m4.large', false, false], ['t2.micro', false, false], ['c4.xlarge', false, false], ['i3.large', false, false],
    ['p3.2xlarge', false, false], ['nonsense', false, false],
    ['m7i-flex.large', false, true], ['u7i-12tb.224xlarge', false, true], ['mac2-m2pro.metal', true, true], ['c7a.metal-48xl', true, true],
    ['t3.nano', false, true], ['m5.xlarge-x', false, false], ['c5.larg', false, false], ['c7i.metal-24', false, false], ['c5.0xlarge', false, false],
  ])('%s: metal %s, nitro %s', (type, metal, nitro) => {
    expect(isMetal(type)).toBe(metal);
    expect(isNitro(type)).toBe(nitro);
  });
});

describe('regions and suggestions', () => {
  it('knows partitions', () => {
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
    expect(isAwsRegion('us-east-3')).toBe(false);
  });
  it('suggests only close matches', () => {
    expect(closest('us-wset-2', ['us-west-1', 'us-west-2'])).toBe('us-west-2');
    expect(closest('tokyo', ['us-west-1'])).toBeUndefined();
  });
});
