/**
 * The harness's address arithmetic: where it places the simulated VPC router, the client and extra hosts.
 */
import { describe, expect, it } from 'vitest';
import { addressAt, formatAddress, parseCidr } from './ipv4.js';

describe('ipv4', () => {
  it.each([
    ['10.10.0.0/24', 1, '10.10.0.1'],
    ['10.10.1.0/24', 10, '10.10.1.10'],
    ['10.10.7.9/22', 1, '10.10.4.1'],
    ['172.16.0.0/16', 256, '172.16.1.0'],
    ['0.0.0.0/0', 4294967295, '255.255.255.255'],
  ])('address %s + %d is %s', (cidr, offset, address) => {
    expect(addressAt(cidr, offset)).toBe(address);
  });

  it('round-trips addresses through their numeric value', () => {
    expect(formatAddress(parseCidr('239.255.0.1/32').base)).toBe('239.255.0.1');
  });

  it.each(['10.0.0/24', '10.0.0.256/24', '10.0.0.0', 'x/8'])('rejects %s', (cidr) => {
    expect(() => parseCidr(cidr)).toThrow(/not an IPv4 CIDR/);
  });
});
