/**
 * Where cfn-lint lives: the project's own virtualenv first (pinned by requirements-dev.txt), then PATH.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The cfn-lint version platformc is tested with (requirements-dev.txt pins the same; a test keeps them equal). */
export const PINNED_CFN_LINT = '1.58.0';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Returns the cfn-lint executable to run, or undefined when none is installed. */
export function findCfnLint(options: { cwd: string; env: Readonly<Record<string, string | undefined>> }): string | undefined {
  const local = join(options.cwd, '.venv', 'bin', 'cfn-lint');
  if (isExecutable(local)) return local;
  for (const dir of (options.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'cfn-lint');
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}
