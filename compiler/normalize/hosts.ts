/**
 * The hosts of one environment and their addresses. Addresses are assigned, never left to DHCP, because the
 * route tables, the security groups and every host's overlay script must agree on them before anything runs.
 *
 * Underlay (host subnet): AWS reserves the network address and the next three plus the broadcast address, so the
 * router takes offset 10, management 11 and hypervisors count up from 20. A host subnet too small for that
 * layout (for example a /28) is packed tightly from offset 4 instead. Overlay: the router holds the first usable
 * address, which is every other host's gateway, then management, then the hypervisors.
 */
import type { Host } from '../model/platform.js';
import type { HostsSpec } from '../model/spec.js';
import { addressIn, blockSize, parseBlock } from './addresses.js';

const ROOMY = { router: 10, management: 11, firstHypervisor: 20 } as const;
const PACKED = { router: 4, management: 5, firstHypervisor: 6 } as const;

/**
 * Hypervisors per hosts stack when the spec gives none: with today's user data about half of CloudFormation's
 * 1 MB template limit, so the scripts can grow without moving any host.
 */
export const DEFAULT_HYPERVISORS_PER_STACK = 100;

/** Default root volume sizes in GiB when the spec gives none. */
export const DEFAULT_VOLUME_GIB = { router: 20, management: 100, hypervisor: 500 } as const;

export interface HostLayoutOptions {
  readonly hosts: HostsSpec;
  readonly hypervisorCount: number;
  readonly hostSubnetCidr: string;
  readonly overlayCidr: string;
}

/** `hypervisor01`..`hypervisor99`, widening to three digits and more only when the fleet needs it. */
export function hypervisorId(index: number, count: number): string {
  const width = Math.max(2, String(count).length);
  return `hypervisor${String(index + 1).padStart(width, '0')}`;
}

/** Router, management, then hypervisors in order, each with its fixed underlay and overlay address. */
export function layoutHosts(options: HostLayoutOptions): Host[] {
  const { hosts, hypervisorCount, hostSubnetCidr, overlayCidr } = options;
  const underlay = parseBlock(hostSubnetCidr);
  const overlay = parseBlock(overlayCidr);
  const usableEnd = blockSize(underlay.prefixLength) - 2;
  const offsets = ROOMY.firstHypervisor + hypervisorCount - 1 <= usableEnd ? ROOMY : PACKED;
  const router: Host = {
    id: 'router',
    role: 'router',
    instanceType: hosts.router.instanceType,
    volumeGiB: hosts.router.volumeGiB ?? DEFAULT_VOLUME_GIB.router,
    underlayAddress: addressIn(underlay, offsets.router),
    overlayAddress: addressIn(overlay, 1),
    origin: ['hosts', 'router'],
  };
  const management: Host = {
    id: 'management',
    role: 'management',
    instanceType: hosts.management.instanceType,
    volumeGiB: hosts.management.volumeGiB ?? DEFAULT_VOLUME_GIB.management,
    underlayAddress: addressIn(underlay, offsets.management),
    overlayAddress: addressIn(overlay, 2),
    origin: ['hosts', 'management'],
  };
  const hypervisors = Array.from({ length: hypervisorCount }, (_, index): Host => ({
    id: hypervisorId(index, hypervisorCount),
    role: 'hypervisor',
    instanceType: hosts.hypervisors.instanceType,
    volumeGiB: hosts.hypervisors.volumeGiB ?? DEFAULT_VOLUME_GIB.hypervisor,
    underlayAddress: addressIn(underlay, offsets.firstHypervisor + index),
    overlayAddress: addressIn(overlay, 3 + index),
    origin: ['hosts', 'hypervisors'],
  }));
  return [router, management, ...hypervisors];
}
