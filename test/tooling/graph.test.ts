/**
 * graph and list over a platform compiled from the init starter: what the pictures must show, valid syntax
 * (the real Graphviz, as WebAssembly), collapsing of large fleets, and the list table.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { mermaidError } from './mermaid-parser.js';
import { describe, expect, it } from 'vitest';
import { compileSource } from '../../compiler/compile.js';
import type { Manifest } from '../../compiler/emit/manifest.js';
import type { Platform } from '../../compiler/model/platform.js';
import { buildGraph, MAX_DRAWN_HYPERVISORS } from '../../compiler/tooling/graph-model.js';
import { initFiles } from '../../compiler/tooling/init.js';
import { listRows, renderListTable } from '../../compiler/tooling/list.js';
import { renderDot } from '../../compiler/tooling/render-dot.js';
import { renderMermaid } from '../../compiler/tooling/render-mermaid.js';

function compiled(text: string): { platform: Platform; manifest: Manifest } {
  const result = compileSource({ file: 'specs/demo.platform.yaml', text });
  const manifest = result.files.find((file) => file.path.endsWith('manifest.json'));
  if (result.platform === undefined || manifest === undefined) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return { platform: result.platform, manifest: JSON.parse(manifest.content) as Manifest };
}

const starter = initFiles('demo')[0]?.content ?? '';
const { platform, manifest } = compiled(starter);

describe('graph', () => {
  it('shows every environment, its stacks with deploy order, and the network', () => {
    const mermaid = renderMermaid(buildGraph(platform, manifest));
    for (const env of platform.environments) {
      expect(mermaid).toContain(`subgraph env_${env.name}["${env.name}: account ${env.account}, ${env.region}"]`);
      expect(mermaid).toContain(`VPC ${env.vpcCidr}`);
      expect(mermaid).toContain(`host subnet ${env.hostSubnetCidr}`);
      for (const host of env.hosts) expect(mermaid).toContain(`${env.name}_${host.id}["${host.id}<br/>`);
      const stacks = manifest.environments.find((each) => each.name === env.name)?.stacks ?? [];
      for (const stack of stacks) {
        for (const dependency of stack.dependsOn) expect(mermaid).toContain(`${env.name}_stack_${dependency} --> ${env.name}_stack_${stack.name}`);
      }
    }
    expect(mermaid).toContain('Transit Gateway<br/>multicast 239.255.0.1 (IGMPv2)');
    expect(mermaid).toContain('overlay 172.16.0.0/22<br/>VNI 100, UDP 4789, MTU 8951');
  });

  it('limits the picture to one environment', () => {
    const mermaid = renderMermaid(buildGraph(platform, manifest, { env: 'prod' }));
    expect(mermaid).toContain('env_prod');
    expect(mermaid).not.toContain('env_dev');
  });

  it(`draws fleets of more than ${MAX_DRAWN_HYPERVISORS} hypervisors as one node`, () => {
    const big = compiled(starter.replace('prod: 2', 'prod: 40'));
    const mermaid = renderMermaid(buildGraph(big.platform, big.manifest, { env: 'prod' }));
    expect(mermaid).toContain('hypervisor01 .. hypervisor40 (40)');
    expect(mermaid).not.toContain('prod_hypervisor02[');
  });

  it('is deterministic', () => {
    expect(renderDot(buildGraph(platform, manifest))).toBe(renderDot(buildGraph(compiled(starter).platform, manifest)));
  });

  it('writes Mermaid that Mermaid itself parses, for every environment and the whole platform', async () => {
    for (const options of [{}, ...platform.environments.map((env) => ({ env: env.name }))]) {
      expect(await mermaidError(renderMermaid(buildGraph(platform, manifest, options))), JSON.stringify(options)).toBeUndefined();
    }
    expect(await mermaidError('flowchart TD\n  a --> ((')).toMatch(/Parse error/);
  });

  // The real Graphviz, compiled to WebAssembly, so this runs everywhere; it throws on a syntax error.
  it('writes DOT that Graphviz lays out, with every environment drawn', async () => {
    const graphviz = await Graphviz.load();
    const svg = graphviz.layout(renderDot(buildGraph(platform, manifest)), 'svg', 'dot');
    expect(svg).toContain('<svg');
    for (const env of platform.environments) expect(svg).toContain(`<title>cluster_env_${env.name}</title>`);
    expect(() => graphviz.layout('digraph { a -> ', 'svg', 'dot')).toThrow();
  });
});

describe('list', () => {
  it('lists every stack in deploy order with account, region and protection', () => {
    const rows = listRows([manifest]);
    expect(rows.map((row) => `${row.env}/${row.stack}`)).toEqual(manifest.environments.flatMap((env) => env.stacks.map((stack) => `${env.name}/${stack.name}`)));
    const table = renderListTable(rows, { bold: (text) => text }).split('\n');
    expect(table[0]).toMatch(/^PLATFORM +ENV +ACCOUNT +REGION +STACK +STACK NAME +AFTER +PROTECTED$/);
    expect(table.find((line) => line.includes('demo-prod-hosts'))).toMatch(/prod +444455556666 +us-east-1 +hosts +demo-prod-hosts +\S+ +yes$/);
  });
});
