/**
 * How `compile` and `validate` run: once, or with `--watch` once and again after every save (`../watch.ts`, loaded
 * only then, so a plain run never pays for the watcher).
 */
import type { CliIo } from '../io.js';

export async function runOrWatch(io: CliIo, options: { readonly watch: boolean; readonly patterns: readonly string[]; readonly run: () => Promise<number> }): Promise<number> {
  if (!options.watch) return options.run();
  const { watchSpecs } = await import('../watch.js');
  return watchSpecs(io, { patterns: options.patterns, run: options.run });
}
