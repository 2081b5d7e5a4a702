/**
 * `platformc init` as run by the CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { colors, EXIT, useColor, type CliIo } from '../cli/io.js';
import { initFiles, writeInitFiles } from './init.js';
import { PLATFORM_NAME, platformNameFrom } from './platform-name.js';

export interface InitOptions {
  readonly name: string;
  readonly format: 'text' | 'json';
  readonly quiet: boolean;
}

/**
 * The step still missing before the workflow can run, if any: it installs with `npm ci`, which needs a
 * package.json and its lock file listing platformc.
 */
function dependencyStep(cwd: string): string[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  } catch {
    return ['  the workflow installs with npm ci: add a package.json that lists platformc in devDependencies, and its lock file'];
  }
  const lists = (field: string): boolean => {
    const deps = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>)[field] : undefined;
    return typeof deps === 'object' && deps !== null && Object.hasOwn(deps, 'platformc');
  };
  if (lists('devDependencies') || lists('dependencies')) return [];
  return ['  the workflow installs with npm ci: add platformc to devDependencies in package.json (and update the lock file)'];
}

/**
 * A kept workflow written by an earlier platformc validated one named spec: the new platform would go unchecked
 * there until the path is dropped.
 */
function narrowValidation(cwd: string, workflow: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(cwd, workflow), 'utf8');
  } catch {
    return [];
  }
  const named = /platformc validate\s+(specs\/\S+\.platform\.yaml)/.exec(text)?.[1];
  return named === undefined ? [] : [`  ${workflow} validates ${named} only: drop the path from its validate step so it checks every spec`];
}

/** A kept .gitattributes that does not keep generated/ LF: check would fail on Windows checkouts. */
function lineEndings(cwd: string, path: string): string[] {
  if (path !== '.gitattributes') return [];
  let text: string;
  try {
    text = readFileSync(join(cwd, path), 'utf8');
  } catch {
    return [];
  }
  return /^generated\/\*\*\s.*\beol=lf\b/m.test(text) ? [] : ['  add `generated/** text eol=lf` to .gitattributes, so generated/ keeps LF line endings on Windows checkouts'];
}

/** Exit 0 when written, 1 when a file exists (nothing written) or a write fails, 2 for an invalid name. */
export async function runInit(io: CliIo, options: InitOptions): Promise<number> {
  if (!PLATFORM_NAME.test(options.name)) {
    const suggestion = platformNameFrom(options.name);
    const instead = PLATFORM_NAME.test(suggestion) ? ` (such as --name ${suggestion})` : '';
    io.stderr.write(`platformc init: invalid platform name "${options.name}": use 1-24 lowercase letters, digits and dashes, starting with a letter${instead}\n`);
    return EXIT.usage;
  }
  const outcome = writeInitFiles(io.cwd, initFiles(options.name));
  if ('existing' in outcome) {
    if (options.format === 'json') io.stdout.write(`${JSON.stringify({ ok: false, existing: outcome.existing }, null, 2)}\n`);
    io.stderr.write(`platformc init: not overwriting ${outcome.existing.join(', ')}; nothing was written\n`);
    return EXIT.findings;
  }
  if ('failed' in outcome) {
    if (options.format === 'json') io.stdout.write(`${JSON.stringify({ ok: false, failed: outcome.failed, reason: outcome.reason, written: outcome.written }, null, 2)}\n`);
    const partial = outcome.written.length > 0 ? `; already written: ${outcome.written.join(', ')}` : '; nothing was written';
    io.stderr.write(`platformc init: cannot write ${outcome.failed}: ${outcome.reason}${partial}\n`);
    return EXIT.findings;
  }
  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify({ ok: true, written: outcome.written, kept: outcome.kept }, null, 2)}\n`);
  } else if (!options.quiet) {
    const c = colors(useColor(io));
    io.stdout.write([
      ...outcome.written.map((path) => `${c.green('created')} ${path}`),
      ...outcome.kept.map((path) => `${c.dim('kept')}    ${path} (left as it is)`),
      '',
      'Next:',
      `  edit specs/${options.name}.platform.yaml (accounts, regions, CIDRs)`,
      '  npx platformc validate && npx platformc compile',
      ...dependencyStep(io.cwd),
      ...outcome.kept.flatMap((path) => [...narrowValidation(io.cwd, path), ...lineEndings(io.cwd, path)]),
      '',
    ].join('\n'));
  }
  return EXIT.ok;
}
