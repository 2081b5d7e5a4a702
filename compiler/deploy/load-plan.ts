/**
 * Reads what deploy ships: `generated/<platform>/manifest.json` and, for one environment, each stack's template,
 * parameter file and source map exactly as committed (what review saw). Nothing is compiled here.
 */
import { instanceRounds } from '../model/rolling-time.js';
import { sourceMapLocations } from '../emit/source-map-locations.js';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest, ManifestEnvironment, ManifestStack } from '../emit/manifest.js';
import type { StackParameter } from './aws-api.js';
import { DeployError } from './deploy-error.js';
import { checkManifest } from './manifest-shape.js';

export interface StackPlan {
  readonly name: string;
  readonly stackName: string;
  /** The manifest's hash of stack name, template, parameters and tags: names change sets, pins plans. */
  readonly contentHash: string;
  readonly dependsOn: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly terminationProtection: boolean;
  /** The template file's text, sent as is. */
  readonly templateBody: string;
  /** Logical id -> resource type, for previews derived from the template. */
  readonly resourceTypes: Readonly<Record<string, string>>;
  readonly parameters: readonly StackParameter[];
  readonly crossEnvironmentParameters: ManifestStack['crossEnvironmentParameters'];
  /** Logical id -> `file:line:col` of the spec node it came from. */
  readonly locations: Readonly<Record<string, string>>;
  /** `<LogicalId>/<path>.Statement.<n>` -> `file:line:col` of the spec entry each policy statement came from. */
  readonly statementLocations: Readonly<Record<string, string>>;
  /** Rounds of hypervisors a rolling batch changes one after another (1 without one): deploy waits longer for them. */
  readonly rollingRounds: number;
}

export interface EnvironmentPlan {
  readonly platform: string;
  readonly manifest: Manifest;
  readonly environment: ManifestEnvironment;
  /** In deploy order. */
  readonly stacks: readonly StackPlan[];
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new DeployError({ code: 'DEPLOY003', message: `${what} is missing: ${path}`, hint: 'Run `platformc compile` and commit generated/.' });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DeployError({ code: 'DEPLOY003', message: `${what} is not valid JSON: ${path}`, hint: 'Run `platformc compile` again; generated/ must not be edited by hand.' });
  }
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new DeployError({ code: 'DEPLOY003', message: `${what} is missing: ${path}`, hint: 'Run `platformc compile` and commit generated/.' });
  }
}

/** Finds the platform directory: the one named, or the only one under generated/. */
export function findPlatformDir(options: { readonly generatedDir: string; readonly platform?: string }): string {
  const { generatedDir } = options;
  if (options.platform !== undefined) {
    const dir = join(generatedDir, options.platform);
    if (!existsSync(join(dir, 'manifest.json'))) {
      const present = platformsIn(generatedDir);
      const hint = present.length > 0
        ? `Platforms in ${generatedDir}/: ${present.join(', ')}. If "${options.platform}" is new, run \`platformc compile\` and commit generated/.`
        : 'Run `platformc compile` and commit generated/, or point --out at the output directory.';
      throw new DeployError({ code: 'DEPLOY004', message: `no manifest for platform "${options.platform}" in ${generatedDir}/`, hint });
    }
    return dir;
  }
  const platforms = platformsIn(generatedDir);
  if (platforms.length === 0) {
    throw new DeployError({ code: 'DEPLOY003', message: `no <platform>/manifest.json under ${generatedDir}/`, hint: 'Run `platformc compile` and commit generated/, or point --out at the output directory.' });
  }
  if (platforms.length > 1) {
    throw new DeployError({ code: 'DEPLOY004', message: `generated/ holds several platforms (${platforms.join(', ')}); choose one with --platform` });
  }
  return join(generatedDir, platforms[0] ?? '');
}

/** The platforms under the output directory: its folders that hold a manifest.json. */
function platformsIn(generatedDir: string): string[] {
  if (!existsSync(generatedDir)) return [];
  return readdirSync(generatedDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(generatedDir, d.name, 'manifest.json')))
    .map((d) => d.name)
    .sort();
}

