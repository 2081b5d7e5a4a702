/**
 * What a semantic rule is: a pure function from a schema-valid spec (and its document, for positions) to
 * findings. Each file under rules/ holds one concern's rule and the CodeInfo of every code it reports.
 */
import type { Diagnostic, Severity, SpecPath } from '../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../load/loaded-spec.js';
import { positionOf } from '../load/positions.js';
import type { PlatformSpec } from '../model/spec.js';

export type Rule = (spec: PlatformSpec, loaded: LoadedSpec) => Diagnostic[];

export interface FindingOptions {
  readonly code: string;
  readonly path: SpecPath;
  readonly message: string;
  readonly hint?: string;
  readonly severity?: Severity;
  /** Point at the key rather than the value (for findings about a name, such as an environment's). */
  readonly at?: 'key';
}

/** Builds a diagnostic for `loaded`; positions of key findings are resolved here, the rest when rendering. */
export function finding(loaded: LoadedSpec, options: FindingOptions): Diagnostic {
  return {
    code: options.code,
    severity: options.severity ?? 'error',
    message: options.message,
    file: loaded.file,
    path: options.path,
    ...(options.at ? { position: positionOf(loaded, options.path, { at: options.at }) } : {}),
    ...(options.hint ? { hint: options.hint } : {}),
  };
}

/** Environment names of the spec, in the order written. */
export function environmentNames(spec: PlatformSpec): string[] {
  return Object.keys(spec.environments);
}

/** True for `{ env: value }` maps, false for one value given for all environments. */
export function isPerEnvMap<T>(value: T | { readonly [env: string]: T }): value is { readonly [env: string]: T } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
