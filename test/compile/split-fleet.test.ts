/**
 * Splitting with the real expanders: one environment with 300 metal hypervisors does not fit one hosts stack
 * (its user data alone is over 1 MB), so the fleet spreads over hosts, hosts-2, ... with each hypervisor whole.
 */
import { describe, expect, it } from 'vitest';
import { QUOTAS } from '../../compiler/assemble/quotas.js';
import { compileSource } from '../../compiler/compile.js';
import { fleetSpec } from '../properties/spec-variants.js';

describe('compile: a large hypervisor fleet', () => {
  const result = compileSource({ file: 'specs/fleet.platform.yaml', text: fleetSpec(300) });

  it('compiles without errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('splits the hosts stack into parts within every quota, each hypervisor in exactly one', () => {
    const hosts = (result.stacks ?? []).filter((s) => s.kind === 'hosts');
    expect(hosts.map((s) => s.name)).toEqual(['hosts', 'hosts-2']);
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
});
