/**
 * The shape deploy relies on in `manifest.json`, checked before anything is read from it: a hand-edited or
 * truncated manifest is a DEPLOY003 naming the first field that is wrong, never a TypeError. File names must stay
 * inside the platform's directory.
 */
import type { Manifest } from '../emit/manifest.js';

type Check = (value: unknown, at: string) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const string: Check = (value, at) => (typeof value === 'string' && value !== '' ? undefined : `${at} must be a non-empty string`);
const boolean: Check = (value, at) => (typeof value === 'boolean' ? undefined : `${at} must be true or false`);
const relativeFile: Check = (value, at) => {
  if (typeof value !== 'string' || value === '') return `${at} must be a file name`;
  if (value.startsWith('/') || value.split(/[\\/]/).includes('..')) return `${at} must stay inside the platform's directory (got ${value})`;
  return undefined;
};
const stringList: Check = (value, at) => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : `${at} must be a list of strings`);
const stringMap: Check = (value, at) => (isObject(value) && Object.values(value).every((v) => typeof v === 'string') ? undefined : `${at} must map names to strings`);

function fields(spec: Readonly<Record<string, Check>>, optional: ReadonlySet<string> = new Set()): Check {
  return (value, at) => {
    if (!isObject(value)) return `${at} must be an object`;
    for (const [key, check] of Object.entries(spec)) {
      if (optional.has(key) && value[key] === undefined) continue;
      const problem = check(value[key], `${at}.${key}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
}

function list(item: Check): Check {
  return (value, at) => {
    if (!Array.isArray(value)) return `${at} must be a list`;
    for (const [index, entry] of value.entries()) {
      const problem = item(entry, `${at}[${index}]`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
}

const crossEnvironmentParameter = fields({ parameter: string, env: string, stack: string, output: string });
const stack = fields(
  { name: string, stackName: string, template: relativeFile, parameters: relativeFile, sourceMap: relativeFile, dependsOn: stringList, tags: stringMap, terminationProtection: boolean, contentHash: string, crossEnvironmentParameters: list(crossEnvironmentParameter) },
  new Set(['crossEnvironmentParameters']),
);
const environment = fields({ name: string, account: string, region: string, protect: boolean, stacks: list(stack) });
const manifest = fields({ platform: string, environments: list(environment) });

/** The manifest when it has the shape deploy uses, else the first problem found. */
export function checkManifest(value: unknown): { manifest: Manifest } | { problem: string } {
  const problem = manifest(value, 'manifest');
  return problem === undefined ? { manifest: value as Manifest } : { problem };
}
