/**
 * `platformc validate [specs...]`: checks specs (schema and semantic rules, then the further validation steps)
 * and reports every finding at once. Exit 0 valid, 1 a spec has errors, 2 the command was used wrongly.
 */
import { Option, type Command } from 'commander';
import type { CliIo } from '../io.js';
import { nonEmpty } from './option-values.js';
import { assertExtraCaLoaded } from '../../deploy/extra-ca.js';
import { parseBlockOn, parseMustNotGrant, parseReference } from '../../access-analyzer/flags.js';
import type { RegisterCommand } from './index.js';

interface ValidateCommandFlags {
  readonly format: 'text' | 'json' | 'sarif' | 'github';
  readonly sarif?: string;
  readonly quiet?: boolean;
  readonly [flag: string]: string | boolean | undefined;
}

export const registerValidate: RegisterCommand = (program: Command, io: CliIo, result: { code: number }) => {
  program
    .command('validate')
    .description('Check platform specs: YAML, schema and semantic rules, reported as file:line:col with a code.')
    .argument('[specs...]', 'spec files, directories or globs (default: specs/**/*.platform.yaml)')
    .addOption(new Option('--format <fmt>', 'report format (github: workflow commands that annotate the spec lines)').choices(['text', 'json', 'sarif', 'github']).default('text'))
    .option('--sarif <file>', 'also write the SARIF report to this file, whatever --format prints', nonEmpty('a file'))
    .option('-q, --quiet', 'print only errors, without warnings or the summary line')
    .option('-w, --watch', 'validate again whenever a spec changes, until Ctrl-C (text format, without --access-analyzer)')
    .option('--no-lint', 'skip cfn-lint over the compiled templates')
    .option('--access-analyzer', 'also run IAM Access Analyzer on every policy (needs AWS credentials)')
    .option('--base <git-ref>', 'with --access-analyzer: flag only access that is new compared to the spec at this revision (default: origin/main when it exists)', nonEmpty('a git revision'))
    .addOption(new Option('--reference <env=file>', 'with --access-analyzer: reference identity policy per environment (env=file,...) or for all').argParser(parseReference))
    .option('--must-not-grant <actions>', 'with --access-analyzer: actions no identity policy may grant (a,b or env=a); default: the boundary-escaping IAM actions', parseMustNotGrant)
    .addOption(new Option('--block-on <severities>', 'finding severities that fail validation (ERROR,SECURITY_WARNING,WARNING,SUGGESTION)').default('ERROR,SECURITY_WARNING').argParser(parseBlockOn))
    .option('--no-cache', 'lint every template and ask Access Analyzer again, ignoring the results cached in .platformc-cache/')
    .addHelpText('after', `
Examples:
  $ platformc validate                                  # every specs/**/*.platform.yaml
  $ platformc validate specs/cloudstack.platform.yaml
  $ platformc validate --format json | jq '.diagnostics[] | "\\(.file):\\(.line) \\(.code)"'
  $ platformc validate --access-analyzer --base origin/main --format sarif > validate.sarif
  $ platformc validate --format github --sarif platformc.sarif   # in GitHub Actions: annotations and code scanning
  $ platformc validate --access-analyzer --block-on ERROR --must-not-grant iam:PassRole,prod=iam:CreateUser
  $ platformc validate --watch --no-lint                # findings on every save, in a terminal beside the editor

Exit codes: 0 valid, 1 a spec has errors, 2 usage error (unknown flag, missing file).`)
    .action(async (specs: string[], flags: ValidateCommandFlags) => {
      // These only shape the Access Analyzer step: given without it they would be ignored, and a CI job that
      // believed it checked for new access would pass without doing so.
      const analyzerOnly = [
        ['--base', flags.base !== undefined],
        ['--reference', flags.reference !== undefined],
        ['--must-not-grant', flags.mustNotGrant !== undefined],
      ].filter(([, given]) => given).map(([name]) => name);
      if (flags.accessAnalyzer !== true && analyzerOnly.length > 0) {
        io.stderr.write(`platformc validate: ${analyzerOnly.join(', ')} ${analyzerOnly.length === 1 ? 'applies' : 'apply'} only with --access-analyzer\n`);
        result.code = 2;
        return;
      }
      // A run per save: reports for a person only, and no AWS calls on every keystroke.
      const notWatched = [
        ['--format ' + flags.format, flags.format !== 'text'],
        ['--sarif', flags.sarif !== undefined],
        ['--access-analyzer', flags.accessAnalyzer === true],
      ].filter(([, given]) => given).map(([name]) => name);
      if (flags.watch === true && notWatched.length > 0) {
        io.stderr.write(`platformc validate: --watch does not go with ${notWatched.join(', ')}\n`);
        result.code = 2;
        return;
      }
      if (flags.accessAnalyzer === true) assertExtraCaLoaded();
      const [{ runValidate }, { runOrWatch }] = await Promise.all([import('../../validate/run-validate.js'), import('./run-or-watch.js')]);
      const run = () => runValidate(io, { specs, format: flags.format, quiet: flags.quiet === true, flags, ...(flags.sarif !== undefined ? { sarifFile: flags.sarif } : {}) });
      result.code = await runOrWatch(io, { watch: flags.watch === true, patterns: specs, run });
    });
};
