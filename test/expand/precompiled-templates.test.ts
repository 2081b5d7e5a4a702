import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { precompiledTemplates } from '../../compiler/expand/precompile-templates.js';
import { COMPILE_OPTIONS, loadTemplates, readTemplate, shellQuote, type TemplateName } from '../../compiler/expand/user-data-templates.js';

const CONTEXTS = ['router', 'management', 'hypervisor'].map((role) => ({
  hostId: `${role}-1`,
  role,
  isRouter: role === 'router',
  underlayInterface: 'ens5',
  igmpSetting: 'net.ipv4.conf.ens5.force_igmp_version=2',
  netmask: '255.255.0.0',
  vni: 4242,
  port: 4789,
  multicastGroup: '239.1.1.1',
  mtu: 8951,
  address: "172.16.0.2/16 it's",
  mac: '02:00:ac:10:00:02',
  gateway: '172.16.0.1',
  uiPort: 8080,
  overlayCidr: '172.16.0.0/16',
  managementAddress: '172.16.0.2',
  hostname: `cloudstack-dev-${role}-1`,
  overlayScript: '#!/bin/bash\necho "$HOME"\n',
  delimiter: 'PLATFORMC_OVERLAY_EOF',
}));

function withShq(handlebars: typeof Handlebars): typeof Handlebars {
  handlebars.registerHelper('shq', (value: string | number) => shellQuote(value));
  return handlebars;
}

describe('precompiled user data templates', () => {
  it('render exactly what compiling the template text renders, for every kind of host', () => {
    const dir = mkdtempSync(join(tmpdir(), 'platformc-templates-'));
    const file = join(dir, 'user-data-templates.cjs');
    writeFileSync(file, precompiledTemplates());
    const generated = createRequire(import.meta.url)(file) as { sources: Record<TemplateName, string>; specs: Record<TemplateName, Parameters<typeof Handlebars.template>[0]> };
    const runtime = withShq(Handlebars.create());
    const compiler = withShq(Handlebars.create());
    for (const name of ['overlay', 'userData'] as const) {
      expect(generated.sources[name]).toBe(readTemplate(name));
      const precompiled = runtime.template(generated.specs[name]);
      const compiled = compiler.compile(readTemplate(name), COMPILE_OPTIONS);
      for (const context of CONTEXTS) expect(precompiled(context)).toBe(compiled(context));
    }
  });

  it('are loaded precompiled only when made from the current template text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'platformc-templates-'));
    const stale = join(dir, 'stale.cjs');
    writeFileSync(stale, `exports.sources = { overlay: 'old', userData: 'old' };\nexports.specs = { overlay: null, userData: null };\n`);
    const fresh = join(dir, 'fresh.cjs');
    writeFileSync(fresh, precompiledTemplates());
    const context = CONTEXTS[0] as object;
    const expected = loadTemplates({ generated: pathToFileURL(fresh) });
    for (const generated of [pathToFileURL(stale), pathToFileURL(join(dir, 'missing.cjs'))]) {
      const templates = loadTemplates({ generated });
      expect(templates.overlay(context)).toBe(expected.overlay(context));
      expect(templates.userData(context)).toBe(expected.userData(context));
    }
  });
});
