/**
 * IPv4 arithmetic for subnets and host addresses, on top of `ip-address`. Everything here works on a valid CIDR
 * (normalize runs after validation); the results are plain dotted-quad strings so the model stays JSON-like.
 */
import { Address4 } from 'ip-address';

export interface Ipv4Block {
  /** Network address as an unsigned 32-bit integer. */
  readonly base: bigint;
  readonly prefixLength: number;
}

/** Parses `a.b.c.d/n` into its network base (host bits cleared) and prefix length. */
export function parseBlock(cidr: string): Ipv4Block {
  const address = new Address4(cidr);
  return { base: address.startAddress().bigInt(), prefixLength: address.subnetMask };
}

export function blockSize(prefixLength: number): bigint {
  return 1n << BigInt(32 - prefixLength);
}

/** The `index`-th block of `prefixLength` inside `outer` (0 = the first block), as a CIDR string. */
export function subBlock(outer: string, prefixLength: number, index: number): string {
  const { base } = parseBlock(outer);
  const start = base + blockSize(prefixLength) * BigInt(index);
  return `${Address4.fromBigInt(start).correctForm()}/${prefixLength}`;
}

/** The address at `offset` from the network address of `cidr` (offset 1 is the first usable host). */
export function addressAt(cidr: string, offset: number): string {
  const { base } = parseBlock(cidr);
  return Address4.fromBigInt(base + BigInt(offset)).correctForm();
}

/** Dotted-quad netmask for a prefix length, e.g. 16 -> 255.255.0.0. */
export function netmaskOf(prefixLength: number): string {
  const mask = ((1n << 32n) - 1n) ^ (blockSize(prefixLength) - 1n);
  return Address4.fromBigInt(mask).correctForm();
}

/** How many addresses `cidr` holds, including network and broadcast. */
export function sizeOf(cidr: string): bigint {
  return blockSize(parseBlock(cidr).prefixLength);
}
