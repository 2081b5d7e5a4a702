/**
 * The platform as a neutral graph: clusters (environments, stacks, VPC, subnets), nodes and edges. Built once
 * from the normalized platform and the manifest, then rendered as Mermaid or DOT, so both pictures always show
 * the same thing.
 */
import type { Manifest } from '../emit/manifest.js';
import type { Environment, Host, Platform } from '../model/platform.js';

export type NodeShape = 'box' | 'round' | 'hexagon' | 'circle' | 'stadium';

export interface GraphNode {
  readonly kind: 'node';
  readonly id: string;
  /** Lines of the label, shown one under the other. */
  readonly label: readonly string[];
  readonly shape: NodeShape;
}

export interface GraphCluster {
  readonly kind: 'cluster';
  readonly id: string;
  readonly label: string;
  readonly children: readonly (GraphNode | GraphCluster)[];
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  readonly style: 'solid' | 'dotted';
}

export interface Graph {
  readonly title: string;
  readonly clusters: readonly GraphCluster[];
  readonly edges: readonly GraphEdge[];
}

/** Hypervisor fleets larger than this are drawn as one node with their count, so the picture stays readable. */
export const MAX_DRAWN_HYPERVISORS = 3;

function id(...parts: readonly string[]): string {
  return parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
}

function node(nodeId: string, label: readonly string[], shape: NodeShape = 'box'): GraphNode {
  return { kind: 'node', id: nodeId, label, shape };
}

function hostNodes(env: Environment): { nodes: GraphNode[]; ids: string[] } {
  const hypervisors = env.hosts.filter((host) => host.role === 'hypervisor');
  const drawn: GraphNode[] = env.hosts
    .filter((host) => host.role !== 'hypervisor' || hypervisors.length <= MAX_DRAWN_HYPERVISORS)
    .map((host: Host) => node(id(env.name, host.id), [host.id, host.instanceType, `${host.underlayAddress} / overlay ${host.overlayAddress}`]));
  if (hypervisors.length > MAX_DRAWN_HYPERVISORS) {
    const first = hypervisors[0];
    const last = hypervisors[hypervisors.length - 1];
    if (first !== undefined && last !== undefined) {
      drawn.push(node(id(env.name, 'hypervisors'), [
        `${first.id} .. ${last.id} (${hypervisors.length})`,
        first.instanceType,
        `overlay ${first.overlayAddress} .. ${last.overlayAddress}`,
      ]));
    }
  }
  return { nodes: drawn, ids: drawn.map((each) => each.id) };
}

function environmentCluster(env: Environment, manifest: Manifest): { cluster: GraphCluster; edges: GraphEdge[] } {
  const edges: GraphEdge[] = [];
  const stacks = manifest.environments.find((each) => each.name === env.name)?.stacks ?? [];
  const stackNodes = stacks.map((stack) => node(id(env.name, 'stack', stack.name), [stack.name, stack.stackName], 'stadium'));
  for (const stack of stacks) {
    for (const dependency of stack.dependsOn) {
      edges.push({ from: id(env.name, 'stack', dependency), to: id(env.name, 'stack', stack.name), style: 'solid' });
    }
  }
  const hosts = hostNodes(env);
  const router = id(env.name, 'router');
  const overlay = node(id(env.name, 'overlay'), [
    `overlay ${env.overlay.cidr}`, `VNI ${env.overlay.vni}, UDP ${env.overlay.port}, MTU ${env.overlay.mtu}`, `cloudbr0 / ethvxlan0`,
  ], 'circle');
  const tgw = node(id(env.name, 'tgw'), ['Transit Gateway', `multicast ${env.overlay.multicastGroup} (IGMPv2)`], 'hexagon');
  const clients = node(id(env.name, 'clients'), ['service subnet', env.serviceSubnetCidr], 'round');
  for (const host of hosts.ids) edges.push({ from: host, to: overlay.id, label: 'VXLAN', style: 'dotted' });
  edges.push({ from: tgw.id, to: id(env.name, 'hostsubnet'), label: 'attachment + multicast domain', style: 'solid' });
  edges.push({ from: clients.id, to: router, label: `${env.overlay.cidr} via router`, style: 'solid' });
  const cluster: GraphCluster = {
    kind: 'cluster',
    id: id('env', env.name),
    label: `${env.name}: account ${env.account}, ${env.region}`,
    children: [
      { kind: 'cluster', id: id(env.name, 'stacks'), label: 'stacks in deploy order', children: stackNodes },
      {
        kind: 'cluster',
        id: id(env.name, 'vpc'),
        label: `VPC ${env.vpcCidr}`,
        children: [
          { kind: 'cluster', id: id(env.name, 'hostsubnet'), label: `host subnet ${env.hostSubnetCidr}`, children: hosts.nodes },
          clients,
        ],
      },
      tgw,
      overlay,
    ],
  };
  return { cluster, edges };
}

/** The graph of the whole platform, or of one environment when `env` is given. */
export function buildGraph(platform: Platform, manifest: Manifest, options: { env?: string } = {}): Graph {
  const environments = platform.environments.filter((env) => options.env === undefined || env.name === options.env);
  const parts = environments.map((env) => environmentCluster(env, manifest));
  const drawn = new Set(environments.map((env) => env.name));
  // Promotion between environments: each pipeline deploys its stages in order.
  const promotions: GraphEdge[] = platform.pipelines.flatMap((pipeline) => pipeline.stages.slice(1).flatMap((stage, index) => {
    const previous = pipeline.stages[index];
    return previous !== undefined && drawn.has(previous.env) && drawn.has(stage.env)
      ? [{ from: id('env', previous.env), to: id('env', stage.env), label: `pipeline ${pipeline.name}`, style: 'solid' as const }]
      : [];
  }));
  return {
    title: platform.name,
    clusters: parts.map((part) => part.cluster),
    edges: [...parts.flatMap((part) => part.edges), ...promotions],
  };
}
