/**
 * The reference for CheckNoNewAccess by default: the same spec as it was at a base revision (`--base origin/main`),
 * read with `git show` and compiled in memory, so a pull request is flagged only for the access it adds.
 */
import { execFile } from 'node:child_process';
import type { AssembledStack } from '../assemble/stack.js';
import { compileSource } from '../compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface BaseRevision {
  /** Undefined when the spec does not exist at the revision (a new spec: everything is new). */
  readonly stacks?: readonly AssembledStack[];
  readonly diagnostics: readonly Diagnostic[];
}

function git(cwd: string, args: readonly string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ ok: error === null, stdout, stderr });
    });
  });
}

function unreadable(options: { ref: string; file: string }, detail: string): BaseRevision {
  return {
    diagnostics: [{
      code: 'AA901', severity: 'error', file: options.file, path: [],
      message: `cannot read ${options.file} at ${options.ref}: ${detail}`,
      hint: 'give a revision that exists (e.g. origin/main; fetch it first in CI), or use --reference <file>',
    }],
  };
}

/**
 * Compiles `file` as it was at `ref`. A revision that does not exist or a spec that does not compile there is a
 * diagnostic (AA901); a spec that did not exist yet at the revision has no policies (everything is new).
 */
export async function compileAtRevision(options: { cwd: string; ref: string; file: string }): Promise<BaseRevision> {
  const revision = await git(options.cwd, ['rev-parse', '--verify', '--quiet', `${options.ref}^{commit}`]);
  if (!revision.ok) return unreadable(options, 'no such revision');
  const object = `${options.ref}:./${options.file}`;
  if (!(await git(options.cwd, ['cat-file', '-e', object])).ok) return { stacks: [], diagnostics: [] };
  const shown = await git(options.cwd, ['show', object]);
  if (!shown.ok) return unreadable(options, shown.stderr.trim().split('\n')[0] ?? 'git show failed');
  const text = shown.stdout;
  const result = compileSource({ file: options.file, text });
  if (!result.stacks || result.files.length === 0) {
    return {
      diagnostics: [{
        code: 'AA901', severity: 'error', file: options.file, path: [],
        message: `${options.file} at ${options.ref} does not compile (${result.diagnostics.length} diagnostic(s)), so there is no reference to compare with`,
        hint: `run \`git show ${options.ref}:${options.file} > /tmp/base.platform.yaml && platformc compile /tmp/base.platform.yaml\` to see why`,
      }],
    };
  }
  return { stacks: result.stacks, diagnostics: [] };
}
