/**
 * The host subnet and the VXLAN overlay: the overlay must be routable (no overlap with any VPC or client
 * network), discoverable (local-scope multicast), valid VXLAN (VNI, MTU), and the subnets must fit the hosts.
 */
import type { CodeInfo } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { PlatformSpec } from '../../model/spec.js';
import { contains, isPrivateRange, overlaps, parseCidr, parseIpv4, size } from '../cidr.js';
import { hostLayout, hypervisorCapacity } from '../../normalize/host-layout.js';
import { finding, isPerEnvMap, type Rule } from '../rule.js';

/** EC2 jumbo frames (9001) minus the 50 bytes VXLAN adds (outer Ethernet 14, IP 20, UDP 8, VXLAN 8). */
export const MAX_OVERLAY_MTU = 8951;
/** The smallest MTU every IPv4 host must accept. */
export const MIN_OVERLAY_MTU = 576;
export const MAX_VNI = 16_777_215;
/** The host subnet's prefix lengths (the schema's bounds): AWS subnets are /16 to /28. */
const MIN_HOST_PREFIX = 16;
const MAX_HOST_PREFIX = 28;
/** IPv4 organisation-local ("local scope") multicast, RFC 2365. */
export const LOCAL_MULTICAST = '239.255.0.0/16';
/**
 * IPv4 ranges an overlay may not use: each already means something to every host (RFC 6890), and the link-local
 * one carries the instance metadata service and the Amazon DNS resolver that the hosts reach on the underlay.
 */
export const RESERVED_RANGES: readonly { readonly cidr: string; readonly what: string }[] = [
  { cidr: '0.0.0.0/8', what: '"this network"' },
  { cidr: '127.0.0.0/8', what: 'loopback' },
  { cidr: '169.254.0.0/16', what: 'link-local (instance metadata, Amazon DNS)' },
  { cidr: '224.0.0.0/4', what: 'multicast (VTEP discovery)' },
  { cidr: '240.0.0.0/4', what: 'reserved' },
];

export const NETWORK_CODES: readonly CodeInfo[] = [
  { code: 'NET001', title: 'Invalid overlay CIDR', why: 'The overlay needs a valid IPv4 network to number the hosts and VMs.', example: 'overlay: { cidr: 172.16.0.1/16 }', fix: 'Write the network address, e.g. 172.16.0.0/16.' },
  { code: 'NET002', title: 'Overlay overlaps a VPC', why: 'Every route table sends the overlay CIDR to the router; overlapping a VPC would hijack or shadow VPC traffic.', example: 'overlay: { cidr: 10.10.0.0/16 }  # dev vpcCidr is 10.10.0.0/16', fix: 'Choose an overlay range outside every vpcCidr, e.g. 172.16.0.0/16.' },
  { code: 'NET003', title: 'Overlay overlaps a client network', why: 'Clients in the overlay range could not be told apart from VMs; replies would be routed into the overlay. 0.0.0.0/0 (anyone, see ENV008) is not a client network and is not compared.', example: 'clientCidrs: [172.16.5.0/24]  # overlay 172.16.0.0/16', fix: 'Choose an overlay range that no client network uses.' },
  { code: 'NET004', title: 'Multicast group outside 239.255.0.0/16', why: 'VTEP discovery uses Transit Gateway multicast; the IPv4 local scope keeps the group from clashing with anything else.', example: 'multicastGroup: 224.0.0.5', fix: 'Pick an address in 239.255.0.0/16, e.g. 239.255.0.1.' },
  { code: 'NET005', title: 'VNI out of range', why: 'A VXLAN network identifier has 24 bits; 0 is reserved.', example: 'vni: 0', fix: `Use a VNI from 1 to ${MAX_VNI}.` },
  { code: 'NET006', title: 'Overlay MTU too large', why: `EC2 jumbo frames are 9001 bytes and VXLAN adds 50, so larger overlay frames are fragmented or dropped.`, example: 'mtu: 9001', fix: `Use at most ${MAX_OVERLAY_MTU} (and at least ${MIN_OVERLAY_MTU}).` },
  { code: 'NET007', title: 'Host subnet does not fit the VPC', why: 'The host subnet is carved from each vpcCidr and must leave room for a second subnet of the same size for other services.', example: 'hostSubnet: { prefixLength: 16 }  # vpcCidr 10.10.0.0/16', fix: 'Use a prefix length longer than every vpcCidr prefix.' },
  { code: 'NET008', title: 'Overlay too small for the hosts', why: 'The overlay numbers the router (gateway), the management server and every hypervisor.', example: 'overlay: { cidr: 172.16.0.0/30 }  # 4 hypervisors', fix: 'Use a larger overlay CIDR.' },
  { code: 'NET009', title: 'Host subnet too small for the hosts', why: 'Every host has a fixed address in the host subnet: in a /27 or larger the router at offset 10, management 11, hypervisors from 20; a /28 is packed from offset 4 (AWS reserves the first four and the last). The layout depends on the subnet size only, so growing the fleet never moves a host.', example: 'hostSubnet: { prefixLength: 28 }  # 20 hypervisors', fix: 'Use a shorter prefix length (a larger subnet). This replaces the subnet and every host, so size it for the fleet you expect.' },
  { code: 'NET010', title: 'Overlay in a reserved range', why: 'Loopback, link-local, multicast and reserved addresses already mean something on every host: an overlay there would break the instance metadata service, DNS or VTEP discovery.', example: 'overlay: { cidr: 169.254.0.0/16 }', fix: 'Use a private range outside every VPC, e.g. 172.16.0.0/16 or 100.64.0.0/16.' },
  { code: 'NET011', title: 'Overlay in public address space', why: 'Every route table of the VPC sends the overlay CIDR to the router, so public addresses in it shadow the internet hosts that own them (a public DNS resolver, a package mirror) for everything in the VPC.', example: 'overlay: { cidr: 8.8.0.0/16 }', fix: 'Use a private range such as 172.16.0.0/16 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10).' },
];

