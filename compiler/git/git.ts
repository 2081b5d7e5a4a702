/**
 * Reading files as they are at a git revision, without touching the working tree or the index: `git show
 * <ref>:<path>` and `git ls-tree`. Every call runs git directly (no shell) and reports failure as a value.
 */
import { execFile } from 'node:child_process';
import { posix } from 'node:path';

export interface GitResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

function git(args: readonly string[], cwd: string): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ ok: error === null, stdout, stderr });
    });
  });
}

/** True when `ref` names a commit in the repository at `cwd`. */
export async function revisionExists(ref: string, options: { readonly cwd: string }): Promise<boolean> {
  if (ref.startsWith('-')) return false;
  return (await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], options.cwd)).ok;
}

/** The directory `cwd` is in, relative to the repository root (`` at the root), or undefined outside git. */
export async function prefixInRepository(options: { readonly cwd: string }): Promise<string | undefined> {
  const result = await git(['rev-parse', '--show-prefix'], options.cwd);
  return result.ok ? result.stdout.trim() : undefined;
}

/**
 * The files at `ref` under `dir` (relative to `cwd`), as paths relative to `cwd`, sorted. Paths are listed
 * with `-z` so unusual file names survive.
 */
export async function listFilesAt(ref: string, dir: string, options: { readonly cwd: string }): Promise<string[]> {
  const result = await git(['ls-tree', '-r', '-z', '--name-only', '--full-name', ref, '--', dir], options.cwd);
  if (!result.ok) return [];
  const prefix = (await prefixInRepository(options)) ?? '';
  // `--full-name` paths are from the repository root; made relative to `cwd`, which may be below them
  // (`../specs/x.platform.yaml` from `tools/`).
  return result.stdout
    .split('\u0000')
    .filter((p) => p !== '')
    .map((p) => posix.relative(prefix, p))
    .sort();
}

/** A spec as it is at a revision: its text, or where a symbolic link leads when that is outside the repository. */
export type SpecAt = { readonly text: string } | { readonly outside: string };

/** How many links in a row are followed before the chain counts as a loop. */
const MAX_LINKS = 8;

/**
 * The content of `path` (relative to `cwd`) at `ref`, following symbolic links as git stores them (the link's
 * target as text) to the file they lead to in the same tree. A link that leads out of the repository has no
 * content in git: its target is returned instead. Undefined when the path does not exist there, or the links loop.
 */
export async function readSpecAt(ref: string, path: string, options: { readonly cwd: string }): Promise<SpecAt | undefined> {
  let listed = await git(['ls-tree', '-z', '--full-name', ref, '--', path], options.cwd);
  for (let hop = 0; hop <= MAX_LINKS; hop++) {
    const entry = /^(\d+) \w+ ([0-9a-f]+)\t([^\u0000]*)\u0000/.exec(listed.stdout);
    if (!listed.ok || entry === null) return undefined;
    const [, mode = '', object = '', fullName = ''] = entry;
    // A link to a folder, or a submodule, is no spec.
    if (mode !== '100644' && mode !== '100755' && mode !== '120000') return undefined;
    const content = await git(['cat-file', '-p', object], options.cwd);
    if (!content.ok) return undefined;
    if (mode !== '120000') return { text: content.stdout };
    const target = content.stdout;
    const resolved = posix.normalize(posix.join(posix.dirname(fullName), target));
    if (posix.isAbsolute(target) || resolved === '..' || resolved.startsWith('../')) return { outside: target };
    listed = await git(['ls-tree', '-z', '--full-tree', ref, '--', resolved], options.cwd);
  }
  return undefined;
}

/** The branch a pull request is compared with when no base is given (diff, and validate's CheckNoNewAccess). */
export const DEFAULT_BASE = 'origin/main';

/** The base the diff compares with when none is given: DEFAULT_BASE when it exists, else `HEAD`. */
export async function defaultBase(options: { readonly cwd: string }): Promise<string> {
  return (await revisionExists(DEFAULT_BASE, options)) ? DEFAULT_BASE : 'HEAD';
}
