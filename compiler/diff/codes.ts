/**
 * Codes reported by `platformc diff` about its inputs (the spec findings themselves keep their own codes).
 */
import type { CodeInfo } from '../diagnostics/codes.js';

export const DIFF_CODES: readonly CodeInfo[] = [
  {
    code: 'DIFF001',
    title: 'Base revision not found',
    why: 'The diff compiles the specs as they are at the base revision; without it there is nothing to compare with.',
    example: 'platformc diff --base origin/mian',
    fix: 'Name an existing branch, tag or commit; in CI fetch the full history (actions/checkout with fetch-depth: 0).',
  },
  {
    code: 'DIFF002',
    title: 'Spec at the base revision does not compile',
    why: 'A spec that did not compile at the base has no output to compare with, so all of its stacks show as added.',
    example: 'a base commit whose platform.yaml had a schema error',
    fix: 'Nothing to fix in the change itself; compare with a base where the spec compiled to see the real difference.',
  },
  {
    code: 'DIFF003',
    title: 'Unknown environment',
    why: '`--env` restricts the diff to one environment; a name that exists neither at the base nor now is a typo.',
    example: 'platformc diff --env prdo',
    fix: 'Use an environment name declared in the spec.',
  },
  {
    code: 'DIFF004',
    title: 'Not a git repository',
    why: 'The base revision is read from git; outside a repository there is no base.',
    example: 'platformc diff in a directory that is not inside a git work tree',
    fix: 'Run the diff inside the repository that holds the specs.',
  },
  {
    code: 'DIFF005',
    title: 'Spec with errors left out of the diff',
    why: 'A spec that does not compile now has no output; comparing would show every stack of it as removed.',
    example: 'a working-tree platform.yaml with a schema error',
    fix: 'Fix the spec errors reported with it; the diff then includes the platform again.',
  },
  {
    code: 'DIFF006',
    title: 'Spec links out of the repository',
    why: 'git stores a symbolic link as the path it points to; a spec linked from outside the repository has no version at the base revision to compare with, and comparing would show all of it added.',
    example: 'specs/shared.platform.yaml -> /srv/platforms/shared.platform.yaml',
    fix: 'Keep the spec in the repository, as a file or as a link to a file inside it; links inside the repository are followed.',
  },
];
