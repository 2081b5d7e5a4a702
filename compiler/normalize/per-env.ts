/**
 * Resolving `PerEnv<T>` values: a spec may give one value for all environments or one per environment name.
 * The origin points at the per-environment entry when there is one, so findings land on the right line.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { PerEnv } from '../model/spec.js';

export interface Resolved<T> {
  readonly value: T;
  readonly origin: SpecPath;
}

function isPerEnvMap<T>(value: PerEnv<T>): value is { readonly [env: string]: T } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value for `env`, or `fallback` when a per-environment map leaves it out (the validator reports that case;
 * normalize must still produce a platform for a spec that passed validation).
 */
export function resolvePerEnv<T>(value: PerEnv<T>, env: string, path: SpecPath, fallback: T): Resolved<T> {
  if (!isPerEnvMap(value)) return { value, origin: path };
  const own = value[env];
  return own === undefined ? { value: fallback, origin: path } : { value: own, origin: [...path, env] };
}
