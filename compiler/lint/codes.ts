/**
 * Codes of the cfn-lint step itself. cfn-lint's own findings keep cfn-lint's rule id (`cfn-lint E3012`), which
 * cfn-lint documents; these codes cover running it.
 */
import type { CodeInfo } from '../diagnostics/codes.js';

export const LINT_CODES: readonly CodeInfo[] = [
  {
    code: 'LINT001',
    title: 'cfn-lint is not installed',
    why: 'validate runs the real cfn-lint over every compiled template; without it the templates are not checked against the CloudFormation resource specification.',
    example: 'platformc validate   # on a machine without .venv/bin/cfn-lint or cfn-lint on PATH',
    fix: 'Run `python3 -m venv .venv && .venv/bin/pip install cfn-lint==1.58.0` (platformc looks in .venv first), or `pip install cfn-lint==1.58.0`.',
  },
  {
    code: 'LINT002',
    title: 'cfn-lint could not be run',
    why: 'cfn-lint started but crashed or printed output that is not its JSON report, so its findings are unknown.',
    example: 'platformc validate   # with a broken cfn-lint installation',
    fix: 'Run the printed cfn-lint command by hand to see its error; reinstall with `.venv/bin/pip install --force-reinstall cfn-lint==1.58.0`.',
  },
  {
    code: 'LINT003',
    title: 'cfn-lint is not the pinned version',
    why: 'cfn-lint\'s rules and resource specification change between releases; a different version than the one CI pins can report findings CI will not, or miss ones it will.',
    example: 'platformc validate   # with cfn-lint 0.87 on PATH and no .venv',
    fix: 'Install the pinned version in the project\'s .venv, which platformc uses before PATH: `python3 -m venv .venv && .venv/bin/pip install cfn-lint==1.58.0`.',
  },
];
