/**
 * Writes one file the build generates under `dist/generated/` (precompiled schema validator and templates),
 * creating the folder on the first write.
 */
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeDirectory } from '../emit/make-directory.js';

export function writeGenerated(url: URL, text: string): void {
  const path = fileURLToPath(url);
  makeDirectory(dirname(path));
  writeFileSync(path, text);
}
