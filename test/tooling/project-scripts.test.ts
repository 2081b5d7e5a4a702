/**
 * The project's own shell scripts (the CI entry point and setup, the pre-commit hook, the command's launcher)
 * under shellcheck, like the
 * scripts the compiler generates.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findTool, skipNote, TOOLS_REQUIRED } from '../support/external-tools.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const shellcheck = findTool('shellcheck');
const SCRIPTS = [
  ...readdirSync(join(ROOT, '.ci')).map((name) => `.ci/${name}`),
  ...readdirSync(join(ROOT, '.githooks')).map((name) => `.githooks/${name}`),
  'bin/platformc',
];

describe(`project scripts under shellcheck${skipNote('shellcheck', shellcheck)}`, () => {
  const run = shellcheck !== undefined || TOOLS_REQUIRED ? it : it.skip;

  it('finds the scripts', () => {
    expect(SCRIPTS).toEqual(expect.arrayContaining(['.ci/run', '.ci/setup-python.sh', '.ci/setup-system.sh', '.ci/setup-tools.sh', '.githooks/pre-commit', 'bin/platformc']));
  });

  run.each(SCRIPTS)('%s', (script) => {
    expect(shellcheck, 'shellcheck is installed by .ci/setup-system.sh').toBeDefined();
    const result = spawnSync(shellcheck ?? 'shellcheck', ['--severity=style', script], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: result.status, findings: result.stdout }).toEqual({ status: 0, findings: '' });
  });
});
