/**
 * The little IPv4 arithmetic the harness needs to place the simulated VPC router and the client: the n-th
 * address of a block and its prefix length.
 */
export interface Ipv4Block {
  readonly base: number;
  readonly prefixLength: number;
}

/** Parses `a.b.c.d/n` strictly; the base is the block's network address. Throws on anything else (test input only). */
export function parseCidr(cidr: string): Ipv4Block {
  const [address = '', length = ''] = cidr.split('/');
  const prefixLength = /^\d{1,2}$/.test(length) ? Number(length) : Number.NaN;
  const octets = address.split('.').map((octet) => (/^\d{1,3}$/.test(octet) ? Number(octet) : Number.NaN));
  if (octets.length !== 4 || octets.some((o) => !(o <= 255)) || !(prefixLength <= 32)) {
    throw new Error(`not an IPv4 CIDR: ${cidr}`);
  }
  const value = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const size = 2 ** (32 - prefixLength);
  return { base: value - (value % size), prefixLength };
}

/** Dotted-quad text of a numeric IPv4 address. */
export function formatAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** The address `offset` places into the block (offset 1 is the VPC router of an AWS subnet). */
export function addressAt(cidr: string, offset: number): string {
  return formatAddress(parseCidr(cidr).base + offset);
}
