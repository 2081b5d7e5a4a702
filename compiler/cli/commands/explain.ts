/**
 * `platformc explain <query>`: which resources a spec node produces, or which spec line a resource comes from.
 * Exit 0 with an answer, 1 when nothing matches or a spec has errors, 2 for a usage error.
 */
import { Option, type Command } from 'commander';
import type { CliIo } from '../io.js';
import { nonEmpty } from './option-values.js';
import type { RegisterCommand } from './index.js';

interface ExplainFlags {
  readonly env?: string;
  readonly format: 'text' | 'json';
  readonly quiet?: boolean;
}

export const registerExplain: RegisterCommand = (program: Command, io: CliIo, result: { code: number }) => {
  program
    .command('explain')
    .description('Map a spec path or line to the CloudFormation resources it produces, or a logical id or stack back to its spec lines.')
    .argument('<query>', 'a spec path (hosts.hypervisors), a spec line (specs/x.platform.yaml:42), a logical id or a stack name', nonEmpty('a spec path, a spec line, a logical id or a stack name'))
    .argument('[specs...]', 'spec files, directories or globs (default: specs/**/*.platform.yaml)')
    .option('-e, --env <name>', 'only this environment', nonEmpty('an environment name'))
    .addOption(new Option('--format <fmt>', 'output format').choices(['text', 'json']).default('text'))
    .option('-q, --quiet', 'print nothing; the exit code says whether anything matched')
    .addHelpText('after', `
Examples:
  $ platformc explain hosts.hypervisors                 # every resource the hypervisors produce, per environment
  $ platformc explain network.overlay --env prod
  $ platformc explain specs/cloudstack.platform.yaml:42  # what this line produces (42 alone with one spec)
  $ platformc explain RouterInstance                    # where a logical id comes from`)
    .action(async (query: string, specs: string[], flags: ExplainFlags) => {
      const { runExplain } = await import('../../tooling/run-explain.js');
      result.code = await runExplain(io, {
        query, specs, format: flags.format, quiet: flags.quiet === true, ...(flags.env === undefined ? {} : { env: flags.env }),
      });
    });
};
