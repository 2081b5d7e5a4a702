/**
 * `platformc diff`: what a spec change does to the deployed platform, per environment and stack, with IAM and
 * network broadening and replacement risk called out. Compares the specs at a git revision (default origin/main,
 * else HEAD) with the working tree; Markdown output is made for pull request comments.
 */
import { Option, type Command } from 'commander';
import type { CliIo } from '../io.js';
import { nonEmpty } from './option-values.js';
import type { RegisterCommand } from './index.js';

interface DiffFlags {
  readonly base?: string;
  readonly env?: string;
  readonly format: 'text' | 'markdown' | 'json' | 'github';
  readonly failOnBroadening?: boolean;
  readonly quiet?: boolean;
}

export const registerDiff: RegisterCommand = (program: Command, io: CliIo, result: { code: number }) => {
  program
    .command('diff')
    .description('Show what a spec change does: resources, IAM and network broadening, replacements.')
    .argument('[specs...]', 'spec files, directories or globs (default: specs/**/*.platform.yaml)')
    .option('--base <git-ref>', 'the revision to compare with (default: origin/main if it exists, else HEAD)', nonEmpty('a git revision'))
    .option('-e, --env <name>', 'only this environment', nonEmpty('an environment name'))
    .addOption(new Option('--format <fmt>', 'output format (github: workflow commands that annotate the spec lines)').choices(['text', 'markdown', 'json', 'github']).default('text'))
    .option('--fail-on-broadening', 'exit 1 when IAM permissions or network access grow')
    .option('-q, --quiet', 'print nothing when there are no changes')
    .addHelpText('after', `
Examples:
  $ platformc diff                                   # working tree vs origin/main (or HEAD)
  $ platformc diff --base HEAD~1 --env prod
  $ platformc diff --base origin/main --format markdown >> "$GITHUB_STEP_SUMMARY"
  $ platformc diff --fail-on-broadening --quiet      # gate: exit 1 when permissions or access grow

Exit codes: 0 diff made, 1 broadening (with --fail-on-broadening) or spec errors, 2 usage error.`)
    .action(async (specs: string[], flags: DiffFlags) => {
      const { runDiff } = await import('../../diff/run-diff.js');
      result.code = await runDiff(io, {
        specs,
        ...(flags.base !== undefined ? { base: flags.base } : {}),
        ...(flags.env !== undefined ? { env: flags.env } : {}),
        format: flags.format,
        failOnBroadening: flags.failOnBroadening === true,
        quiet: flags.quiet === true,
      });
    });
};
