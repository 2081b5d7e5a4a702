/**
 * Finds the spec files a command works on: explicit paths as given, a directory as every `*.platform.yaml` under
 * it, globs expanded with fast-glob, and by default every `specs/**\/*.platform.yaml`. The result is sorted so
 * output never depends on directory order.
 *
 * fast-glob is loaded only for a pattern that may be a glob other than the default: the default is a plain walk
 * of `specs/` with the same rules, and loading the glob library costs more than a compile of a small spec.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { displayPath } from './read-spec-file.js';

export const DEFAULT_SPEC_PATTERN = 'specs/**/*.platform.yaml';

/**
 * Expands `patterns` (default: specs/**\/*.platform.yaml) relative to `cwd`. A plain path without glob characters
 * is kept even when it does not exist, so reading it reports a precise "not found"; a glob that matches nothing
 * is reported as PARSE013.
 */
export async function findSpecs(options: { cwd: string; patterns?: readonly string[] }): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const patterns = options.patterns && options.patterns.length > 0 ? options.patterns : [DEFAULT_SPEC_PATTERN];
  const files = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const pattern of patterns) {
    const dir = pattern === DEFAULT_SPEC_PATTERN ? 'specs' : directoryOf(pattern, options.cwd);
    const matches = dir !== undefined ? specsUnder(options.cwd, dir) : await expandGlob(pattern, options.cwd);
    if (matches === undefined) {
      files.add(displayPath(pattern, options));
      continue;
    }
    if (matches.length === 0) {
      diagnostics.push({
        code: 'PARSE013',
        severity: 'error',
        message: dir !== undefined && pattern !== DEFAULT_SPEC_PATTERN ? `no spec files (*.platform.yaml) under ${pattern}` : `no spec files match ${pattern}`,
        file: pattern,
        path: [],
        hint: pattern === DEFAULT_SPEC_PATTERN
          ? 'start a project here with `platformc init --name <platform>` (it writes specs/<platform>.platform.yaml), or name the spec files'
          : dir !== undefined ? 'name the directory that holds the specs, or a spec file' : `check the pattern; the default is ${DEFAULT_SPEC_PATTERN}`,
      });
    }
    for (const match of matches) files.add(displayPath(match, options));
  }
  return { files: [...files].sort(), diagnostics };
}

/** Every character that can make a pattern a glob; a pattern without any is a plain path. */
const GLOB_CHARACTERS = /[*?[\]{}()!@+]/;

/** The files matching `pattern`, or undefined when it is a plain path rather than a glob. */
async function expandGlob(pattern: string, cwd: string): Promise<string[] | undefined> {
  if (!GLOB_CHARACTERS.test(pattern)) return undefined;
  const { default: fg } = await import('fast-glob');
  if (!fg.isDynamicPattern(pattern)) return undefined;
  // Entries of any kind, then the files among them, symbolic links to files included: fast-glob's onlyFiles
  // would drop a linked spec without a word. Linked directories are still not descended into.
  const entries = await fg(pattern, { cwd, onlyFiles: false, dot: false, followSymbolicLinks: false });
  return entries.filter((entry) => isFileOrLinkToFile(join(cwd, entry)));
}

/** A regular file, or a symbolic link that leads to one (a spec shared between repositories, say). */
function isFileOrLinkToFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `pattern` without a trailing slash when it is a plain path to a directory (`specs/`, `specs/team`). */
function directoryOf(pattern: string, cwd: string): string | undefined {
  if (GLOB_CHARACTERS.test(pattern)) return undefined;
  try {
    return statSync(resolve(cwd, pattern)).isDirectory() ? pattern.replace(/(?<=.)[/\\]+$/, '') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What `expandGlob` finds for `<dir>/**\/*.platform.yaml` (DEFAULT_SPEC_PATTERN with `specs`): files named
 * `*.platform.yaml` anywhere under `dir`, links to files included, skipping names that start with a dot and
 * node_modules (`platformc validate .`), and not descending into linked directories (no loops).
 */
function specsUnder(cwd: string, dir: string): string[] {
  const found: string[] = [];
  const walk = (relativeDir: string): void => {
    let entries;
    try {
      entries = readdirSync(resolve(cwd, relativeDir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.platform.yaml') && (entry.isFile() || (entry.isSymbolicLink() && isFileOrLinkToFile(resolve(cwd, path))))) found.push(path);
    }
  };
  walk(dir);
  return found;
}
