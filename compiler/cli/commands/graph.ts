/**
 * `platformc graph [specs...]`: the platform as a picture (environments, stacks in deploy order, VPC, host
 * subnet, router, management server, hypervisors, overlay, Transit Gateway) in Mermaid or DOT.
 */
import { Option, type Command } from 'commander';
import type { CliIo } from '../io.js';
import { nonEmpty } from './option-values.js';
import type { RegisterCommand } from './index.js';

interface GraphFlags {
  readonly env?: string;
  readonly format: 'mermaid' | 'dot';
}

export const registerGraph: RegisterCommand = (program: Command, io: CliIo, result: { code: number }) => {
  program
    .command('graph')
    .description('Draw the platform: environments, stacks and deploy order, and the network with its overlay.')
    .argument('[specs...]', 'spec files, directories or globs (default: specs/**/*.platform.yaml)')
    .option('-e, --env <name>', 'only this environment', nonEmpty('an environment name'))
    .addOption(new Option('--format <fmt>', 'diagram language').choices(['mermaid', 'dot']).default('mermaid'))
    .option('-q, --quiet', 'accepted for consistency; the diagram is the output')
    .addHelpText('after', `
Examples:
  $ platformc graph > platform.mmd                      # Mermaid: paste into a README or pull request
  $ platformc graph --env prod --format dot | dot -Tsvg > prod.svg`)
    .action(async (specs: string[], flags: GraphFlags) => {
      const { runGraph } = await import('../../tooling/run-graph.js');
      result.code = await runGraph(io, { specs, format: flags.format, ...(flags.env === undefined ? {} : { env: flags.env }) });
    });
};
