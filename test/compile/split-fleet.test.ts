/**
 * Splitting with the real expanders: one environment with 300 metal hypervisors does not fit one hosts stack
 * (its user data alone is over 1 MB), so the fleet spreads over hosts, hosts-2, ... with each hypervisor whole,
 * `perStack` (default 100) in each; and no other change to the spec moves a hypervisor to another stack.
 */
import { describe, expect, it } from 'vitest';
import { QUOTAS } from '../../compiler/assemble/quotas.js';
import { compileSource } from '../../compiler/compile.js';
import { parse, stringify } from 'yaml';
import { fleetSpec } from '../properties/spec-variants.js';

/** Which hosts stack each hypervisor's instance is in. */
function placement(text: string): Map<string, string> {
  const compiled = compileSource({ file: 'specs/fleet.platform.yaml', text });
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const owner = new Map<string, string>();
  for (const stack of (compiled.stacks ?? []).filter((s) => s.kind === 'hosts')) {
    for (const id of Object.keys(stack.template.Resources).filter((i) => /^Hypervisor\d+Instance$/.test(i))) owner.set(id, stack.name);
  }
  return owner;
}

/** The fleet spec with `edit` applied to its parsed value. */
function edited(hypervisors: number, edit: (spec: { network: { overlay: Record<string, unknown> }; hosts: { hypervisors: Record<string, unknown> }; platform: string }) => void): string {
  const value = parse(fleetSpec(hypervisors)) as Parameters<typeof edit>[0];
  edit(value);
  return stringify(value, { lineWidth: 0 });
}

describe('compile: a large hypervisor fleet', () => {
  const result = compileSource({ file: 'specs/fleet.platform.yaml', text: fleetSpec(300) });

  it('compiles without errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('splits the hosts stack into parts within every quota, each hypervisor in exactly one', () => {
    const hosts = (result.stacks ?? []).filter((s) => s.kind === 'hosts');
    expect(hosts.map((s) => s.name)).toEqual(['hosts', 'hosts-2', 'hosts-3']);
    const owner = new Map<string, string>();
    for (const stack of hosts) {
      expect(Object.keys(stack.template.Resources).length).toBeLessThanOrEqual(QUOTAS.resources);
      for (const id of Object.keys(stack.template.Resources)) {
        const hypervisor = /^Hypervisor\d+/.exec(id)?.[0];
        if (hypervisor === undefined) continue;
        expect(owner.get(hypervisor) ?? stack.name, `${hypervisor} is split across stacks`).toBe(stack.name);
        owner.set(hypervisor, stack.name);
      }
    }
    expect(owner.size).toBe(300);
    expect([...owner].filter(([, stack]) => stack === 'hosts-2').map(([id]) => id).sort()).toEqual(
      Array.from({ length: 100 }, (_, i) => `Hypervisor${String(101 + i).padStart(3, '0')}`),
    );
    for (const file of result.files.filter((f) => f.path.endsWith('.template.json'))) {
      expect(Buffer.byteLength(file.content), file.path).toBeLessThanOrEqual(QUOTAS.templateBytes);
    }
  });

  it('deploys the second part after the first, and lists both in the manifest', () => {
    const second = result.stacks?.find((s) => s.name === 'hosts-2');
    expect(second?.dependsOn).toContain('hosts');
    const manifest = JSON.parse(result.files.find((f) => f.path.endsWith('manifest.json'))?.content ?? '{}') as { environments: { stacks: { name: string }[] }[] };
    const names = manifest.environments[0]?.stacks.map((s) => s.name) ?? [];
    expect(names.indexOf('hosts-2')).toBeGreaterThan(names.indexOf('hosts'));
  });

  // Before, stacks were packed by template size: a longer VNI or a lower MTU changed every host's user data by a
  // few bytes, and the last hypervisor of hosts moved to hosts-2, which replaces it.
  it.each([
    ['a longer VNI and another MTU', (spec: Parameters<Parameters<typeof edited>[1]>[0]) => Object.assign(spec.network.overlay, { vni: 16000000, mtu: 1450 })],
    ['a longer platform name', (spec: Parameters<Parameters<typeof edited>[1]>[0]) => (spec.platform = 'cloudstack-long-name-x24')],
    ['bigger root volumes', (spec: Parameters<Parameters<typeof edited>[1]>[0]) => (spec.hosts.hypervisors.volumeGiB = 16000)],
  ])('keeps every hypervisor in its stack after %s', (_, edit) => {
    expect(placement(edited(300, edit))).toEqual(placement(fleetSpec(300)));
  });

  it('keeps every hypervisor\'s logical id when the fleet grows past 99', () => {
    const small = placement(fleetSpec(99));
    const grown = placement(fleetSpec(100));
    for (const id of small.keys()) expect(grown.has(id), id).toBe(true);
    expect([...grown.keys()].filter((id) => !small.has(id))).toEqual(['Hypervisor100Instance']);
  });

  it('moves hypervisors only when perStack changes, and more hypervisors only add to the last stack', () => {
    const before = placement(fleetSpec(250));
    const grown = placement(fleetSpec(260));
    for (const [id, stack] of before) expect(grown.get(id), id).toBe(stack);
    const regrouped = placement(edited(250, (spec) => (spec.hosts.hypervisors.perStack = 50)));
    expect(new Set(regrouped.values())).toEqual(new Set(['hosts', 'hosts-2', 'hosts-3', 'hosts-4', 'hosts-5']));
    expect(regrouped.get('Hypervisor51Instance')).toBe('hosts-2');
  });

  it('COMPILE004 names perStack when a stack of that many hypervisors is over 1 MB', () => {
    const compiled = compileSource({ file: 'specs/fleet.platform.yaml', text: edited(300, (spec) => (spec.hosts.hypervisors.perStack = 300)) });
    const over = compiled.diagnostics.filter((d) => d.code === 'COMPILE004');
    expect(over.length).toBeGreaterThan(0);
    expect(over[0]?.hint).toContain('lower hosts.hypervisors.perStack (now 300)');
  });

  it('a rolling batch chains hypervisors within each stack; the stack order covers the rest', () => {
    const text = edited(7, (spec) => Object.assign(spec.hosts.hypervisors, { perStack: 3, rollingBatch: 2 }));
    const compiled = compileSource({ file: 'specs/fleet.platform.yaml', text });
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const waits: Record<string, string> = {};
    for (const stack of (compiled.stacks ?? []).filter((s) => s.kind === 'hosts')) {
      for (const [id, r] of Object.entries(stack.template.Resources)) {
        if (/^Hypervisor\d+Instance$/.test(id)) waits[id] = `${stack.name}${r.DependsOn === undefined ? '' : ` after ${[r.DependsOn].flat().join(',')}`}`;
      }
    }
    expect(waits).toEqual({
      Hypervisor01Instance: 'hosts',
      Hypervisor02Instance: 'hosts',
      Hypervisor03Instance: 'hosts after Hypervisor01Instance',
      Hypervisor04Instance: 'hosts-2',
      Hypervisor05Instance: 'hosts-2',
      Hypervisor06Instance: 'hosts-2 after Hypervisor04Instance',
      Hypervisor07Instance: 'hosts-3',
    });
    expect(compiled.stacks?.find((s) => s.name === 'hosts-3')?.dependsOn).toContain('hosts-2');
  });
});
