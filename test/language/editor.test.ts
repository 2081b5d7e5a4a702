/**
 * What an editor shows for a spec, asked of the real yaml-language-server with the shipped JSON Schema through
 * each spec's `$schema` modeline: no problems on the examples, an unknown key on its line, documentation on
 * hover, completion of the keys still missing, the starter spec of `init` in a project that installs platformc,
 * and the schema's snippets, each of which inserts a spec part that platformc then accepts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../compiler/cli/main.js';
import type { SpecPath } from '../../compiler/diagnostics/diagnostic.js';
import { loadSpec } from '../../compiler/load/load-spec.js';
import { positionOf } from '../../compiler/load/positions.js';
import { validateSpec } from '../../compiler/validate/validate-spec.js';
import { expandSnippet, startYamlLanguageServer, type LanguageServer } from '../support/yaml-language-server.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schema', 'platform.schema.json'), 'utf8')) as unknown;
const example = (name: string): string => readFileSync(join(ROOT, 'specs', `${name}.platform.yaml`), 'utf8');

let server: LanguageServer;
let documents = 0;
/** A new document URI beside the examples, so that their `../schema/...` modeline finds the schema. */
const uri = (): string => pathToFileURL(join(ROOT, 'specs', `editor-${++documents}.platform.yaml`)).href;

beforeAll(async () => {
  server = await startYamlLanguageServer(ROOT);
}, 30_000);
afterAll(async () => server?.stop());

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle));

describe('the editor, with the shipped schema', () => {
  it.each(['cloudstack', 'minimal'])('shows no problem in the %s example', async (name) => {
    expect(await server.open(uri(), example(name))).toEqual([]);
  });

  it('flags an unknown key on its line', async () => {
    const text = example('cloudstack').replace('    logRetentionDays: 14\n', '    logRetentionDays: 14\n    regoin: us-east-1\n');
    const diagnostics = await server.open(uri(), text);
    expect(diagnostics.map((d) => [d.range.start.line, d.message])).toEqual([[lineOf(text, 'regoin'), 'Property regoin is not allowed.']]);
  });

  it('says what a pattern expects in the schema\'s words', async () => {
    const text = example('cloudstack').replace('path: /client/api', 'path: client/api');
    expect(text).toContain('path: client/api');
    const diagnostics = await server.open(uri(), text);
    expect(diagnostics.map((d) => [d.range.start.line, d.message])).toEqual([[lineOf(text, 'path: client/api'), 'expected a path starting with / (e.g. /client/)']]);
  });

  it('understands merge keys, as platformc does', async () => {
    const text = example('cloudstack').replace('  prod:\n', '  prod: &production\n').replace(/^ {2}dr:\n(?: {4}.*\n)+/m, '  dr:\n    <<: *production\n    region: us-west-2\n    vpcCidr: 10.30.0.0/16\n');
    expect(text).toContain('<<: *production');
    expect(await server.open(uri(), text)).toEqual([]);
  });

  it('accepts extension fields (x-...) that hold anchors', async () => {
    const text = example('cloudstack').replace(/^environments:\n/m, 'x-shared: &shared { logRetentionDays: 365 }\nenvironments:\n').replace(/^ {2}dr:\n/m, '  dr:\n    <<: *shared\n');
    expect(text).toContain('<<: *shared');
    const found = await server.open(uri(), text);
    expect(found.map((d) => d.message)).toEqual([]);
  });

  it('shows a field\'s documentation from the schema on hover', async () => {
    const text = example('cloudstack');
    const line = lineOf(text, '    vni:');
    const doc = uri();
    await server.open(doc, text);
    const shown = await server.hover(doc, { line, character: 5 });
    const overlay = (SCHEMA as { definitions: { network: { properties: { overlay: { properties: { vni: { description: string } } } } } } }).definitions.network.properties.overlay.properties.vni;
    expect(shown).toContain(overlay.description);
  });

  it('completes a routing policy from the eight the schema allows', async () => {
    const text = example('cloudstack');
    const at = lineOf(text, '      policy: weighted');
    const lines = text.split('\n');
    lines[at] = '      policy: ';
    const doc = uri();
    await server.open(doc, lines.join('\n'));
    const items = await server.completion(doc, { line: at, character: lines[at]?.length ?? 0 });
    expect(items.map((i) => i.label).sort()).toEqual(['failover', 'geolocation', 'geoproximity', 'ip-based', 'latency', 'multivalue', 'simple', 'weighted']);
  });

  it('completes the keys an environment does not have yet, with their documentation', async () => {
    const text = example('cloudstack');
    const at = lineOf(text, '    logRetentionDays: 14');
    const lines = text.split('\n');
    lines.splice(at + 1, 0, '    ');
    const doc = uri();
    await server.open(doc, lines.join('\n'));
    const items = await server.completion(doc, { line: at + 1, character: 4 });
    const labels = items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['protect', 'trustedAccounts']));
    expect(labels).not.toContain('region');
    const environment = (SCHEMA as { definitions: { environment: { properties: { protect: { description: string } } } } }).definitions.environment.properties.protect;
    const documentation = items.find((i) => i.label === 'protect')?.documentation;
    expect(typeof documentation === 'string' ? documentation : documentation?.value).toBe(environment.description);
  });
});

