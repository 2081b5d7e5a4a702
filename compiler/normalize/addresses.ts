/**
 * IPv4 arithmetic for subnets and host addresses. CIDRs are parsed with `ip-address`; offsets are plain integer
 * arithmetic on the 32-bit value, because normalize assigns an address to every host of every environment and
 * must stay cheap for fleets of thousands. Everything here works on a valid CIDR (normalize runs after
 * validation); results are dotted-quad strings so the model stays JSON-like.
 */
import { Address4 } from 'ip-address';

export interface Ipv4Block {
  /** Network address (host bits cleared) as an unsigned 32-bit integer. */
  readonly base: number;
  readonly prefixLength: number;
}

const ADDRESS_SPACE = 2 ** 32;

/** Blocks by text: every environment's addresses come from the same few blocks, each parsed once. */
const blocks = new Map<string, Ipv4Block>();

/** Parses `a.b.c.d/n` into its network base (host bits cleared) and prefix length. */
export function parseBlock(cidr: string): Ipv4Block {
  let block = blocks.get(cidr);
  if (block === undefined) {
    const address = new Address4(cidr);
    block = { base: Number(address.startAddress().bigInt()), prefixLength: address.subnetMask };
    blocks.set(cidr, block);
  }
  return block;
}

/** Number of addresses in a block of the given prefix length. */
export function blockSize(prefixLength: number): number {
  return 2 ** (32 - prefixLength);
}

/** Dotted quad of an unsigned 32-bit integer (wraps around the address space). */
export function formatAddress(value: number): string {
  const v = ((value % ADDRESS_SPACE) + ADDRESS_SPACE) % ADDRESS_SPACE;
  return `${Math.floor(v / 2 ** 24)}.${Math.floor(v / 2 ** 16) % 256}.${Math.floor(v / 2 ** 8) % 256}.${v % 256}`;
}

/** The `index`-th block of `prefixLength` inside `outer` (0 = the first block), as a CIDR string. */
export function subBlock(outer: string, prefixLength: number, index: number): string {
  const { base } = parseBlock(outer);
  return `${formatAddress(base + blockSize(prefixLength) * index)}/${prefixLength}`;
}

/** The address at `offset` from the network address of a block (offset 1 is the first usable host). */
export function addressIn(block: Ipv4Block, offset: number): string {
  return formatAddress(block.base + offset);
}

/** The address at `offset` from the network address of `cidr`. */
export function addressAt(cidr: string, offset: number): string {
  return addressIn(parseBlock(cidr), offset);
}

/** Dotted-quad netmask for a prefix length, e.g. 16 -> 255.255.0.0. */
export function netmaskOf(prefixLength: number): string {
  return formatAddress(ADDRESS_SPACE - blockSize(prefixLength));
}

/** How many addresses `cidr` holds, including network and broadcast. */
export function sizeOf(cidr: string): number {
  return blockSize(parseBlock(cidr).prefixLength);
}
