/**
 * `platformc schema`: prints the platform JSON Schema, for editors, CI tools or a copy next to a spec.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import type { RegisterCommand } from './index.js';

export const registerSchema: RegisterCommand = (program: Command, io: CliIo, result: { code: number }) => {
  program
    .command('schema')
    .description('Print the JSON Schema of platform.yaml (the one editors use for completion and hover).')
    .addHelpText('after', `
Examples:
  $ platformc schema > platform.schema.json
  $ platformc schema | jq '.definitions.environment.properties | keys'`)
    .action(async () => {
      const { readSchemaText } = await import('../../validate/schema-file.js');
      io.stdout.write(readSchemaText());
      result.code = 0;
    });
};
