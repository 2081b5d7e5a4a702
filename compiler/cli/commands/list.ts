/**
 * `platformc list [specs...]`: every stack of every environment with its account, region and deploy order, as a
 * table or JSON. Exit 0, 1 when a spec has errors, 2 for a usage error (no spec, unknown environment).
 */
import { Option, type Command } from 'commander';
import type { CliIo } from '../io.js';
import { nonEmpty } from './option-values.js';
import type { RegisterCommand } from './index.js';

interface ListFlags {
  readonly env?: string;
  readonly format: 'text' | 'json';
  readonly quiet?: boolean;
}

export const registerList: RegisterCommand = (program: Command, io: CliIo, result: { code: number }) => {
  program
    .command('list')
    .description('List environments and their stacks (account, region, stack name, deploy order) from the compiled manifest.')
    .argument('[specs...]', 'spec files, directories or globs (default: specs/**/*.platform.yaml)')
    .option('-e, --env <name>', 'only this environment', nonEmpty('an environment name'))
    .addOption(new Option('--format <fmt>', 'output format').choices(['text', 'json']).default('text'))
    .option('-q, --quiet', 'print nothing but errors (the exit code still tells whether the specs compile)')
    .addHelpText('after', `
Examples:
  $ platformc list
  $ platformc list --env prod
  $ platformc list --format json | jq -r '.stacks[].stackName'`)
    .action(async (specs: string[], flags: ListFlags) => {
      const { runList } = await import('../../tooling/run-list.js');
      result.code = await runList(io, { specs, format: flags.format, quiet: flags.quiet === true, ...(flags.env === undefined ? {} : { env: flags.env }) });
    });
};
