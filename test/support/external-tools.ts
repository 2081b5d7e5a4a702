/**
 * Linters the tests use as oracles beyond cfn-lint: shellcheck (Debian package, `.ci/setup-system.sh`) for the
 * generated scripts, actionlint (Go, pinned, `.ci/setup-tools.sh` into `.tools/bin`) for the CI workflows. On a
 * developer machine without them those tests skip and say why; where CI=true they must be there, and a missing one
 * fails the test instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const TOOLS_REQUIRED = process.env.CI === 'true';

/** The tool's path: the project's `.tools/bin` first, then PATH; undefined when neither has it. */
export function findTool(name: string): string | undefined {
  const local = join(ROOT, '.tools', 'bin', name);
  if (existsSync(local)) return local;
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== '' ? found.stdout.trim() : undefined;
}

/** Title suffix for a test that needs `tool`: empty when it will run, the reason when it will skip. */
export function skipNote(tool: string, path: string | undefined): string {
  return path !== undefined || TOOLS_REQUIRED ? '' : ` (skipped: ${tool} is not installed; see .ci/setup-system.sh and .ci/setup-tools.sh)`;
}
