/**
 * `platformc explain` as run by the CLI: compiles in memory and answers the query from the source maps.
 */
import { colors, EXIT, useColor, type CliIo } from '../cli/io.js';
import { explain, renderExplanation, withSpecFile, type Explanation } from './explain.js';
import { explainHint, type HintSpec } from './explain-hint.js';
import { childKeys, pathExists, specPathAtLine } from '../load/positions.js';
import { compileForTooling } from './project.js';
import { environmentNames } from './run-list.js';
import { compareText } from '../model/compare-text.js';

export interface ExplainOptions {
  readonly query: string;
  readonly specs: readonly string[];
  readonly env?: string;
  readonly format: 'text' | 'json';
  readonly quiet: boolean;
}

/** Exit 0 with matches, 1 when nothing generated comes from the query (so scripts can test for it). */
export async function runExplain(io: CliIo, options: ExplainOptions): Promise<number> {
  const project = await compileForTooling(io, { specs: options.specs, format: options.format });
  if (project.failure !== EXIT.ok) return project.failure;
  const names = environmentNames(project.platforms.map((each) => each.manifest));
  if (options.env !== undefined && !names.includes(options.env)) {
    io.stderr.write(`platformc explain: no environment named ${options.env} (environments: ${names.join(', ')})\n`);
    return EXIT.usage;
  }
  // `explain 42` in a project of one spec: line 42 of it.
  const query = withSpecFile(options.query, project.platforms.map((each) => each.loaded.file));
  const ask = (env: string | undefined): Explanation[] => project.platforms.map((each) => explain(each.stacks, query, {
    ...(env === undefined ? {} : { env }),
    pathAtLine: (file, line) => (file === each.loaded.file ? specPathAtLine(each.loaded, line) : []),
    pathExists: (path) => pathExists(each.loaded, path),
  }));
  const answers = ask(options.env);
  const matches = answers.flatMap((answer) => answer.matches);
  const answered = answers.find((answer) => answer.matches.length > 0);
  const mode = answered?.mode ?? answers[0]?.mode ?? 'spec-path';
  const hint = matches.length > 0 ? undefined : explainHint(query, {
    specs: project.platforms.map((each): HintSpec => ({
      file: each.loaded.file,
      lines: each.loaded.text.split('\n').length - (each.loaded.text.endsWith('\n') ? 1 : 0),
      pathExists: (path) => pathExists(each.loaded, path),
      childKeys: (path) => childKeys(each.loaded, path),
    })),
    ids: [...new Set(project.platforms.flatMap((each) => each.stacks.flatMap((stack) => [stack.stackName, ...Object.keys(stack.sourceMap.resources), ...Object.keys(stack.sourceMap.parameters)])))].sort(compareText),
    ...(options.env === undefined ? {} : { env: options.env, elsewhere: [...new Set(ask(undefined).flatMap((answer) => answer.matches.map((match) => match.env)))] }),
  });
  const merged: Explanation = {
    query, mode, matches, ...(answered?.via === undefined ? {} : { via: answered.via }),
    ...(answered?.node === undefined ? {} : { node: answered.node }), ...(hint === undefined ? {} : { hint }),
  };
  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify(merged, null, 2)}\n`);
  } else if (!options.quiet) {
    const c = colors(useColor(io));
    io.stdout.write(renderExplanation(merged, { bold: c.bold, dim: c.dim }));
  }
  return matches.length > 0 ? EXIT.ok : EXIT.findings;
}
