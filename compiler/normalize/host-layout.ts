/**
 * Where the hosts sit in the host subnet. AWS reserves the network address, the next three and the broadcast
 * address. In a subnet of /27 or larger the router takes offset 10, management 11 and the hypervisors count up
 * from 20; a /28 is packed from offset 4. The layout depends on the subnet's size alone: chosen by the fleet's
 * size, one more hypervisor past the roomy layout's capacity re-addressed, and so replaced, every host.
 */

export interface HostLayout {
  readonly router: number;
  readonly management: number;
  readonly firstHypervisor: number;
}

const ROOMY: HostLayout = { router: 10, management: 11, firstHypervisor: 20 };
const PACKED: HostLayout = { router: 4, management: 5, firstHypervisor: 6 };

/** The longest host subnet prefix the roomy layout is used for; longer ones (a /28) are packed. */
const LONGEST_ROOMY_PREFIX = 27;

export function hostLayout(prefixLength: number): HostLayout {
  return prefixLength <= LONGEST_ROOMY_PREFIX ? ROOMY : PACKED;
}

/** How many hypervisors a host subnet of this prefix length holds in its layout. */
export function hypervisorCapacity(prefixLength: number): number {
  const lastUsable = 2 ** (32 - prefixLength) - 2;
  return Math.max(0, lastUsable - hostLayout(prefixLength).firstHypervisor + 1);
}
