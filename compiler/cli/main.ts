/**
 * The platformc command line. Each command lives in `commands/<name>.ts`, registers its flags here and loads
 * its implementation lazily, so `compile`, `validate` and `check` never pay for the AWS SDK.
 */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { EXIT, processIo, reportInternalError, type CliIo } from './io.js';
import { COMMANDS } from './commands/index.js';
import { restoreExtraCa } from '../deploy/extra-ca.js';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

const TOP_LEVEL_EXAMPLES = `
Examples:
  $ platformc init --name shop                  start a project: specs/shop.platform.yaml and the CI workflow
  $ platformc validate                          check every specs/**/*.platform.yaml, errors at file:line:col
  $ platformc compile                           write generated/ (templates, parameters, source maps, manifest)
  $ platformc check && platformc diff --format markdown    what CI runs on a pull request
  $ platformc deploy dev                        change sets for dev: preview, confirm, execute
  $ platformc help deploy                       every flag of one command, with examples

Exit codes: 0 ok, 1 findings/stale/failed, 2 usage error, 70 internal error (a bug).
`;

/** Builds the program for one invocation; the action handlers store their exit code in `result`. */
export function buildProgram(io: CliIo, result: { code: number }): Command {
  const program = new Command('platformc')
    .description('Compile a platform.yaml into CloudFormation, validate it, diff it and deploy it as change sets.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride()
    .addHelpText('after', TOP_LEVEL_EXAMPLES);
  for (const register of COMMANDS) register(program, io, result);
  program.commands.forEach((c) => c.exitOverride().configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
  }));
  return program;
}

/** Runs platformc with the given arguments (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  restoreExtraCa(process.env);
  const result = { code: EXIT.ok as number };
  const program = buildProgram(io, result);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      // `platformc` alone prints the help as an error (a command is missing); `platformc help` asked for it.
      if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return EXIT.usage;
    }
    return reportInternalError(io, error);
  }
}
