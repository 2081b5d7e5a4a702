/**
 * The reference for CheckNoNewAccess by default: the same spec as it was at a base revision (`--base origin/main`),
 * read from git (links inside the repository followed) and compiled in memory, so a pull request is flagged only for the access it adds.
 */
import type { AssembledStack } from '../assemble/stack.js';
import { compileSource } from '../compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { readSpecAt, revisionExists } from '../git/git.js';

export interface BaseRevision {
  /** Undefined when the spec does not exist at the revision (a new spec: everything is new). */
  readonly stacks?: readonly AssembledStack[];
  readonly diagnostics: readonly Diagnostic[];
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
  if (!(await revisionExists(options.ref, { cwd: options.cwd }))) return unreadable(options, 'no such revision');
  const spec = await readSpecAt(options.ref, options.file, { cwd: options.cwd });
  if (spec === undefined) return { stacks: [], diagnostics: [] };
  if ('outside' in spec) return unreadable(options, `it links to ${spec.outside}, outside the repository, which git has no version of`);
  const result = compileSource({ file: options.file, text: spec.text });
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
