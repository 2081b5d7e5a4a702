/**
 * The CI workflows are checked by actionlint (pinned, `.ci/setup-tools.sh`): the project's own and the one
 * `platformc init` writes for a new project, with its GitHub expressions and embedded scripts (shellcheck runs on
 * the `run:` blocks when it is installed).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { initFiles } from '../../compiler/tooling/init.js';
import { findTool, skipNote, TOOLS_REQUIRED } from '../support/external-tools.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const actionlint = findTool('actionlint');
const work = mkdtempSync(join(tmpdir(), 'platformc-workflows-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function lint(file: string, cwd: string): { status: number | null; output: string } {
  expect(actionlint, 'actionlint is installed by .ci/setup-tools.sh').toBeDefined();
  const run = spawnSync(actionlint ?? 'actionlint', ['-no-color', file], { cwd, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe(`CI workflows under actionlint${skipNote('actionlint', actionlint)}`, () => {
  const run = actionlint !== undefined || TOOLS_REQUIRED ? it : it.skip;

  run("the project's own workflow", () => {
    expect(lint('.github/workflows/platformc.yml', ROOT)).toEqual({ status: 0, output: '' });
  });

  run.each(['demo', 'cloud-stack-2'])('the workflow platformc init writes for %s', (name) => {
    const dir = mkdtempSync(join(work, 'init-'));
    for (const file of initFiles(name)) {
      mkdirSync(join(dir, file.path, '..'), { recursive: true });
      writeFileSync(join(dir, file.path), file.content);
    }
    expect(lint('.github/workflows/platformc.yml', dir)).toEqual({ status: 0, output: '' });
  });

  run('reports a broken workflow (the oracle is awake)', () => {
    const dir = mkdtempSync(join(work, 'broken-'));
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(dir, '.github', 'workflows', 'x.yml'), 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nonsense_context_key }}\n');
    expect(lint('.github/workflows/x.yml', dir).status).not.toBe(0);
  });
});