export const checkNetwork: Rule = (spec, loaded) => {
  const out: Diagnostic[] = [];
  const overlayPath = ['network', 'overlay'] as const;
  const { overlay, hostSubnet } = spec.network;
  const hostsNeeded = 2n + BigInt(maxHypervisors(spec));

  const overlayCidr = parseCidr(overlay.cidr);
  if (overlayCidr.cidr === undefined) {
    out.push(finding(loaded, { code: 'NET001', path: [...overlayPath, 'cidr'], message: `overlay ${overlay.cidr} ${overlayCidr.problem ?? 'is not valid'}` }));
  } else {
    const cidr = overlayCidr.cidr;
    const reserved = RESERVED_RANGES.filter((r) => {
      const range = parseCidr(r.cidr).cidr;
      return range !== undefined && overlaps(cidr, range);
    });
    for (const range of reserved) {
      out.push(finding(loaded, { code: 'NET010', path: [...overlayPath, 'cidr'], message: `overlay ${overlay.cidr} overlaps ${range.cidr}, ${range.what}`, hint: 'use a private range such as 172.16.0.0/16' }));
    }
    // A reserved range is reported above; only an otherwise usable range is told it is public.
    if (reserved.length === 0 && !isPrivateRange(cidr)) {
      out.push(finding(loaded, { code: 'NET011', severity: 'warning', path: [...overlayPath, 'cidr'], message: `overlay ${overlay.cidr} is public address space: every route table sends it to the router, so the internet hosts at these addresses are unreachable from the VPC`, hint: 'use a private range such as 172.16.0.0/16' }));
    }
    for (const [name, env] of Object.entries(spec.environments)) {
      const vpc = parseCidr(env.vpcCidr).cidr;
      if (vpc && overlaps(cidr, vpc)) {
        out.push(finding(loaded, { code: 'NET002', path: [...overlayPath, 'cidr'], message: `overlay ${overlay.cidr} overlaps ${name} vpcCidr ${env.vpcCidr}`, hint: 'choose an overlay range outside every vpcCidr' }));
      }
      for (const client of env.clientCidrs ?? []) {
        const clientCidr = parseCidr(client).cidr;
        // 0.0.0.0/0 means anyone (ENV008 warns about that), not a network of clients whose addresses the overlay
        // would take over; compared, it would make the warned-about value impossible to use.
        if (clientCidr && clientCidr.prefix > 0 && overlaps(cidr, clientCidr)) {
          out.push(finding(loaded, { code: 'NET003', path: [...overlayPath, 'cidr'], message: `overlay ${overlay.cidr} overlaps ${name} client CIDR ${client}` }));
        }
      }
    }
    // Network and broadcast addresses are not usable on a Linux bridge either.
    if (size(cidr) - 2n < hostsNeeded) {
      out.push(finding(loaded, {
        code: 'NET008',
        path: [...overlayPath, 'cidr'],
        message: `overlay ${overlay.cidr} has room for ${size(cidr) - 2n < 0n ? 0n : size(cidr) - 2n} hosts; the platform needs ${hostsNeeded} (router, management, hypervisors)`,
        hint: `a /${overlayPrefixFor(hostsNeeded)} or larger (a shorter prefix) holds them; the overlay also numbers the VMs, so leave room`,
      }));
    }
  }

  const group = parseIpv4(overlay.multicastGroup);
  const localScope = parseCidr(LOCAL_MULTICAST).cidr;
  if (group === undefined || localScope === undefined || !contains(localScope, group)) {
    out.push(finding(loaded, { code: 'NET004', path: [...overlayPath, 'multicastGroup'], message: `multicast group ${overlay.multicastGroup} is not in the IPv4 local scope ${LOCAL_MULTICAST}`, hint: 'use an address such as 239.255.0.1' }));
  }
  if (overlay.vni < 1 || overlay.vni > MAX_VNI) {
    out.push(finding(loaded, { code: 'NET005', path: [...overlayPath, 'vni'], message: `VNI ${overlay.vni} is outside 1..${MAX_VNI}` }));
  }
  if (overlay.mtu > MAX_OVERLAY_MTU || overlay.mtu < MIN_OVERLAY_MTU) {
    out.push(finding(loaded, { code: 'NET006', path: [...overlayPath, 'mtu'], message: `overlay MTU ${overlay.mtu} is outside ${MIN_OVERLAY_MTU}..${MAX_OVERLAY_MTU} (EC2 jumbo frames 9001 minus 50 bytes of VXLAN)` }));
  }

  const prefixPath = ['network', 'hostSubnet', 'prefixLength'] as const;
  for (const [name, env] of Object.entries(spec.environments)) {
    const vpc = parseCidr(env.vpcCidr).cidr;
    if (vpc === undefined) continue;
    if (hostSubnet.prefixLength <= vpc.prefix) {
      // A subnet is at most /28, so a VPC smaller than /27 cannot hold the host subnet and a second one at all.
      const hint = vpc.prefix + 1 > 28
        ? `${name} vpcCidr ${env.vpcCidr} is too small for two subnets; use /27 or larger (a shorter prefix)`
        : `use /${vpc.prefix + 1} or longer`;
      out.push(finding(loaded, { code: 'NET007', path: prefixPath, message: `host subnet /${hostSubnet.prefixLength} does not fit in ${name} vpcCidr ${env.vpcCidr} with room for a second subnet of the same size`, hint }));
      continue;
    }
  }
  const capacity = hypervisorCapacity(hostSubnet.prefixLength);
  if (maxHypervisors(spec) > capacity) {
    const layout = hostLayout(hostSubnet.prefixLength);
    out.push(finding(loaded, {
      code: 'NET009',
      path: prefixPath,
      message: `host subnet /${hostSubnet.prefixLength} holds at most ${capacity} hypervisors (router at offset ${layout.router}, management ${layout.management}, hypervisors from ${layout.firstHypervisor}); the platform needs ${maxHypervisors(spec)}`,
      hint: hostSubnetHint(maxHypervisors(spec)),
    }));
  }
  return out;
};

