/**
 * IPv4 CIDR arithmetic for the network rules, on top of the `ip-address` package: parsing with a reason when the
 * text is not a network, and overlap as interval intersection.
 */
import { Address4, Address6 } from 'ip-address';

export interface Cidr {
  readonly text: string;
  readonly prefix: number;
  readonly first: bigint;
  readonly last: bigint;
}

const CIDR_TEXT = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const IP_TEXT = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export type ParsedCidr = Readonly<{ cidr?: Cidr; problem?: string }>;

/**
 * Results by text: a spec names the same few blocks again and again (each environment's VPC in several rules, the
 * private ranges for every client block), and `ip-address` takes tens of microseconds a parse in a fresh process.
 */
const parsed = new Map<string, ParsedCidr>();

/** Parses `a.b.c.d/n`; a block with host bits set (10.1.2.3/16) is refused with the network it probably means. */
export function parseCidr(text: string): ParsedCidr {
  let result = parsed.get(text);
  if (result === undefined) {
    result = parseCidrText(text);
    parsed.set(text, result);
  }
  return result;
}

function parseCidrText(text: string): ParsedCidr {
  if (!CIDR_TEXT.test(text) || !Address4.isValid(text)) return { problem: 'is not an IPv4 CIDR block (a.b.c.d/n)' };
  const address = new Address4(text);
  const first = address.startAddress();
  if (first.correctForm() !== address.addressMinusSuffix) {
    return { problem: `has host bits set; the network is ${first.correctForm()}/${address.subnetMask}` };
  }
  return { cidr: { text, prefix: address.subnetMask, first: first.bigInt(), last: address.endAddress().bigInt() } };
}

/** Parses a plain IPv4 address to its number, or undefined. */
export function parseIpv4(text: string): bigint | undefined {
  if (!IP_TEXT.test(text) || !Address4.isValid(text)) return undefined;
  return new Address4(text).bigInt();
}

/** A plain IPv6 address (no prefix length, no zone index), as an AAAA record holds it. */
export function isIpv6Address(text: string): boolean {
  return /^[0-9a-f:.]+$/i.test(text) && text.includes(':') && Address6.isValid(text);
}

/** RFC 1918 private space and RFC 6598 shared space (100.64.0.0/10), the ranges AWS recommends for a VPC. */
export const PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/** True when all of `cidr` lies in one of PRIVATE_RANGES: none of its addresses belongs to a host on the internet. */
export function isPrivateRange(cidr: Cidr): boolean {
  return PRIVATE_RANGES.some((text) => {
    const range = parseCidr(text).cidr;
    return range !== undefined && contains(range, cidr.first) && contains(range, cidr.last);
  });
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

export function contains(outer: Cidr, address: bigint): boolean {
  return outer.first <= address && address <= outer.last;
}

/** Number of addresses in a block. */
export function size(cidr: Cidr): bigint {
  return cidr.last - cidr.first + 1n;
}
