/**
 * Writes one platform's files under the output directory and removes the ones it no longer produces (a stack
 * that went away, a hosts-2 that is no longer needed). Only files platformc itself names are ever deleted, and
 * unchanged files are left untouched so their timestamps do not churn.
 */
import { readFileSync, readdirSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { OutputFile } from './emit.js';
import { makeDirectory } from './make-directory.js';

const GENERATED_NAME = /(\.template\.json|\.parameters\.json|\.sourcemap\.json|^manifest\.json)$/;

/** True for a file name platformc writes, and so may delete when its stack goes away; other files it never touches. */
export function isGeneratedName(name: string): boolean {
  return GENERATED_NAME.test(name);
}

export interface WriteSummary {
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
}

/** `files` are relative to `outDir` and all start with `<platform>/`. */
export function writePlatformOutput(options: { outDir: string; platform: string; files: readonly OutputFile[] }): WriteSummary {
  const root = join(options.outDir, options.platform);
  const wanted = new Map(options.files.map((f) => [join(options.outDir, ...f.path.split('/')), f.content]));
  let removed = 0;
  const existingFiles = new Set(listFiles(root));
  for (const existing of existingFiles) {
    if (!wanted.has(existing) && isGeneratedName(existing.split(sep).pop() ?? '')) {
      unlinkSync(existing);
      removed++;
    }
  }
  let written = 0;
  let unchanged = 0;
  const made = new Set<string>();
  for (const [path, content] of wanted) {
    // Only files the listing found are read: a first compile (or a new environment) reads nothing.
    if (existingFiles.has(path) && readOrUndefined(path) === content) {
      unchanged++;
      continue;
    }
    // Once per directory, not per file: an environment's dozen files share one.
    const dir = dirname(path);
    if (!made.has(dir)) {
      makeDirectory(dir);
      made.add(dir);
    }
    writeFileSync(path, content);
    written++;
  }
  removeEmptyDirectories(root);
  return { written, unchanged, removed };
}

function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function removeEmptyDirectories(dir: string): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) if (e.isDirectory()) removeEmptyDirectories(join(dir, e.name));
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}
