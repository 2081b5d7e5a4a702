/**
 * Reads what is committed under the output directory for comparison with a fresh compile: the directories of the
 * compiled platforms, plus (when asked) those of platforms no spec defines any more, whose files are then all
 * "extra". Shared by `check` and deploy's freshness gate so both judge staleness the same way.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileContent } from './compare-output.js';

export interface CommittedOutput {
  readonly files: readonly FileContent[];
  /** Platforms with a manifest under the output directory but no spec. */
  readonly orphans: readonly string[];
}

export function readCommittedOutput(options: { readonly outDir: string; readonly platforms: readonly string[]; readonly withOrphans: boolean }): CommittedOutput {
  const orphans = options.withOrphans ? orphanPlatforms(options.outDir, options.platforms) : [];
  const files = [...options.platforms, ...orphans].flatMap((p) => readTree(join(options.outDir, p), p));
  return { files, orphans };
}

/** Every file under `dir`, as paths relative to the output directory (prefixed by the platform name). */
function readTree(dir: string, prefix: string): FileContent[] {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) return [];
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  const files: FileContent[] = [];
  for (const entry of entries.sort()) {
    const full = join(dir, entry);
    if (!statSync(full).isFile()) continue;
    files.push({ path: `${prefix}/${entry.split('\\').join('/')}`, content: readFileSync(full, 'utf8') });
  }
  return files;
}

/**
 * Output directories of platforms no spec defines any more (a spec deleted or renamed): a directory counts when it
 * holds a manifest.json, so unrelated folders under the output directory are left alone.
 */
function orphanPlatforms(outDir: string, compiled: readonly string[]): string[] {
  let names: string[];
  try {
    names = readdirSync(outDir, { encoding: 'utf8' });
  } catch {
    return [];
  }
  return names.filter((name) => !compiled.includes(name) && isFile(join(outDir, name, 'manifest.json'))).sort();
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