/** The longest overlay prefix whose addresses (less network and broadcast) number `hosts` hosts. */
function overlayPrefixFor(hosts: bigint): number {
  let prefix = 30;
  while (prefix > 0 && 2n ** BigInt(32 - prefix) - 2n < hosts) prefix--;
  return prefix;
}

/** What prefix length would hold `hypervisors`, within the lengths a host subnet may have. */
function hostSubnetHint(hypervisors: number): string {
  for (let prefix = MAX_HOST_PREFIX; prefix >= MIN_HOST_PREFIX; prefix--) {
    if (hypervisorCapacity(prefix) >= hypervisors) {
      return `use prefixLength ${prefix} or shorter (a larger subnet, inside every vpcCidr); this replaces the subnet and every host, so size it for the fleet you expect`;
    }
  }
  return `no host subnet holds ${hypervisors} hypervisors (a /${MIN_HOST_PREFIX} holds ${hypervisorCapacity(MIN_HOST_PREFIX)}); lower the count`;
}

/** The largest hypervisor count of any environment (counts that are not positive integers count as 0 here). */
export function maxHypervisors(spec: PlatformSpec): number {
  const count = spec.hosts.hypervisors.count;
  const values = isPerEnvMap(count) ? Object.values(count) : [count];
  return Math.max(0, ...values.filter((v) => Number.isInteger(v) && v > 0));
}
