/**
 * The overlay harness: the hosts of every environment of the bundled specs (see example.ts), simulated with
 * network namespaces on this machine, run the overlay script from their generated user data, and the overlay must
 * carry traffic. See topology.ts for the simulated VPC. Skips, saying why, where the machine cannot create
 * namespaces or VXLAN interfaces (and fails instead with PLATFORMC_OVERLAY=require).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment, Host } from '../../compiler/model/platform.js';
import { forwardedPackets, igmpMemberships, linkState, ping, type Pinger, routeTo, sysctl, vxlanFdb } from './checks.js';
import { loadExamples, userDataOf, type Example } from './example.js';
import { formatAddress, parseCidr } from './ipv4.js';
import { deleteNamespaces, deleteStaleNamespaces, listNamespaces, runPrefix } from './netns.js';
import { probeOverlaySupport } from './probe.js';
import { runScript } from './run-script.js';
import { ask, serveOnce } from './tcp.js';
import { MANAGEMENT_UI_PORT } from '../../compiler/model/routing-targets.js';
import { addHost, buildTopology, type HostNode, type Topology } from './topology.js';

/** Bounds the runtime on large fleets; the bundled example stays below it in every environment. */
const MAX_HYPERVISORS = 8;

const support = await probeOverlaySupport();
if (support.supported) await deleteStaleNamespaces();
const examples: Example[] = support.supported ? loadExamples() : [];
const pinger: Pinger = support.supported ? support.pinger : 'iputils';
const timings: string[] = [];

if (!support.supported) {
  console.warn(`overlay harness SKIPPED: ${support.reason}`);
}

function hostsUnderTest(env: Environment): Host[] {
  const hypervisors = env.hosts.filter((host) => host.role === 'hypervisor').slice(0, MAX_HYPERVISORS);
  return [...env.hosts.filter((host) => host.role !== 'hypervisor'), ...hypervisors];
}

function addressAfter(addresses: readonly string[], step: number): string {
  const highest = Math.max(...addresses.map((address) => parseCidr(`${address}/32`).base));
  return formatAddress(highest + step);
}

/** A host that is not part of the compiled environment: a fresh underlay and overlay address. */
function extraHost(env: Environment, step: number, id: string): Host {
  const template = env.hosts.find((host) => host.role === 'hypervisor') ?? env.hosts[env.hosts.length - 1];
  if (template === undefined) throw new Error(`environment ${env.name} has no hosts`);
  return {
    ...template,
    id,
    underlayAddress: addressAfter(env.hosts.map((host) => host.underlayAddress), step),
    overlayAddress: addressAfter(env.hosts.map((host) => host.overlayAddress), step),
  };
}

/** Where the harness must run (the project's CI), `PLATFORMC_OVERLAY=require` turns a skip into a failure. */
const required = process.env.PLATFORMC_OVERLAY === 'require';
const suite = support.supported ? describe : describe.skip;
const title = support.supported ? 'overlay harness' : `overlay harness (skipped: ${support.reason})`;

if (!support.supported && required) {
  describe('overlay harness (required by PLATFORMC_OVERLAY=require)', () => {
    it('can run on this machine', () => {
      expect.fail(`the overlay harness cannot run here: ${support.reason}`);
    });
  });
}