function parameterList(value: unknown, path: string): StackParameter[] {
  if (!Array.isArray(value)) throw new DeployError({ code: 'DEPLOY003', message: `parameter file is not a list: ${path}` });
  return value.map((p: unknown) => {
    const entry = (typeof p === 'object' && p !== null ? p : {}) as { ParameterKey?: unknown; ParameterValue?: unknown };
    if (typeof entry.ParameterKey !== 'string' || typeof entry.ParameterValue !== 'string') {
      throw new DeployError({ code: 'DEPLOY003', message: `parameter file entries need ParameterKey and ParameterValue strings: ${path}` });
    }
    return { key: entry.ParameterKey, value: entry.ParameterValue };
  });
}

function loadStack(dir: string, stack: ManifestStack): StackPlan {
  const templatePath = join(dir, stack.template);
  const templateBody = readText(templatePath, 'template');
  let template: { Resources?: Record<string, { Type?: unknown } | null> } | null;
  try {
    template = JSON.parse(templateBody) as typeof template;
  } catch {
    throw new DeployError({ code: 'DEPLOY003', message: `template is not valid JSON: ${templatePath}` });
  }
  if (typeof template !== 'object' || template === null || Array.isArray(template) || typeof (template.Resources ?? {}) !== 'object') {
    throw new DeployError({ code: 'DEPLOY003', message: `template is not a CloudFormation template object: ${templatePath}` });
  }
  const parameters = existsSync(join(dir, stack.parameters)) ? parameterList(readJson(join(dir, stack.parameters), 'parameter file'), stack.parameters) : [];
  const sourceMapPath = join(dir, stack.sourceMap);
  const sourceMap = existsSync(sourceMapPath) ? (readJson(sourceMapPath, 'source map') as { resources?: unknown; statements?: unknown } | null) : {};
  // The source map only adds spec lines to the preview: a damaged one costs the lines, not the deploy.
  const locations = sourceMapLocations(sourceMap?.resources);
  const statementLocations = sourceMapLocations(sourceMap?.statements);
  const resourceTypes: Record<string, string> = {};
  for (const [id, resource] of Object.entries(template.Resources ?? {})) resourceTypes[id] = typeof resource?.Type === 'string' ? resource.Type : '';
  return {
    name: stack.name,
    stackName: stack.stackName,
    contentHash: stack.contentHash,
    dependsOn: stack.dependsOn,
    tags: stack.tags,
    terminationProtection: stack.terminationProtection,
    templateBody,
    resourceTypes,
    parameters,
    crossEnvironmentParameters: stack.crossEnvironmentParameters ?? [],
    locations,
    statementLocations,
    rollingRounds: instanceRounds(template.Resources ?? {}),
  };
}

/** Reads and checks the manifest in a platform directory (DEPLOY003 when it is malformed). */
export function readManifest(dir: string): Manifest {
  const checked = checkManifest(readJson(join(dir, 'manifest.json'), 'manifest'));
  if ('problem' in checked) {
    throw new DeployError({ code: 'DEPLOY003', message: `${join(dir, 'manifest.json')} is malformed: ${checked.problem}`, hint: 'Run `platformc compile` again; generated/ must not be edited by hand.' });
  }
  return checked.manifest;
}

/** Loads the manifest and the files of one environment; errors are DEPLOY003/DEPLOY004. */
export function loadEnvironmentPlan(options: { readonly generatedDir: string; readonly platform?: string; readonly env: string }): EnvironmentPlan {
  const dir = findPlatformDir(options);
  const manifest = readManifest(dir);
  const environment = manifest.environments.find((e) => e.name === options.env);
  if (!environment) {
    const names = manifest.environments.map((e) => e.name).join(', ');
    throw new DeployError({
      code: 'DEPLOY004',
      message: `environment "${options.env}" is not in ${manifest.platform}'s manifest (environments: ${names || 'none'})`,
      hint: `If ${options.env} was removed from the spec, \`platformc deploy ${options.env} --prune --account <id> --region <region>\` deletes its stacks; \`platformc diff\` against the commit before the removal names both.`,
    });
  }
  return { platform: manifest.platform, manifest, environment, stacks: environment.stacks.map((s) => loadStack(dir, s)) };
}
