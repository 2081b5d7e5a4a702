/**
 * Compiled output files -> the stacks the diff compares. Paths follow the naming of generated output:
 * `<platform>/<env>/<stack>.template.json` and its `<stack>.parameters.json` beside it.
 */
import type { CfnTemplate, Json } from '../model/cfn.js';
import { sourceMapLocations } from '../emit/source-map-locations.js';
import { isJsonObject } from './deep-diff.js';
import type { SpecNode, StackInput } from './model.js';
import { describePath } from '../validate/schema-check.js';
import { compareText } from '../model/compare-text.js';

export interface CompiledFile {
  readonly path: string;
  readonly content: string;
}

const TEMPLATE = /^([^/]+)\/([^/]+)\/([^/]+)\.template\.json$/;

/** The stacks in a set of compiled files, sorted by platform, environment and stack name. */
export function stackInputs(files: readonly CompiledFile[]): StackInput[] {
  const byPath = new Map(files.map((f) => [f.path.replaceAll('\\', '/'), f.content]));
  const stacks: StackInput[] = [];
  const manifests = new Map<string, ReadonlyMap<string, ManifestEnvironmentFacts>>();
  const factsOf = (platform: string, env: string): ManifestEnvironmentFacts | undefined => {
    let envs = manifests.get(platform);
    if (envs === undefined) {
      envs = environmentsIn(byPath.get(`${platform}/manifest.json`));
      manifests.set(platform, envs);
    }
    return envs.get(env);
  };
  for (const [path, content] of byPath) {
    const match = TEMPLATE.exec(path);
    if (match === null) continue;
    const [, platform = '', env = '', stack = ''] = match;
    const template = parseJson(content) as CfnTemplate | undefined;
    if (template === undefined || typeof template !== 'object' || template === null) continue;
    const parameterFile = byPath.get(`${platform}/${env}/${stack}.parameters.json`);
    const sourceMap = byPath.get(`${platform}/${env}/${stack}.sourcemap.json`);
    stacks.push({
      platform,
      env,
      stack,
      template: { ...template, Resources: template.Resources ?? {} },
      parameterValues: parameterValues(parameterFile),
      ...resourceSources(sourceMap),
      ...deployedIn(factsOf(platform, env)),
    });
  }
  return stacks.sort((a, b) => compareText(stackOrder(a), stackOrder(b)));
}

/** Sort key of a stack: platform, environment, stack name (the order every listing uses). */
export function stackOrder(s: { readonly platform: string; readonly env: string; readonly stack: string }): string {
  return `${s.platform}\u0000${s.env}\u0000${s.stack}`;
}

function parameterValues(content: string | undefined): { [name: string]: string } {
  const list = content === undefined ? undefined : parseJson(content);
  const values: { [name: string]: string } = {};
  if (!Array.isArray(list)) return values;
  for (const entry of list as readonly Json[]) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) continue;
    const { ParameterKey: key, ParameterValue: value } = entry as { readonly [k: string]: Json };
    if (typeof key === 'string') values[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return values;
}

/**
 * `resources` of a source map, reduced to each logical id's `file:line:col` and spec path, its `properties` to
 * the spec node of each and its `statements` to their `file:line:col`; empty when the map is missing or unreadable.
 */
function resourceSources(content: string | undefined): Pick<StackInput, 'sources' | 'origins' | 'propertySources' | 'statementSources'> {
  const map = content === undefined ? undefined : parseJson(content);
  const resources = isJsonObject(map) ? map['resources'] : undefined;
  const properties = isJsonObject(map) ? map['properties'] : undefined;
  const statements = isJsonObject(map) ? map['statements'] : undefined;
  const origins: { [logicalId: string]: (string | number)[] } = {};
  const propertySources: { [key: string]: SpecNode } = {};
  for (const [logicalId, entry] of Object.entries(isJsonObject(resources) ? resources : {})) {
    const path = specPath(isJsonObject(entry) ? entry['path'] : undefined);
    if (path !== undefined) origins[logicalId] = path;
  }
  for (const [key, entry] of Object.entries(isJsonObject(properties) ? properties : {})) {
    const location = isJsonObject(entry) ? entry['location'] : undefined;
    const path = specPath(isJsonObject(entry) ? entry['path'] : undefined);
    if (typeof location === 'string' && path !== undefined) propertySources[key] = { path: describePath(path), location };
  }
  return { sources: sourceMapLocations(resources), origins, propertySources, statementSources: sourceMapLocations(statements) };
}

function specPath(value: Json | undefined): (string | number)[] | undefined {
  return Array.isArray(value) && value.every((p) => typeof p === 'string' || typeof p === 'number') ? (value as (string | number)[]) : undefined;
}

/** What a manifest says of an environment that the diff uses. */
interface ManifestEnvironmentFacts {
  readonly protect: boolean;
  readonly account?: string;
  readonly region?: string;
}

/** The environments of a manifest by name; empty when it is missing or unreadable. */
function environmentsIn(content: string | undefined): ReadonlyMap<string, ManifestEnvironmentFacts> {
  const manifest = content === undefined ? undefined : parseJson(content);
  const environments = isJsonObject(manifest) ? manifest['environments'] : undefined;
  const facts = new Map<string, ManifestEnvironmentFacts>();
  for (const e of Array.isArray(environments) ? environments : []) {
    if (!isJsonObject(e) || typeof e['name'] !== 'string') continue;
    const { account, region } = e;
    facts.set(e['name'], { protect: e['protect'] === true, ...(typeof account === 'string' ? { account } : {}), ...(typeof region === 'string' ? { region } : {}) });
  }
  return facts;
}

function deployedIn(facts: ManifestEnvironmentFacts | undefined): Pick<StackInput, 'protected' | 'account' | 'region'> {
  if (facts === undefined) return {};
  return { ...(facts.protect ? { protected: true } : {}), ...(facts.account !== undefined ? { account: facts.account } : {}), ...(facts.region !== undefined ? { region: facts.region } : {}) };
}

function parseJson(content: string): Json | undefined {
  try {
    return JSON.parse(content) as Json;
  } catch {
    return undefined;
  }
}
