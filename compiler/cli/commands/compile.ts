/**
 * `platformc compile [specs...]`: compiles specs into `generated/` (or `--out`), removes output of stacks that
 * no longer exist, and prints a summary. Exit 0 when everything compiled, 1 when a spec has errors (nothing is
 * written for that spec), 2 when the command was used wrongly (a missing file, a pattern matching nothing).
 */
import { Option, type Command } from 'commander';
import type { CliIo } from '../io.js';
import { nonEmpty } from './option-values.js';
import type { RegisterCommand } from './index.js';

interface CompileFlags {
  readonly out: string;
  readonly format: 'text' | 'json';
  readonly quiet?: boolean;
  readonly watch?: boolean;
}

export const registerCompile: RegisterCommand = (program: Command, io: CliIo, result: { code: number }) => {
  program
    .command('compile')
    .description('Compile platform specs into CloudFormation templates, parameter files, source maps and a manifest.')
    .argument('[specs...]', 'spec files, directories or globs (default: specs/**/*.platform.yaml)')
    .option('-o, --out <dir>', 'output directory', nonEmpty('a directory'), 'generated')
    .addOption(new Option('--format <fmt>', 'report format').choices(['text', 'json']).default('text'))
    .option('-q, --quiet', 'print nothing but diagnostics')
    .option('-w, --watch', 'compile again whenever a spec changes, until Ctrl-C (text format only)')
    .addHelpText('after', `
Examples:
  $ platformc compile                                   # every specs/**/*.platform.yaml into generated/
  $ platformc compile specs/cloudstack.platform.yaml --out /tmp/out
  $ platformc compile --format json | jq '.platforms[].environments'
  $ platformc compile --watch                           # recompile on every save`)
    .action(async (specs: string[], flags: CompileFlags) => {
      if (flags.watch === true && flags.format !== 'text') {
        io.stderr.write('platformc compile: --watch prints text for a person; leave it out to get --format json\n');
        result.code = 2;
        return;
      }
      const [{ runCompile }, { runOrWatch }] = await Promise.all([import('./compile-run.js'), import('./run-or-watch.js')]);
      const run = () => runCompile(io, { specs, out: flags.out, format: flags.format, quiet: flags.quiet === true });
      result.code = await runOrWatch(io, { watch: flags.watch === true, patterns: specs, run });
    });
};

