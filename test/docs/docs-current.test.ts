/**
 * docs/ is generated from the schema and the diagnostic code registry; the committed files must be exactly what
 * `npm run docs` produces now, and every code must have a page with an example and a fix.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CODE_REGISTRY } from '../../compiler/diagnostics/code-registry.js';
import { codePageName } from '../../compiler/docs/code-pages.js';
import { generateDocs } from '../../compiler/docs/generate-docs.js';
import { docsFor } from '../../compiler/docs/write-docs.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docsDir = join(root, 'docs');

function committed(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(docsDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(docsDir, path).split('\\').join('/'), readFileSync(path, 'utf8'));
  }
  return files;
}

describe('docs/', () => {
  it('is current (run `npm run docs` and commit docs/ when this fails)', () => {
    const wanted = docsFor(root);
    const onDisk = committed();
    const stale = wanted.filter((file) => onDisk.get(file.path) !== file.content).map((file) => file.path);
    const extra = [...onDisk.keys()].filter((path) => !wanted.some((file) => file.path === path));
    expect({ stale, extra }).toEqual({ stale: [], extra: [] });
  });

  it('has a page for every diagnostic code, with an example and the fix', () => {
    const pages = new Map(docsFor(root).map((file) => [file.path, file.content]));
    const missing = CODE_REGISTRY.filter((info) => {
      const page = pages.get(`codes/${codePageName(info.code)}`);
      return page === undefined || info.example.trim() === '' || info.fix.trim() === ''
        || !page.includes(info.example.trimEnd()) || !page.includes(info.fix.trim());
    });
    expect(missing.map((info) => info.code)).toEqual([]);
  });

  it('does not depend on the order of the registry', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schema/platform.schema.json'), 'utf8')) as object;
    expect(generateDocs({ schema, codes: [...CODE_REGISTRY].reverse() })).toEqual(generateDocs({ schema, codes: CODE_REGISTRY }));
  });

  it('every field of the schema has a description (editors show it on hover; the reference page prints it)', () => {
    interface Node { $ref?: string; description?: string; properties?: Record<string, Node>; additionalProperties?: boolean | Node; items?: Node; definitions?: Record<string, Node> }
    const schema = JSON.parse(readFileSync(join(root, 'schema/platform.schema.json'), 'utf8')) as Node;
    const described = (node: Node): boolean =>
      node.description !== undefined || (node.$ref !== undefined && schema.definitions?.[node.$ref.replace('#/definitions/', '')]?.description !== undefined);
    const missing: string[] = [];
    const walk = (node: Node, path: string): void => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (!described(child)) missing.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
      if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${path}.<name>`);
      if (node.items !== undefined) walk(node.items, `${path}[]`);
    };
    walk(schema, '');
    for (const [name, definition] of Object.entries(schema.definitions ?? {})) walk(definition, `#${name}`);
    expect(missing).toEqual([]);
  });

  it('documents every field of the schema that has a description', () => {
    const spec = docsFor(root).find((file) => file.path === 'reference/spec.md')?.content ?? '';
    for (const field of ['network.overlay.vni', 'network.overlay.multicastGroup', 'hosts.hypervisors.count', 'environments.<name>.vpcCidr', 'iam.boundaries.<name>.deny']) {
      expect(spec).toContain(`\`${field}\``);
    }
  });
});
