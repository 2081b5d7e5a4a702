/**
 * Validation of one loaded spec: the JSON Schema first (shape), then the semantic rules (meaning). Rules run only
 * on a schema-valid spec, so each can rely on the types in compiler/model/spec.ts instead of re-checking shapes.
 * When the only shape errors are unknown keys (a misspelt key), the rules still run, on the spec with those keys
 * read as the ones meant or left out, so one typo does not hide the other findings until the next run. All findings are reported at once,
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
export function validateSpec(loaded: LoadedSpec): { spec?: PlatformSpec; diagnostics: Diagnostic[]; rulesSkipped?: true } {
  if (loaded.value === undefined) return { diagnostics: [], rulesSkipped: true };
  const shape = checkSchema(loaded);
  if (shape.length > 0) {
    const rules = rulesDespiteUnknownKeys(loaded, shape);
    return { diagnostics: sortDiagnostics(loaded, [...shape, ...(rules ?? [])]), ...(rules === undefined ? { rulesSkipped: true as const } : {}) };
  }
  // The schema accepted the value, so it has the shape of PlatformSpec.
  const spec = loaded.value as PlatformSpec;
  const diagnostics = sortDiagnostics(loaded, RULES.flatMap((rule) => rule(spec, loaded)));
  return diagnostics.some((d) => isBlocking(d.severity)) ? { diagnostics } : { spec, diagnostics };
}

/**
 * The rules' findings when all the schema refused is unknown keys (SCHEMA001) and the spec has its shape once
 * they are mended: a key with a "did you mean" that its mapping lacks is read as the key meant (`regoin` as
 * `region`), any other is left out. Findings on a mended key point at the key as written. Otherwise undefined:
 * the rules did not run. (Leaving out a refused value as well was tried: the rules then report its absence
 * elsewhere, such as a protected stage "without approval" when the approval was only misspelt as a value.)
 */
function rulesDespiteUnknownKeys(loaded: LoadedSpec, shape: readonly Diagnostic[]): Diagnostic[] | undefined {
  if (!shape.every((d) => d.code === 'SCHEMA001')) return undefined;
  let value = loaded.value;
  const renamed: { readonly meant: readonly (string | number)[]; readonly written: readonly (string | number)[] }[] = [];
  for (const d of shape) {
    const parent = d.path.slice(0, -1);
    const written = String(d.path[d.path.length - 1]);
    const meant = /^did you mean "(.+)"\?$/.exec(d.hint ?? '')?.[1];
    value = editAt(value, parent, (record) => {
      if (meant === undefined || Object.hasOwn(record, meant)) return Object.fromEntries(Object.entries(record).filter(([k]) => k !== written));
      renamed.push({ meant: [...parent, meant], written: d.path });
      return Object.fromEntries(Object.entries(record).map(([k, v]) => [k === written ? meant : k, v]));
    });
  }
  const mended: LoadedSpec = { ...loaded, value };
  if (checkSchema(mended).length > 0) return undefined;
  return RULES.flatMap((rule) => rule(mended.value as PlatformSpec, mended)).map((finding) => {
    const rename = renamed.find((r) => r.meant.every((segment, i) => String(finding.path[i]) === String(segment)));
    if (rename === undefined) return finding;
    const { position: _position, ...rest } = finding;
    return { ...rest, path: [...rename.written, ...finding.path.slice(rename.meant.length)] };
  });
}

/** A copy of `value` with the mapping at `path` replaced by `edit` of it; only the nodes along the path are copied. */
function editAt(value: unknown, path: readonly (string | number)[], edit: (record: Readonly<Record<string, unknown>>) => Record<string, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = path;
  if (head === undefined) return Array.isArray(value) ? value : edit(value as Readonly<Record<string, unknown>>);
  if (Array.isArray(value)) return typeof head === 'number' ? value.map((item, index) => (index === head ? editAt(item, rest, edit) : item)) : value;
  const record = value as Readonly<Record<string, unknown>>;
  const key = String(head);
  return Object.hasOwn(record, key) ? { ...record, [key]: editAt(record[key], rest, edit) } : value;
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
