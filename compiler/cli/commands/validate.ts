/**
 * `platformc validate [specs...]`: checks specs (schema and semantic rules, then the further validation steps)
 * and reports every finding at once. Exit 0 valid, 1 a spec has errors, 2 the command was used wrongly.
 */
import { Option, type Command } from 'commander';
import type { CliIo } from '../io.js';
import type { RegisterCommand } from './index.js';

interface ValidateCommandFlags {
  readonly format: 'text' | 'json';
  readonly quiet?: boolean;
  readonly [flag: string]: string | boolean | undefined;
}

export const registerValidate: RegisterCommand = (program: Command, io: CliIo, result: { code: number }) => {
  program
    .command('validate')
    .description('Check platform specs: YAML, schema and semantic rules, reported as file:line:col with a code.')
    .argument('[specs...]', 'spec files or globs (default: specs/**/*.platform.yaml)')
    .addOption(new Option('--format <fmt>', 'report format').choices(['text', 'json']).default('text'))
    .option('--quiet', 'print only errors, without warnings or the summary line')
    .addHelpText('after', `
Examples:
  $ platformc validate                                  # every specs/**/*.platform.yaml
  $ platformc validate specs/cloudstack.platform.yaml
  $ platformc validate --format json | jq '.diagnostics[] | "\\(.file):\\(.line) \\(.code)"'

Exit codes: 0 valid, 1 a spec has errors, 2 usage error (unknown flag, missing file).`)
    .action(async (specs: string[], flags: ValidateCommandFlags) => {
      const { runValidate } = await import('../../validate/run-validate.js');
      result.code = await runValidate(io, { specs, format: flags.format, quiet: flags.quiet === true, flags });
    });
};
