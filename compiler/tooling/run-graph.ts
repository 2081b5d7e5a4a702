/**
 * `platformc graph` as run by the CLI: compiles in memory and prints one platform as Mermaid or DOT.
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

/** Exit 0 with the diagram on stdout, 1 when a spec has errors, 2 for an unknown environment, no spec or several platforms. */
export async function runGraph(io: CliIo, options: GraphOptions): Promise<number> {
  const project = await compileForTooling(io, { specs: options.specs, format: 'text' });
  if (project.failure !== EXIT.ok) return project.failure;
  const manifests = project.platforms.map((each) => each.manifest);
  if (options.env !== undefined && !environmentNames(manifests).includes(options.env)) {
    io.stderr.write(`platformc graph: no environment named ${options.env} (environments: ${environmentNames(manifests).join(', ')})\n`);
    return EXIT.usage;
  }
  const drawn = project.platforms.filter((each) => options.env === undefined || each.platform.environments.some((env) => env.name === options.env));
  // One picture per run: two DOT digraphs or two Mermaid diagrams in one stream are not a valid document for
  // `dot` or a Markdown code block, so a project of several platforms names the one to draw.
  if (drawn.length > 1) {
    const choices = drawn.map((each) => `${each.platform.name} (${each.loaded.file})`).join(', ');
    io.stderr.write(`platformc graph: draws one platform at a time; ${drawn.length} match: ${choices}\n  name its spec, e.g. platformc graph ${drawn[0]?.loaded.file ?? ''}\n`);
    return EXIT.usage;
  }
  const render = options.format === 'dot' ? renderDot : renderMermaid;
  const pictures = drawn.map((each) => render(buildGraph(each.platform, each.manifest, options.env === undefined ? {} : { env: options.env })));
  io.stdout.write(pictures.join('\n'));
  return EXIT.ok;
}
