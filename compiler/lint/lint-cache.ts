/**
 * cfn-lint's findings cached per template, so `validate` (and `validate --watch`, on every save) lints only the
 * templates that changed: cfn-lint takes seconds (5 s over the example's 20 templates), while an edit usually
 * changes a few templates of one environment.
 *
 * A finding depends on the template, the cfn-lint release and its configuration (`.cfnlintrc`, `.yaml` or `.yml`,
 * in the home directory and in the working directory), so the key covers all three. The release is read from the
 * installed package's metadata beside the executable (`<prefix>/lib/python3.x/site-packages/cfn_lint-<version>
 * .dist-info`, as in a virtualenv or a pip install); where it cannot be read (a pyenv shim, a wrapper script),
 * nothing is cached, since a cache that outlived an upgrade would report the old release's findings.
 */
import { readFileSync, readdirSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { cacheKey } from '../cache/result-cache.js';

/** Which cfn-lint, configured how: part of every key. */
export interface CfnLintIdentity {
  readonly version: string;
  /** The configuration files cfn-lint will read, with their text. */
  readonly configs: readonly (readonly [string, string])[];
}

const CONFIG_NAMES = ['.cfnlintrc', '.cfnlintrc.yaml', '.cfnlintrc.yml'];

/** The version of the one cfn_lint package installed under `prefix`, if exactly one is. */
function installedVersion(prefix: string): string | undefined {
  const versions: string[] = [];
  try {
    for (const lib of readdirSync(join(prefix, 'lib')).filter((name) => name.startsWith('python3'))) {
      for (const entry of readdirSync(join(prefix, 'lib', lib, 'site-packages'))) {
        const match = /^cfn_lint-(\d+\.\d+\.\d+\S*)\.dist-info$/.exec(entry);
        if (match?.[1] !== undefined) versions.push(match[1]);
      }
    }
  } catch {
    return undefined;
  }
  return versions.length === 1 ? versions[0] : undefined;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The release and configuration `executable` lints with, or undefined when its release cannot be known. */
export function cfnLintIdentity(executable: string, options: { readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>> }): CfnLintIdentity | undefined {
  let real: string;
  try {
    real = realpathSync(executable);
  } catch {
    return undefined;
  }
  const version = installedVersion(dirname(dirname(real)));
  if (version === undefined) return undefined;
  const home = options.env.HOME ?? homedir();
  const configs = [home, options.cwd].flatMap((dir) => CONFIG_NAMES.flatMap((name) => {
    const text = readText(join(dir, name));
    return text === undefined ? [] : [[join(dir, name), text] as const];
  }));
  return { version, configs };
}

/** The cache key of one template's findings. */
export function lintCacheKey(identity: CfnLintIdentity, templateText: string): string {
  return cacheKey('cfn-lint', [identity.version, identity.configs, templateText]);
}
