/**
 * emit: assembled stacks -> the files of `generated/<platform>/`: per stack a template, a parameter file in the
 * CloudFormation CLI's form and a source map, plus one manifest for the platform. Pure: returns the files, the
 * caller writes them. Nothing here depends on time or on where the project lives.
 */
import { createHash } from 'node:crypto';
import type { AssembledStack, SourceMapEntry, StackSourceMap } from '../assemble/stack.js';
import type { Platform } from '../model/platform.js';
import { ENVIRONMENT_TAG, PLATFORM_TAG } from '../model/stack-tags.js';
import { canonicalJson } from './canonical-json.js';
import type { Manifest, ManifestEnvironment, ManifestStack } from './manifest.js';
import { compareText } from '../model/compare-text.js';

export interface OutputFile {
  /** Relative to the output directory, forward slashes: `cloudstack/dev/iam.template.json`. */
  readonly path: string;
  readonly content: string;
}

/** The tags every stack of an environment carries: the spec's tags plus where the stack belongs. */
export function stackTags(platform: Platform, env: string): Readonly<Record<string, string>> {
  const tags: Record<string, string> = { ...platform.tags, [PLATFORM_TAG]: platform.name, [ENVIRONMENT_TAG]: env };
  return Object.fromEntries(Object.entries(tags).sort(([a], [b]) => compareText(a, b)));
}

/**
 * The source map as written: its spec and locations under the spec's output name. In memory they use the path as
 * given (validate and explain report through them), which is the same file named from the working directory.
 */
function outputSourceMap(platform: Platform, map: StackSourceMap): StackSourceMap {
  if (platform.specName === platform.file) return map;
  const prefix = `${platform.file}:`;
  const rename = (entries: { readonly [key: string]: SourceMapEntry }): { [key: string]: SourceMapEntry } => {
    const out: { [key: string]: SourceMapEntry } = {};
    for (const [key, entry] of Object.entries(entries)) {
      out[key] = entry.location.startsWith(prefix) ? { location: `${platform.specName}:${entry.location.slice(prefix.length)}`, path: entry.path } : entry;
    }
    return out;
  };
  return {
    ...map, spec: platform.specName, resources: rename(map.resources), statements: rename(map.statements), properties: rename(map.properties), parameters: rename(map.parameters),
  };
}

/** The parameter file CloudFormation's CLI reads: `[{ParameterKey, ParameterValue}]`, sorted by key. */
export function parameterFile(stack: AssembledStack): string {
  const entries = [...stack.parameters]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((p) => ({ ParameterKey: p.name, ParameterValue: p.value }));
  return canonicalJson(entries);
}

/** Hash of what a deployment of the stack consists of, so deploy can skip stacks that have not changed. */
export function contentHash(parts: { stackName: string; template: string; parameters: string; tags: Readonly<Record<string, string>> }): string {
  return createHash('sha256')
    .update(`${parts.stackName}\n`)
    .update(parts.template, utf8Encoding(parts.template))
    .update(parts.parameters)
    .update(canonicalJson(parts.tags))
    .digest('hex');
}

/**
 * How to hand `text` to the hash so that it hashes its UTF-8 bytes. For ASCII text (every template, unless the
 * spec holds other characters) Latin-1 gives the same bytes and converts in less than half the time.
 */
function utf8Encoding(text: string): BufferEncoding {
  return Buffer.byteLength(text, 'utf8') === text.length ? 'latin1' : 'utf8';
}

/**
 * Emits every file of one platform. `stacks` come from `assemble`: environments in platform order, each
 * environment's stacks in deploy order, which the manifest keeps.
 */
export function emitPlatform(platform: Platform, stacks: readonly AssembledStack[]): OutputFile[] {
  const files: OutputFile[] = [];
  const environments: ManifestEnvironment[] = platform.environments.map((env) => {
    const tags = stackTags(platform, env.name);
    const manifestStacks: ManifestStack[] = stacks
      .filter((s) => s.env === env.name)
      .map((stack) => {
        const base = `${env.name}/${stack.name}`;
        const template = canonicalJson(stack.template);
        const parameters = parameterFile(stack);
        files.push(
          { path: `${platform.name}/${base}.template.json`, content: template },
          { path: `${platform.name}/${base}.parameters.json`, content: parameters },
          { path: `${platform.name}/${base}.sourcemap.json`, content: canonicalJson({ ...outputSourceMap(platform, stack.sourceMap), template: `${stack.name}.template.json` }) },
        );
        return {
          name: stack.name,
          kind: stack.kind,
          stackName: stack.stackName,
          template: `${base}.template.json`,
          parameters: `${base}.parameters.json`,
          sourceMap: `${base}.sourcemap.json`,
          dependsOn: stack.dependsOn,
          tags,
          terminationProtection: env.protect,
          contentHash: contentHash({ stackName: stack.stackName, template, parameters, tags }),
          crossEnvironmentParameters: stack.parameters
            .filter((p) => p.fromOutput !== undefined)
            .map((p) => ({ parameter: p.name, env: p.fromOutput?.env ?? '', stack: p.fromOutput?.stack ?? '', output: p.fromOutput?.output ?? '' })),
        };
      });
    return {
      name: env.name,
      account: env.account,
      region: env.region,
      partition: env.partition,
      protect: env.protect,
      boundaryPolicyName: env.boundary.policyName,
      stacks: manifestStacks,
    };
  });
  const manifest: Manifest = { manifestVersion: 1, platform: platform.name, spec: platform.specName, environments };
  files.push({ path: `${platform.name}/manifest.json`, content: canonicalJson(manifest) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
