/**
 * Regenerates `docs/` from the schema and the code registry, removing pages of codes that no
 * longer exist. Run from the repository root.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { makeDirectory } from '../emit/make-directory.js';
import { dirname, join, relative } from 'node:path';
import { CODE_REGISTRY } from '../diagnostics/code-registry.js';
import { generateDocs } from './generate-docs.js';
import type { SchemaNode } from './schema-pages.js';

/** Reads the schema of the repository at `root` and generates its docs (what the test compares too). */
export function docsFor(root: string): ReturnType<typeof generateDocs> {
  const schema = JSON.parse(readFileSync(join(root, 'schema/platform.schema.json'), 'utf8')) as SchemaNode;
  return generateDocs({ schema, codes: CODE_REGISTRY });
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
  } catch {
    return [];
  }
}

/** Writes docs/ under `root`; returns how many files changed and were removed. */
export function writeDocs(root: string): { written: number; removed: number } {
  const docs = join(root, 'docs');
  const files = docsFor(root);
  const wanted = new Set(files.map((file) => file.path));
  let written = 0;
  for (const file of files) {
    const target = join(docs, file.path);
    let current: string | undefined;
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === file.content) continue;
    makeDirectory(dirname(target));
    writeFileSync(target, file.content);
    written += 1;
  }
  const stale = listFiles(docs).filter((path) => path.endsWith('.md') && !wanted.has(path));
  for (const path of stale) rmSync(join(docs, path));
  return { written, removed: stale.length };
}
