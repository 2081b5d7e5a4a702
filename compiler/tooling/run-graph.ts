/**
 * `platformc graph` as run by the CLI: compiles in memory and prints each platform as Mermaid or DOT.
 */
import { EXIT, type CliIo } from '../cli/io.js';
import { buildGraph } from './graph-model.js';
import { renderDot } from './render-dot.js';
import { renderMermaid } from './render-mermaid.js';
import { compileForTooling } from './project.js';
import { environmentNames } from './run-list.js';

export interface GraphOptions {
  readonly specs: readonly string[];
  readonly env?: string;
  readonly format: 'mermaid' | 'dot';
}

/** Exit 0 with the diagram on stdout, 1 when a spec has errors, 2 for an unknown environment or no spec. */
export async function runGraph(io: CliIo, options: GraphOptions): Promise<number> {
  const project = await compileForTooling(io, { specs: options.specs, format: 'text' });
  if (project.failure !== EXIT.ok) return project.failure;
  const manifests = project.platforms.map((each) => each.manifest);
  if (options.env !== undefined && !environmentNames(manifests).includes(options.env)) {
    io.stderr.write(`platformc graph: no environment named ${options.env} (environments: ${environmentNames(manifests).join(', ')})\n`);
    return EXIT.usage;
  }
  const render = options.format === 'dot' ? renderDot : renderMermaid;
  const pictures = project.platforms
    .filter((each) => options.env === undefined || each.platform.environments.some((env) => env.name === options.env))
    .map((each) => render(buildGraph(each.platform, each.manifest, options.env === undefined ? {} : { env: options.env })));
  io.stdout.write(pictures.join('\n'));
  return EXIT.ok;
}