describe('the editor in a project that installs platformc', () => {
  it('finds the schema through the starter spec\'s modeline and shows no problem', async () => {
    const project = mkdtempSync(join(tmpdir(), 'platformc-editor-'));
    try {
      // As npm installs it: the package under node_modules/platformc.
      mkdirSync(join(project, 'node_modules'));
      symlinkSync(ROOT, join(project, 'node_modules', 'platformc'), 'dir');
      const io = { cwd: project, env: { NO_COLOR: '1' }, stdout: { write: () => true }, stderr: { write: () => true } };
      expect(await runCli(['init', '--name', 'shop'], io)).toBe(0);
      const text = readFileSync(join(project, 'specs', 'shop.platform.yaml'), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../node_modules/platformc/schema/platform.schema.json');
      const doc = pathToFileURL(join(project, 'specs', 'shop.platform.yaml')).href;
      expect(await server.open(doc, text)).toEqual([]);
      // The schema is really in use: an unknown key is flagged.
      const broken = text.replace('version: 1', 'version: 1\nplatfrom: shop');
      const other = pathToFileURL(join(project, 'specs', 'other.platform.yaml')).href;
      expect((await server.open(other, broken)).map((d) => d.message)).toEqual(['Property platfrom is not allowed.']);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

/** Where each snippet of the schema is offered: a collection of an example spec, its entries map keys or list items. */
const SNIPPET_PLACES: Readonly<Record<string, { readonly spec: string; readonly path: SpecPath; readonly list: boolean }>> = {
  'environment': { spec: 'minimal', path: ['environments'], list: false },
  'protected environment': { spec: 'minimal', path: ['environments'], list: false },
  'simple record': { spec: 'cloudstack', path: ['routing', 'records'], list: true },
  'weighted record': { spec: 'cloudstack', path: ['routing', 'records'], list: true },
  'latency record': { spec: 'cloudstack', path: ['routing', 'records'], list: true },
  'failover record': { spec: 'cloudstack', path: ['routing', 'records'], list: true },
  'geolocation record': { spec: 'cloudstack', path: ['routing', 'records'], list: true },
  'geoproximity record': { spec: 'cloudstack', path: ['routing', 'records'], list: true },
  'multivalue record': { spec: 'cloudstack', path: ['routing', 'records'], list: true },
  'ip-based record': { spec: 'cloudstack', path: ['routing', 'records'], list: true },
  'role': { spec: 'cloudstack', path: ['iam', 'roles'], list: false },
  'pipeline': { spec: 'cloudstack', path: ['pipelines'], list: false },
  'alarm': { spec: 'cloudstack', path: ['logging', 'alarms'], list: true },
};

/** Every `defaultSnippets` label anywhere in the schema. */
function snippetLabels(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(snippetLabels);
  if (typeof node !== 'object' || node === null) return [];
  const own = (node as { defaultSnippets?: { label: string }[] }).defaultSnippets?.map((s) => s.label) ?? [];
  return [...own, ...Object.entries(node).filter(([k]) => k !== 'defaultSnippets').flatMap(([, v]) => snippetLabels(v))];
}

describe('the schema\'s snippets', () => {
  it('are each tried below', () => {
    expect(snippetLabels(SCHEMA).sort()).toEqual(Object.keys(SNIPPET_PLACES).sort());
  });

  it.each(Object.entries(SNIPPET_PLACES))('"%s" is offered where it belongs and inserts a part platformc accepts', async (label, place) => {
    const text = example(place.spec);
    const loaded = loadSpec({ file: 'x', text }).loaded;
    if (loaded === undefined) throw new Error('the example does not load');
    // A new last entry of the collection, indented like its first one, with the cursor at its end.
    const block = positionOf(loaded, place.path);
    const first = positionOf(loaded, [...place.path, place.list ? 0 : Object.keys(childOf(loaded.value, place.path))[0] ?? '']);
    const lines = text.split('\n');
    const indent = /^\s*/.exec(lines[first.line - 1] ?? '')?.[0] ?? '';
    const at = (block.endCol === 1 ? (block.endLine ?? block.line) : (block.endLine ?? block.line) + 1) - 1;
    const start = place.list ? `${indent}- ` : indent;
    lines.splice(at, 0, start);
    const doc = uri();
    await server.open(doc, lines.join('\n'));
    const items = await server.completion(doc, { line: at, character: start.length });
    const item = items.find((i) => i.label === label);
    expect(item, `offered: ${items.map((i) => i.label).join(', ')}`).toBeDefined();
    if (item === undefined) return;

    lines[at] = `${start}${expandSnippet(item, indent)}`;
    const edited = lines.join('\n');
    const checked = loadSpec({ file: 'specs/edited.platform.yaml', text: edited });
    const findings = checked.loaded === undefined ? checked.diagnostics : [...checked.diagnostics, ...validateSpec(checked.loaded).diagnostics];
    expect(findings.map((d) => `${d.code} ${d.message}`), edited.split('\n').slice(at - 2, at + 14).join('\n')).toEqual([]);
    // The snippet really added an entry.
    expect(JSON.stringify(checked.loaded?.value)).not.toBe(JSON.stringify(loaded.value));
  });
});

function childOf(value: unknown, path: SpecPath): Readonly<Record<string, unknown>> {
  let node = value;
  for (const segment of path) node = (node as Readonly<Record<string, unknown>>)[String(segment)];
  return (node ?? {}) as Readonly<Record<string, unknown>>;
}
