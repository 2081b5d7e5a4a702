/**
 * The simulated VPC for one environment. An "underlay" namespace plays the AWS side: a bridge is the host
 * subnet (it floods multicast, as the Transit Gateway multicast domain delivers the VTEPs' groups), and the
 * namespace routes like the VPC router, including the route table entry "overlay CIDR -> the router's network
 * interface". Each host gets a namespace whose only link, named like the spec's underlay interface, is plugged
 * into that bridge with its compiled underlay address. A client namespace sits in the service subnet.
 *
 *   client (service subnet) --- underlay ns [VPC router + host subnet bridge] --- router, management, hypervisors
 *
 * Interfaces are created inside the namespaces (never in the harness's own namespace), so deleting the
 * namespaces removes everything.
 */
import type { Environment, Host } from '../../compiler/model/platform.js';
import { addressAt, parseCidr } from './ipv4.js';
import { addNamespace, mustInNamespace } from './netns.js';

/** Like an EC2 jumbo-frame ENI; the overlay MTU plus 50 bytes of VXLAN headers must fit. */
export const UNDERLAY_MTU = 9001;

export interface HostNode {
  readonly host: Host;
  readonly namespace: string;
}

export interface Topology {
  readonly env: Environment;
  readonly prefix: string;
  readonly underlay: string;
  readonly client: { readonly namespace: string; readonly address: string };
  readonly hosts: HostNode[];
  /** Counts the ports of the host subnet bridge, for unique names inside the underlay namespace. */
  ports: number;
}

/** Builds the underlay, the client and one namespace per host (hosts are not configured yet). */
export async function buildTopology(env: Environment, options: { prefix: string; hosts: readonly Host[] }): Promise<Topology> {
  const underlay = `${options.prefix}${env.name}-vpc`;
  await addNamespace(underlay);
  const ip = (...args: string[]) => mustInNamespace(underlay, 'ip', args);
  await ip('link', 'add', 'hostsubnet', 'type', 'bridge', 'mcast_snooping', '0');
  await ip('link', 'set', 'hostsubnet', 'mtu', String(UNDERLAY_MTU), 'up');
  await ip('address', 'add', `${addressAt(env.hostSubnetCidr, 1)}/${parseCidr(env.hostSubnetCidr).prefixLength}`, 'dev', 'hostsubnet');
  await mustInNamespace(underlay, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1']);

  const client = { namespace: `${options.prefix}${env.name}-client`, address: addressAt(env.serviceSubnetCidr, 10) };
  await addNamespace(client.namespace);
  await ip('link', 'add', 'servicesubnet', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', client.namespace);
  await ip('address', 'add', `${addressAt(env.serviceSubnetCidr, 1)}/${parseCidr(env.serviceSubnetCidr).prefixLength}`, 'dev', 'servicesubnet');
  await ip('link', 'set', 'servicesubnet', 'up');
  const clientIp = (...args: string[]) => mustInNamespace(client.namespace, 'ip', args);
  await clientIp('address', 'add', `${client.address}/${parseCidr(env.serviceSubnetCidr).prefixLength}`, 'dev', 'eth0');
  await clientIp('link', 'set', 'eth0', 'up');
  await clientIp('route', 'add', 'default', 'via', addressAt(env.serviceSubnetCidr, 1));

  const topology: Topology = { env, prefix: options.prefix, underlay, client, hosts: [], ports: 0 };
  const nodes = await Promise.all(options.hosts.map((host) => addHost(topology, host)));
  topology.hosts.push(...nodes);

  const router = options.hosts.find((host) => host.role === 'router');
  if (router !== undefined) {
    // The network stack's route in every route table: the overlay CIDR via the router's interface.
    await ip('route', 'add', env.overlay.cidr, 'via', router.underlayAddress);
  }
  return topology;
}

/**
 * Adds one host namespace on the host subnet, its link named as the spec's underlay interface, with the
 * host's underlay address and the default route DHCP would give it on EC2 (via the subnet's VPC router).
 */
export async function addHost(topology: Topology, host: Host, options: { name?: string } = {}): Promise<HostNode> {
  const { env } = topology;
  const namespace = `${topology.prefix}${env.name}-${options.name ?? host.id}`;
  topology.ports += 1;
  const port = `port${topology.ports}`;
  const device = env.overlay.underlayInterface;
  await addNamespace(namespace);
  await mustInNamespace(topology.underlay, 'ip', ['link', 'add', port, 'type', 'veth', 'peer', 'name', device, 'netns', namespace]);
  await mustInNamespace(topology.underlay, 'ip', ['link', 'set', port, 'master', 'hostsubnet', 'mtu', String(UNDERLAY_MTU), 'up']);
  const ip = (...args: string[]) => mustInNamespace(namespace, 'ip', args);
  await ip('link', 'set', device, 'mtu', String(UNDERLAY_MTU), 'up');
  await ip('address', 'add', `${host.underlayAddress}/${parseCidr(env.hostSubnetCidr).prefixLength}`, 'dev', device);
  await ip('route', 'add', 'default', 'via', addressAt(env.hostSubnetCidr, 1));
  // Images with a container runtime or libvirt boot with forwarding on; the script must set it either way, so
  // every host starts with it on and the check that only the router forwards can fail.
  await mustInNamespace(namespace, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1']);
  return { host, namespace };
}
