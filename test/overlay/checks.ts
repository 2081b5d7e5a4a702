/**
 * What the harness observes inside a host namespace: reachability (ICMP echo), the MTU and VXLAN settings in
 * effect (`ip -d -j link`), the VXLAN forwarding table (`bridge -j fdb`) and sysctl values. Each returns data;
 * the tests decide what is expected.
 */
import { fileURLToPath } from 'node:url';
import { inNamespace, mustInNamespace } from './netns.js';

export interface PingOptions {
  /** ICMP payload size; with `dontFragment` the packet must fit the path MTU as is. */
  readonly size?: number;
  readonly dontFragment?: boolean;
  /** Tries before giving up (the first packet may wait for ARP through the multicast group). */
  readonly attempts?: number;
}

export interface PingResult {
  readonly ok: boolean;
  readonly output: string;
}

/**
 * How to send one echo request: the iputils `ping`, or where it is missing the harness's own `icmp-echo.py`
 * (a raw ICMP socket with the same DF control), so that the harness does not depend on the image having ping.
 */
export type Pinger = 'iputils' | 'python';

const ICMP_ECHO = fileURLToPath(new URL('./icmp-echo.py', import.meta.url));

function pingCommand(pinger: Pinger, target: string, options: PingOptions): [string, string[]] {
  if (pinger === 'python') {
    return ['python3', [ICMP_ECHO, target, String(options.size ?? 56), options.dontFragment === true ? '1' : '0', '1']];
  }
  const args = ['-n', '-c', '1', '-W', '1'];
  if (options.size !== undefined) args.push('-s', String(options.size));
  if (options.dontFragment === true) args.push('-M', 'do');
  return ['ping', [...args, target]];
}

/** One echo request with a one-second wait, repeated up to `attempts` times until a reply arrives. */
export async function ping(pinger: Pinger, namespace: string, target: string, options: PingOptions = {}): Promise<PingResult> {
  const [program, args] = pingCommand(pinger, target, options);
  let output = '';
  for (let attempt = 0; attempt < (options.attempts ?? 1); attempt += 1) {
    const result = await inNamespace(namespace, program, args);
    output = `${result.stdout}${result.stderr}`.trim();
    if (result.code === 0) return { ok: true, output };
  }
  return { ok: false, output };
}

interface LinkJson {
  readonly mtu: number;
  readonly linkinfo?: { readonly info_kind?: string; readonly info_data?: Readonly<Record<string, unknown>> };
}

export interface LinkState {
  readonly mtu: number;
  readonly kind?: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** A link's MTU and kind-specific settings as the kernel reports them (`ip -d -j link show`). */
export async function linkState(namespace: string, device: string): Promise<LinkState> {
  const text = await mustInNamespace(namespace, 'ip', ['-d', '-j', 'link', 'show', 'dev', device]);
  const [link] = JSON.parse(text) as LinkJson[];
  if (link === undefined) throw new Error(`no link ${device} in ${namespace}`);
  return { mtu: link.mtu, kind: link.linkinfo?.info_kind, data: link.linkinfo?.info_data ?? {} };
}

export interface FdbEntry {
  readonly mac: string;
  readonly dst?: string;
  readonly state?: string;
}

/** The VXLAN device's own forwarding entries (`self`): the group entry, learned peers, and any static peers. */
export async function vxlanFdb(namespace: string, device: string): Promise<FdbEntry[]> {
  const text = await mustInNamespace(namespace, 'bridge', ['-j', 'fdb', 'show', 'dev', device]);
  const entries = JSON.parse(text) as (FdbEntry & { flags?: string[] })[];
  return entries.filter((entry) => entry.flags?.includes('self') === true);
}

/** A sysctl value inside a namespace (forwarding and IGMP settings are per namespace). */
export async function sysctl(namespace: string, key: string): Promise<string> {
  return (await mustInNamespace(namespace, 'sysctl', ['-n', key])).trim();
}

/** The route the kernel would take to `target` from inside the namespace, e.g. `{gateway, dev}`. */
export async function routeTo(namespace: string, target: string): Promise<{ readonly gateway?: string; readonly dev?: string }> {
  const [route] = JSON.parse(await mustInNamespace(namespace, 'ip', ['-j', 'route', 'get', target])) as { gateway?: string; dev?: string }[];
  return { gateway: route?.gateway, dev: route?.dev };
}

/** How many packets the namespace's IP layer has forwarded so far (`Ip: ForwDatagrams` of /proc/net/snmp). */
export async function forwardedPackets(namespace: string): Promise<number> {
  const lines = (await mustInNamespace(namespace, 'cat', ['/proc/net/snmp'])).split('\n').filter((line) => line.startsWith('Ip:'));
  const [names, values] = lines.map((line) => line.split(/\s+/));
  const index = names?.indexOf('ForwDatagrams') ?? -1;
  const value = Number(values?.[index]);
  if (index < 0 || !Number.isFinite(value)) throw new Error(`no ForwDatagrams counter in ${namespace}`);
  return value;
}

export interface IgmpDevice {
  /** The IGMP version the device speaks (V2 when forced, or when a v2 querier was seen). */
  readonly version: string;
  /** Groups joined on the device, dotted. */
  readonly groups: readonly string[];
}

/** The multicast memberships of every device (`/proc/net/igmp`, groups printed as little-endian hex). */
export async function igmpMemberships(namespace: string): Promise<ReadonlyMap<string, IgmpDevice>> {
  const devices = new Map<string, { version: string; groups: string[] }>();
  let current: { version: string; groups: string[] } | undefined;
  for (const line of (await mustInNamespace(namespace, 'cat', ['/proc/net/igmp'])).split('\n')) {
    const device = /^\d+\s+(\S+)\s*:\s*\d+\s+(V\d)/.exec(line);
    if (device !== null) {
      current = { version: device[2] ?? '', groups: [] };
      devices.set(device[1] ?? '', current);
      continue;
    }
    const group = /^\s+([0-9A-Fa-f]{8})\s/.exec(line)?.[1];
    if (group !== undefined && current !== undefined) {
      current.groups.push([6, 4, 2, 0].map((offset) => Number.parseInt(group.slice(offset, offset + 2), 16)).join('.'));
    }
  }
  return devices;
}
