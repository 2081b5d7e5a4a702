/**
 * Finds the spec files a command works on: explicit paths as given, globs expanded with fast-glob, and by default
 * every `specs/**\/*.platform.yaml`. The result is sorted so output never depends on directory order.
 */
import fg from 'fast-glob';
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
    if (!fg.isDynamicPattern(pattern)) {
      files.add(displayPath(pattern, options));
      continue;
    }
    const matches = await fg(pattern, { cwd: options.cwd, onlyFiles: true, dot: false, followSymbolicLinks: false });
    if (matches.length === 0) {
      diagnostics.push({
        code: 'PARSE013',
        severity: 'error',
        message: `no spec files match ${pattern}`,
        file: pattern,
        path: [],
        hint: `check the pattern; the default is ${DEFAULT_SPEC_PATTERN}`,
      });
    }
    for (const match of matches) files.add(displayPath(match, options));
  }
  return { files: [...files].sort(), diagnostics };
}
