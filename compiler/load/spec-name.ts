/**
 * The name a spec goes by in generated output (template descriptions, source maps, the manifest): its path from
 * the root of the git repository it lives in, so that output does not depend on the directory platformc runs in
 * (`platformc compile ../specs/x.platform.yaml --out ../generated` from a subdirectory writes the same bytes as
 * `platformc compile` at the root). Outside a repository, the path as given. Diagnostics keep the path as given,
 * relative to the working directory, where terminals and editors open it.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const roots = new Map<string, string | undefined>();

/** The nearest directory at or above `dir` that holds `.git` (a folder, or a file for worktrees); memoized. */
function repositoryRoot(dir: string): string | undefined {
  if (roots.has(dir)) return roots.get(dir);
  const parent = dirname(dir);
  const root = existsSync(join(dir, '.git')) ? dir : parent === dir ? undefined : repositoryRoot(parent);
  roots.set(dir, root);
  return root;
}

/** `file` (relative to `cwd`, as the user gave it) as generated output names it. */
export function outputSpecName(file: string, cwd: string): string {
  const given = file.split('\\').join('/');
  const root = repositoryRoot(resolve(cwd));
  if (root === undefined) return given;
  const fromRoot = relative(root, resolve(cwd, file));
  // A spec outside the repository keeps the path as given.
  return fromRoot.startsWith('..') || fromRoot === '' ? given : fromRoot.split(sep).join('/');
}
