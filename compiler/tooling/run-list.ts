/**
 * `platformc list` as run by the CLI: compiles in memory and prints the manifest's stacks.
 */
import { colors, EXIT, useColor, type CliIo } from '../cli/io.js';
import { listRows, renderListTable } from './list.js';
import { compileForTooling } from './project.js';

export interface ListOptions {
  readonly specs: readonly string[];
  readonly env?: string;
  readonly format: 'text' | 'json';
  readonly quiet: boolean;
}

/** Exit 0 with the table or JSON, 1 when a spec has errors, 2 for an unknown environment or no spec. */
export async function runList(io: CliIo, options: ListOptions): Promise<number> {
  const project = await compileForTooling(io, { specs: options.specs, format: options.format });
  if (project.failure !== EXIT.ok) return project.failure;
  const manifests = project.platforms.map((each) => each.manifest);
  if (options.env !== undefined && !manifests.some((manifest) => manifest.environments.some((env) => env.name === options.env))) {
    io.stderr.write(`platformc list: no environment named ${options.env} (environments: ${environmentNames(manifests).join(', ')})\n`);
    return EXIT.usage;
  }
  const rows = listRows(manifests, options.env === undefined ? {} : { env: options.env });
  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify({ stacks: rows }, null, 2)}\n`);
  } else if (!options.quiet) {
    io.stdout.write(renderListTable(rows, { bold: colors(useColor(io)).bold }));
  }
  return EXIT.ok;
}

/** Every environment name of the manifests, sorted: what an unknown `--env` is told to choose from. */
export function environmentNames(manifests: readonly { readonly environments: readonly { readonly name: string }[] }[]): string[] {
  return [...new Set(manifests.flatMap((manifest) => manifest.environments.map((env) => env.name)))].sort();
}
