/**
 * `platformc check [specs...]`: recompiles in memory and compares with the committed output directory byte for
 * byte. Exit 0 when identical, 1 when stale (missing, extra or changed files, with a unified diff and the command
 * that fixes it) or a spec has errors, 2 when used wrongly. Used by CI and the pre-commit hook.
 */
import { Option, type Command } from 'commander';
import type { CliIo } from '../io.js';
import { nonEmpty } from './option-values.js';
import type { RegisterCommand } from './index.js';

interface CheckFlags {
  readonly out: string;
  readonly format: 'text' | 'json';
  readonly quiet?: boolean;
}

export const registerCheck: RegisterCommand = (program: Command, io: CliIo, result: { code: number }) => {
  program
    .command('check')
    .description('Fail when the committed generated/ output differs from what the specs compile to.')
    .argument('[specs...]', 'spec files, directories or globs (default: specs/**/*.platform.yaml)')
    .option('-o, --out <dir>', 'the committed output directory', nonEmpty('a directory'), 'generated')
    .addOption(new Option('--format <fmt>', 'report format').choices(['text', 'json']).default('text'))
    .option('-q, --quiet', 'print nothing when the output is up to date')
    .addHelpText('after', `
Examples:
  $ platformc check                      # CI and pre-commit: is generated/ up to date?
  $ platformc check specs/cloudstack.platform.yaml --out generated
  $ platformc check --format json | jq '.changed[].path'

Exit codes: 0 up to date, 1 stale or spec errors, 2 usage error.`)
    .action(async (specs: string[], flags: CheckFlags) => {
      const { runCheck } = await import('../../check/run-check.js');
      result.code = await runCheck(io, { specs, out: flags.out, format: flags.format, quiet: flags.quiet === true });
    });
};
