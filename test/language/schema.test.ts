/**
 * The JSON Schema is documentation for editors: every field has a description and examples, objects are closed,
 * and it agrees with the example specs. The code registry describes every code once.
 */
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODE_REGISTRY } from '../../compiler/diagnostics/code-registry.js';
import { loadSpec } from '../../compiler/load/load-spec.js';

type Schema = { readonly [key: string]: unknown };
const SCHEMA = JSON.parse(readFileSync(new URL('../../schema/platform.schema.json', import.meta.url), 'utf8')) as Schema;

function resolve(node: Schema): Schema {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  const target = ref.replace('#/definitions/', '');
  return { ...(SCHEMA.definitions as Record<string, Schema>)[target], ...node };
}

/** Every named property anywhere in the schema, with its path, after following $ref. */
function properties(node: Schema, path: string, seen: Set<string>): { path: string; schema: Schema }[] {
  const schema = resolve(node);
  const out: { path: string; schema: Schema }[] = [];
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  for (const [name, child] of Object.entries(props)) {
    const childPath = `${path}.${name}`;
    out.push({ path: childPath, schema: resolve(child) });
    const key = typeof child.$ref === 'string' ? child.$ref : childPath;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(...properties(child, childPath, seen));
  }
  for (const nested of [schema.items, schema.additionalProperties]) {
    if (typeof nested === 'object' && nested !== null) out.push(...properties(nested as Schema, `${path}[]`, seen));
  }
  return out;
}

describe('platform.schema.json', () => {
  const all = properties(SCHEMA, '', new Set());

  it('documents every field with a description and examples', () => {
    expect(all.length).toBeGreaterThan(80);
    const undocumented = all.filter(({ schema }) => typeof schema.description !== 'string' || (!Array.isArray(schema.examples) && !('const' in schema) && !('enum' in schema)));
    expect(undocumented.map((p) => p.path)).toEqual([]);
  });

  it('says in words what every pattern expects, for editors and for SCHEMA006/SCHEMA008', () => {
    const patterns: { path: string; node: Schema }[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}[${i}]`));
      if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
      const schema = node as Schema;
      if (typeof schema.pattern === 'string' && !path.endsWith('.properties')) patterns.push({ path, node: schema });
      for (const [key, child] of Object.entries(schema)) if (key !== 'examples' && key !== 'defaultSnippets') walk(child, `${path}.${key}`);
    };
    walk(SCHEMA, '');
    expect(patterns.length).toBeGreaterThanOrEqual(8);
    expect(patterns.filter(({ node }) => typeof node.patternErrorMessage !== 'string' || !String(node.patternErrorMessage).startsWith('expected ')).map((p) => p.path)).toEqual([]);
  });

  it('closes every object, so unknown keys are reported', () => {
    const definitions = Object.entries(SCHEMA.definitions as Record<string, Schema>);
    const open = definitions.filter(([, d]) => d.properties !== undefined && d.additionalProperties !== false).map(([name]) => name);
    expect(open).toEqual([]);
  });

  it('compiles in strict mode and accepts the example specs', () => {
    // The keywords for editors only (completion snippets, pattern messages) are declared; anything else unknown fails here.
    const validate = new Ajv({ strict: true, allowUnionTypes: true, keywords: ['defaultSnippets', 'patternErrorMessage'] }).compile(SCHEMA);
    for (const file of ['cloudstack', 'minimal']) {
      const text = readFileSync(new URL(`../../specs/${file}.platform.yaml`, import.meta.url), 'utf8');
      expect(text.startsWith('# yaml-language-server: $schema=../schema/platform.schema.json\n')).toBe(true);
      expect(validate(loadSpec({ file, text }).loaded?.value)).toBe(true);
    }
  });
});

describe('code registry', () => {
  it('describes every code once, completely', () => {
    const codes = CODE_REGISTRY.map((info) => info.code);
    expect(codes.filter((code, i) => codes.indexOf(code) !== i)).toEqual([]);
    for (const info of CODE_REGISTRY) {
      expect(info.title.length * info.why.length * info.example.length * info.fix.length, info.code).toBeGreaterThan(0);
    }
  });

  it('points no fix at files of platformc\'s own repository, which a user\'s repository does not have', () => {
    const texts = CODE_REGISTRY.flatMap((info) => [info.why, info.fix, info.example].map((text) => `${info.code}: ${text}`));
    expect(texts.filter((text) => /\.ci\/|setup:python|setup-python|minimal\.platform\.yaml/.test(text))).toEqual([]);
  });
});
