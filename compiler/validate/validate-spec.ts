/**
 * Validation of one loaded spec: the JSON Schema first (shape), then the semantic rules (meaning). Rules run only
 * on a schema-valid spec, so each can rely on the types in compiler/model/spec.ts instead of re-checking shapes.
 * All findings are reported at once, sorted by position.
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
  if (shape.length > 0) return { diagnostics: sortDiagnostics(loaded, shape) };
  // The schema accepted the value, so it has the shape of PlatformSpec.
  const spec = loaded.value as PlatformSpec;
  const diagnostics = sortDiagnostics(loaded, RULES.flatMap((rule) => rule(spec, loaded)));
  return diagnostics.some((d) => isBlocking(d.severity)) ? { diagnostics } : { spec, diagnostics };
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
