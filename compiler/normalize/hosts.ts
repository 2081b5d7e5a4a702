/**
 * The hosts of one environment and their addresses. Addresses are assigned, never left to DHCP, because the
 * route tables, the security groups and every host's overlay script must agree on them before anything runs.
 *
 * Underlay (host subnet): at the offsets of the subnet's layout (host-layout.ts). Overlay: the router holds the
 * first usable address, which is every other host's gateway, then management, then the hypervisors.
 */
import type { Host } from '../model/platform.js';
import type { HostsSpec } from '../model/spec.js';
import { addressIn, parseBlock } from './addresses.js';
import { hostLayout } from './host-layout.js';

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

/**
 * `hypervisor01`..`hypervisor99`, then `hypervisor100`, ...: the id depends on the position alone. (Padding to the
 * fleet's width renamed every hypervisor, and so replaced it, when the fleet grew past 99.)
 */
export function hypervisorId(index: number): string {
  return `hypervisor${String(index + 1).padStart(2, '0')}`;
}

/** Router, management, then hypervisors in order, each with its fixed underlay and overlay address. */
export function layoutHosts(options: HostLayoutOptions): Host[] {
  const { hosts, hypervisorCount, hostSubnetCidr, overlayCidr } = options;
  const underlay = parseBlock(hostSubnetCidr);
  const overlay = parseBlock(overlayCidr);
  const offsets = hostLayout(underlay.prefixLength);
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
    id: hypervisorId(index),
    role: 'hypervisor',
    instanceType: hosts.hypervisors.instanceType,
    volumeGiB: hosts.hypervisors.volumeGiB ?? DEFAULT_VOLUME_GIB.hypervisor,
    underlayAddress: addressIn(underlay, offsets.firstHypervisor + index),
    overlayAddress: addressIn(overlay, 3 + index),
    origin: ['hosts', 'hypervisors'],
  }));
  return [router, management, ...hypervisors];
}
