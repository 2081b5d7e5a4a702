/**
 * Creates a directory and its missing parents, one level at a time. Node 20's `mkdirSync(path, { recursive: true })`
 * never returns for some paths where creation is impossible (any folder under `/proc/<pid>`), which would hang
 * `compile --out` and `init`; this version throws the first error instead.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function makeDirectory(path: string): void {
  const absolute = resolve(path);
  const missing: string[] = [];
  let current = absolute;
  while (!isDirectory(current)) {
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dir of missing.reverse()) mkdirSync(dir);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
