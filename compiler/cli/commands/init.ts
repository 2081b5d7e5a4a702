/**
 * `platformc init [--name <platform>]`: writes a commented starter spec and the CI workflow into the current
 * directory; refuses to overwrite existing files.
 */
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { platformNameFrom } from '../../tooling/platform-name.js';
import type { CliIo } from '../io.js';
import type { RegisterCommand } from './index.js';

interface InitFlags {
  readonly name?: string;
  readonly format: 'text' | 'json';
  readonly quiet?: boolean;
}

/** The directory's name made into a platform name, when it can be. */
function defaultName(cwd: string): string {
  const name = platformNameFrom(basename(cwd));
  return name === '' ? 'platform' : name;
}

export const registerInit: RegisterCommand = (program: Command, io: CliIo, result: { code: number }) => {
  program
    .command('init')
    .description('Start a project: a commented starter spec that compiles as it is, and the CI workflow.')
    .option('--name <platform>', 'platform name (default: the directory name)')
    .addOption(new Option('--format <fmt>', 'report format').choices(['text', 'json']).default('text'))
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText('after', `
Writes specs/<platform>.platform.yaml and .github/workflows/platformc.yml; refuses to overwrite either.

Examples:
  $ platformc init --name cloudstack
  $ platformc init && platformc compile`)
    .action(async (flags: InitFlags) => {
      const { runInit } = await import('../../tooling/run-init.js');
      result.code = await runInit(io, { name: flags.name ?? defaultName(io.cwd), format: flags.format, quiet: flags.quiet === true });
    });
};
