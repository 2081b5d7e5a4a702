/**
 * Validation of one loaded spec: the JSON Schema first (shape), then the semantic rules (meaning). Rules run only
 * on a schema-valid spec, so each can rely on the types in compiler/model/spec.ts instead of re-checking shapes.
 * When the only shape errors are unknown keys (a misspelt optional key), the rules still run, on the spec without
 * those keys, so one edit does not hide the other findings until the next run. All findings are reported at once,
 * sorted by position.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { isBlocking } from '../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../load/loaded-spec.js';
import { positionOf } from '../load/positions.js';
import type { PlatformSpec } from '../model/spec.js';
import { RULES } from './rules/index.js';
import { checkSchema } from './schema-check.js';
import { compareText } from '../model/compare-text.js';

/**
 * Returns the typed spec only when there is no blocking finding. A spec the loader could not turn into data
 * (value undefined) yields nothing here: the loader has already said why.
 */
export function validateSpec(loaded: LoadedSpec): { spec?: PlatformSpec; diagnostics: Diagnostic[] } {
  if (loaded.value === undefined) return { diagnostics: [] };
  const shape = checkSchema(loaded);
  if (shape.length > 0) return { diagnostics: sortDiagnostics(loaded, [...shape, ...rulesDespiteUnknownKeys(loaded, shape)]) };
  // The schema accepted the value, so it has the shape of PlatformSpec.
  const spec = loaded.value as PlatformSpec;
  const diagnostics = sortDiagnostics(loaded, RULES.flatMap((rule) => rule(spec, loaded)));
  return diagnostics.some((d) => isBlocking(d.severity)) ? { diagnostics } : { spec, diagnostics };
}

/**
 * The rules' findings on the spec without its unknown keys (SCHEMA001), when that is all the schema refused and
 * the rest then has the spec's shape; otherwise none.
 */
function rulesDespiteUnknownKeys(loaded: LoadedSpec, shape: readonly Diagnostic[]): Diagnostic[] {
  if (!shape.every((d) => d.code === 'SCHEMA001')) return [];
  const pruned: LoadedSpec = { ...loaded, value: withoutPaths(loaded.value, shape.map((d) => d.path)) };
  if (checkSchema(pruned).length > 0) return [];
  return RULES.flatMap((rule) => rule(pruned.value as PlatformSpec, pruned));
}

/** A copy of `value` without the object keys at `paths`; only the objects along the paths are copied. */
function withoutPaths(value: unknown, paths: readonly (readonly (string | number)[])[]): unknown {
  let result = value;
  for (const path of paths) result = withoutPath(result, path);
  return result;
}

function withoutPath(value: unknown, path: readonly (string | number)[]): unknown {
  const [head, ...rest] = path;
  if (head === undefined || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    if (typeof head !== 'number' || rest.length === 0) return value;
    return value.map((item, index) => (index === head ? withoutPath(item, rest) : item));
  }
  const record = value as Readonly<Record<string, unknown>>;
  const key = String(head);
  if (!Object.hasOwn(record, key)) return value;
  if (rest.length === 0) return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
  return { ...record, [key]: withoutPath(record[key], rest) };
}

/** Orders findings by line, column, then code and message, so output is stable whatever order rules ran in. */
export function sortDiagnostics(loaded: LoadedSpec, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const placed = diagnostics.map((d) => (d.position ? d : { ...d, position: positionOf(loaded, d.path) }));
  return placed.sort((a, b) => {
    const pa = a.position;
    const pb = b.position;
    return (pa?.line ?? 0) - (pb?.line ?? 0) || (pa?.col ?? 0) - (pb?.col ?? 0) || compareText(a.code, b.code) || compareText(a.message, b.message);
  });
}