suite(title, () => {
  const environments = examples.flatMap((example) => example.platform.environments.map((env) => ({ example, env })));

  afterAll(() => {
    if (timings.length > 0) console.log(`overlay harness timings (echo requests by ${pinger === 'iputils' ? 'iputils ping' : 'icmp-echo.py'}):\n  ${timings.join('\n  ')}`);
  });

  it('compiles environments to test', () => {
    expect(environments.length).toBeGreaterThan(0);
  });

  describe.each(environments.map(({ example, env }) => [`${example.platform.name}/${env.name}`, example, env] as const))('environment %s', (_name, example, env) => {
    const prefix = runPrefix();
    const label = `${example.platform.name}/${env.name}`;
    const hosts = hostsUnderTest(env);
    let topology: Topology | undefined;
    let started = 0;
    const node = (role: Host['role']): HostNode => {
      const found = topology?.hosts.find((candidate) => candidate.host.role === role);
      if (found === undefined) throw new Error(`no ${role} in environment ${env.name}`);
      return found;
    };
    const others = (self: HostNode): HostNode[] => topology?.hosts.filter((candidate) => candidate !== self) ?? [];

    beforeAll(async () => {
      started = performance.now();
      topology = await buildTopology(env, { prefix, hosts });
      await Promise.all(topology.hosts.map((each) => runScript(each.namespace, example.render(example.platform, env, each.host))));
      timings.push(`${label}: ${hosts.length} hosts set up in ${Math.round(performance.now() - started)} ms`);
    });

    afterAll(async () => {
      const deleted = await deleteNamespaces(prefix);
      const left = (await listNamespaces()).filter((name) => name.startsWith(prefix));
      timings.push(`${label}: all checks and cleanup of ${deleted.length} namespaces in ${Math.round(performance.now() - started)} ms`);
      expect(left).toEqual([]);
    });

    it("each host's overlay script is the text its compiled user data installs", () => {
      const userData = userDataOf(example, env.name);
      for (const host of hosts) {
        const script = example.render(example.platform, env, host);
        expect(userData.filter((text) => text.includes(script)).length, `user data of ${host.id}`).toBe(1);
      }
    });

    it('every host reaches every other host on the overlay', async () => {
      const pairs = (topology?.hosts ?? []).flatMap((from) => others(from).map((to) => ({ from, to })));
      const results = await Promise.all(pairs.map(async ({ from, to }) => ({
        pair: `${from.host.id} -> ${to.host.id} (${to.host.overlayAddress})`,
        result: await ping(pinger, from.namespace, to.host.overlayAddress, { attempts: 3 }),
      })));
      expect(results.filter(({ result }) => !result.ok).map(({ pair, result }) => `${pair}: ${result.output}`)).toEqual([]);
      timings.push(`${label}: ${pairs.length} host-to-host pings over the overlay`);
    });

    it('VTEPs discover each other through the multicast group, with no static peers', async () => {
      const underlay = new Set(hosts.map((host) => host.underlayAddress));
      for (const each of topology?.hosts ?? []) {
        const fdb = await vxlanFdb(each.namespace, 'ethvxlan0');
        const permanent = fdb.filter((entry) => entry.state === 'permanent');
        expect(permanent.map((entry) => entry.dst)).toEqual([env.overlay.multicastGroup]);
        const learned = fdb.filter((entry) => entry.state !== 'permanent').map((entry) => entry.dst);
        expect(learned.length).toBeGreaterThan(0);
        expect(learned.filter((dst) => dst === undefined || !underlay.has(dst) || dst === each.host.underlayAddress)).toEqual([]);
      }
    });

    it("the VXLAN interface carries the spec's VNI, port, group and underlay device, enslaved to cloudbr0", async () => {
      for (const each of topology?.hosts ?? []) {
        const vxlan = await linkState(each.namespace, 'ethvxlan0');
        expect(vxlan.kind).toBe('vxlan');
        expect(vxlan.data).toMatchObject({
          id: env.overlay.vni, port: env.overlay.port, group: env.overlay.multicastGroup, link: env.overlay.underlayInterface,
        });
        expect((await linkState(each.namespace, 'cloudbr0')).kind).toBe('bridge');
      }
    });

    it("the overlay MTU in effect is the spec's: mtu-28 bytes of ICMP pass with DF, one more byte does not", async () => {
      for (const each of topology?.hosts ?? []) {
        expect((await linkState(each.namespace, 'ethvxlan0')).mtu).toBe(env.overlay.mtu);
        expect((await linkState(each.namespace, 'cloudbr0')).mtu).toBe(env.overlay.mtu);
      }
      const from = node('management');
      const to = topology?.hosts.find((candidate) => candidate.host.role === 'hypervisor') ?? node('router');
      const fits = await ping(pinger, from.namespace, to.host.overlayAddress, { size: env.overlay.mtu - 28, dontFragment: true, attempts: 2 });
      expect(fits.ok, fits.output).toBe(true);
      const tooBig = await ping(pinger, from.namespace, to.host.overlayAddress, { size: env.overlay.mtu - 27, dontFragment: true });
      expect(tooBig.ok, tooBig.output).toBe(false);
    });

    it('every VTEP joined the multicast group on the underlay interface, speaking IGMPv2', async () => {
      const device = env.overlay.underlayInterface;
      for (const each of topology?.hosts ?? []) {
        expect(await sysctl(each.namespace, `net.ipv4.conf.${device}.force_igmp_version`)).toBe('2');
        const membership = (await igmpMemberships(each.namespace)).get(device);
        expect({ host: each.host.id, version: membership?.version, joined: membership?.groups.includes(env.overlay.multicastGroup) })
          .toEqual({ host: each.host.id, version: 'V2', joined: true });
      }
    });

    it('IPv4 forwarding is on for the router only', async () => {
      for (const each of topology?.hosts ?? []) {
        expect([each.host.id, await sysctl(each.namespace, 'net.ipv4.ip_forward')]).toEqual([each.host.id, each.host.role === 'router' ? '1' : '0']);
      }
    });

    it("a client in the service subnet reaches the management server's overlay address through the router", async () => {
      if (topology === undefined) throw new Error('no topology');
      const management = node('management');
      const router = node('router');
      const before = await forwardedPackets(router.namespace);
      const result = await ping(pinger, topology.client.namespace, management.host.overlayAddress, { attempts: 3 });
      expect(result.ok, result.output).toBe(true);
      // The request in and the reply out: both forwarded by the router.
      expect(await forwardedPackets(router.namespace) - before).toBeGreaterThanOrEqual(2);
      // The reply goes back over the overlay to the router, not out of the underlay interface.
      expect(await routeTo(management.namespace, topology.client.address)).toEqual({ gateway: env.overlay.gateway, dev: 'cloudbr0' });
      // The router itself has no gateway on the bridge: it reaches the VPC through its underlay interface.
      expect((await routeTo(router.namespace, topology.client.address)).dev).toBe(env.overlay.underlayInterface);
    });

    it("the router forwards the management UI from its own address (where the Elastic IP arrives) to the management server", async () => {
      if (topology === undefined) throw new Error('no topology');
      const management = node('management');
      const router = node('router');
      const stop = await serveOnce(management.namespace, management.host.overlayAddress, MANAGEMENT_UI_PORT, 'cloudstack-ui');
      try {
        const reached = await ask(topology.client.namespace, router.host.underlayAddress, MANAGEMENT_UI_PORT);
        expect(reached.ok, reached.answer).toBe(true);
        // Served by the management server; the client's own address arrives unchanged (no source NAT).
        expect(reached.answer).toBe(`cloudstack-ui from ${management.host.overlayAddress}, peer ${topology.client.address}`);
      } finally {
        stop();
      }
      // Nothing else is forwarded: another port on the router's address is not the management server's.
      expect((await ask(topology.client.namespace, router.host.underlayAddress, MANAGEMENT_UI_PORT + 1)).ok).toBe(false);
    });

    it('running the scripts again, as the boot unit does, keeps the overlay and its settings', async () => {
      if (topology === undefined) throw new Error('no topology');
      await Promise.all(topology.hosts.map((each) => runScript(each.namespace, example.render(example.platform, env, each.host))));
      const from = node('management');
      const results = await Promise.all(others(from).map((to) => ping(pinger, from.namespace, to.host.overlayAddress, { attempts: 3 })));
      expect(results.filter((result) => !result.ok).map((result) => result.output)).toEqual([]);
      for (const each of topology.hosts) {
        expect((await linkState(each.namespace, 'ethvxlan0')).mtu).toBe(env.overlay.mtu);
        expect(await sysctl(each.namespace, 'net.ipv4.ip_forward')).toBe(each.host.role === 'router' ? '1' : '0');
      }
    });

    describe('a host configured by hand with other values is cut off (so the configuration matters)', () => {
      const cases = [
        { id: 'same', change: 'nothing changed (control)', overlay: {}, reaches: true },
        { id: 'vni', change: 'VNI + 1', overlay: { vni: env.overlay.vni + 1 }, reaches: false },
        { id: 'group', change: 'another multicast group', overlay: { multicastGroup: otherGroup(env.overlay.multicastGroup) }, reaches: false },
      ];
      // Independent namespaces, so the cases run side by side (the failing pings each wait their full second).
      it.concurrent.for(cases.map((c, index) => ({ ...c, step: index + 1 })))('$change: reaches the others = $reaches', async ({ id, overlay, reaches, step }, { expect }) => {
        if (topology === undefined) throw new Error('no topology');
        const host = extraHost(env, step, `extra-${id}`);
        const altered: Environment = { ...env, overlay: { ...env.overlay, ...overlay } };
        const extra = await addHost(topology, host, { name: `x${id}` });
        await runScript(extra.namespace, example.render(example.platform, altered, host));
        const management = node('management');
        const attempts = reaches ? 3 : 1;
        const [out, back] = await Promise.all([
          ping(pinger, extra.namespace, management.host.overlayAddress, { attempts }),
          ping(pinger, management.namespace, host.overlayAddress, { attempts }),
        ]);
        expect({ out: out.ok, back: back.ok }).toEqual({ out: reaches, back: reaches });
      });
    });
  });
});

function otherGroup(group: string): string {
  const value = parseCidr(`${group}/32`).base;
  return formatAddress(value % 256 === 254 ? value - 1 : value + 1);
}
