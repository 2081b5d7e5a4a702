/**
 * The shape check: the JSON Schema in schema/platform.schema.json (the same file editors use for completion),
 * run by ajv with allErrors, each error turned into a diagnostic on the spec path it is about.
 */
import type { ErrorObject } from 'ajv';
import type { Diagnostic, SpecPath } from '../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../load/loaded-spec.js';
import { formatSpecPath } from '../diagnostics/spec-path.js';
import { valueAt } from '../load/path-of-value.js';
import { positionOf } from '../load/positions.js';
import { readSchemaText } from './schema-file.js';
import { loadShapeValidator } from './shape-validator.js';
import { suggestionHint } from './suggest.js';


// Precompiled at build time (compiling the schema costs more than the rest of a compile); see shape-validator.ts.
const validateShape = loadShapeValidator();


/**
 * Checks the loaded value against the schema. Returns no diagnostics when the shape is right; otherwise one per
 * problem (all of them, not just the first), with positions resolved from the document.
 */
export function checkSchema(loaded: LoadedSpec): Diagnostic[] {
  if (validateShape(loaded.value)) return [];
  const all = validateShape.errors ?? [];
  // A bad key is reported twice by ajv: the broken constraint (carrying `propertyName`), then `propertyNames`.
  const keyErrors = all.filter((e) => e.propertyName !== undefined);
  const errors = dropNoise(all.filter((e) => e.propertyName === undefined));
  const diagnostics = errors.map((error) => (error.keyword === 'propertyNames' ? keyDiagnostic(loaded, error, keyErrors) : toDiagnostic(loaded, error)));
  return dedupe(dropMissingWhenMisspelt(diagnostics));
}

/** `vnii: 100` is both an unknown key and a missing `vni`; the unknown key with its suggestion says it better. */
function dropMissingWhenMisspelt(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const suggested = new Set(
    diagnostics
      .filter((d) => d.code === 'SCHEMA001' && d.hint?.startsWith('did you mean'))
      .map((d) => `${d.path.slice(0, -1).join('/')}|${/"(.*)"/.exec(d.hint ?? '')?.[1] ?? ''}`),
  );
  return diagnostics.filter((d) => d.code !== 'SCHEMA002' || !suggested.has(`${d.path.join('/')}|${missingKey(d.message)}`));
}

function missingKey(message: string): string {
  return /required key "(.*)"$/.exec(message)?.[1] ?? '';
}

/** A string|object union reports the object keywords for strings too; a type error already says it all. */
function dropNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const typeErrors = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  return errors.filter((e) => e.keyword === 'type' || !typeErrors.has(e.instancePath));
}

/** A key that breaks the object's `propertyNames`, shown on the key itself with the constraint it breaks. */
function keyDiagnostic(loaded: LoadedSpec, error: ErrorObject, keyErrors: readonly ErrorObject[]): Diagnostic {
  const path = toSpecPath(loaded.value, error.instancePath);
  const key = String((error.params as { propertyName?: unknown }).propertyName);
  const inner = keyErrors.find((e) => e.instancePath === error.instancePath && e.propertyName === key);
  const innerParams = (inner?.params ?? {}) as Readonly<Record<string, unknown>>;
  const keyPath = [...path, key];
  const hint = inner?.keyword === 'pattern'
    ? (patternMessage(inner?.parentSchema) ?? `expected a key matching ${String(innerParams.pattern)}`)
    : inner?.keyword === 'minLength' ? 'write a non-empty key' : inner?.keyword === 'maxLength' ? `keep keys to ${String(innerParams.limit)} characters` : undefined;
  return {
    severity: 'error',
    file: loaded.file,
    code: 'SCHEMA008',
    message: `key ${JSON.stringify(key)} in ${describePath(path)} is not allowed: it ${inner?.message ?? 'breaks the schema'}`,
    path: keyPath,
    position: positionOf(loaded, keyPath, { at: 'key' }),
    ...(hint === undefined ? {} : { hint }),
  };
}

/**
 * The schema's own words for a pattern (`patternErrorMessage`, which editors show too), instead of the regular
 * expression itself.
 */
function patternMessage(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const message = (schema as { readonly patternErrorMessage?: unknown }).patternErrorMessage;
  return typeof message === 'string' ? message : undefined;
}

function toDiagnostic(loaded: LoadedSpec, error: ErrorObject): Diagnostic {
  const path = toSpecPath(loaded.value, error.instancePath);
  const where = describePath(path);
  const base = { severity: 'error' as const, file: loaded.file };
  const params = error.params as Readonly<Record<string, unknown>>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = knownKeys(error.parentSchema);
      const keyPath = [...path, key];
      return {
        ...base,
        code: 'SCHEMA001',
        message: `unknown key "${key}" in ${where}`,
        path: keyPath,
        position: positionOf(loaded, keyPath, { at: 'key' }),
        hint: suggestionHint(key, allowed, 'keys'),
      };
    }
    case 'required':
      return {
        ...base,
        code: 'SCHEMA002',
        message: `${where} is missing the required key "${String(params.missingProperty)}"`,
        path,
        hint: missingHint(String(params.missingProperty), error.parentSchema),
      };
    case 'type':
      return {
        ...base,
        code: 'SCHEMA003',
        message: `${where} must be ${article(String(params.type))}, not ${typeName(valueAt(loaded.value, path))}`,
        path,
        hint: typeHint(String(params.type), valueAt(loaded.value, path)),
      };
    case 'enum':
    case 'const': {
      const allowed = (error.keyword === 'enum' ? (params.allowedValues as readonly unknown[]) : [params.allowedValue]).map((v) => String(v));
      const actual = valueAt(loaded.value, path);
      return {
        ...base,
        code: 'SCHEMA004',
        message: `${where} is ${JSON.stringify(actual)}; allowed: ${allowed.join(', ')}`,
        path,
        hint: suggestionHint(String(actual), allowed, 'values'),
      };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength':
    case 'minProperties':
    case 'maxProperties':
      return { ...base, code: 'SCHEMA005', message: `${where} ${error.message ?? 'is out of range'}`, path, hint: rangeHint(error.keyword, params.limit) };
    case 'pattern':
    case 'format':
      return {
        ...base,
        code: 'SCHEMA006',
        message: `${where} is ${JSON.stringify(valueAt(loaded.value, path))}, which does not have the required format`,
        path,
        hint: patternMessage(error.parentSchema) ?? `expected a value matching ${String(params.pattern ?? params.format)}`,
      };
    case 'uniqueItems':
      return {
        ...base,
        code: 'SCHEMA007',
        message: `${where} lists the same value twice (items ${String(params.j)} and ${String(params.i)})`,
        path: [...path, Number(params.i)],
        hint: 'remove the duplicate',
      };
    default:
      return { ...base, code: 'SCHEMA008', message: `${where} ${error.message ?? 'does not match the schema'}`, path };
  }
}

/** ajv's JSON pointer back to a spec path: numeric segments of arrays become indexes. */
export function toSpecPath(value: unknown, pointer: string): (string | number)[] {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let current: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      const index = Number(segment);
      path.push(index);
      current = current[index];
    } else {
      path.push(segment);
      current = isRecord(current) ? current[segment] : undefined;
    }
  }
  return path;
}

/** The spec path in the dotted form users read: environments.dev.vpcCidr, routing.records[2].policy. */
export function describePath(path: SpecPath): string {
  return path.length === 0 ? 'the spec' : formatSpecPath(path);
}

/** "add home: <what it is>", from the field's own description in the schema. */
function missingHint(key: string, parentSchema: unknown): string {
  const property = isRecord(parentSchema) && isRecord(parentSchema.properties) ? parentSchema.properties[key] : undefined;
  const description = describeProperty(property);
  return description === undefined ? `add ${key}` : `add ${key}: ${description}`;
}

function describeProperty(property: unknown): string | undefined {
  if (!isRecord(property)) return undefined;
  if (typeof property.description === 'string') return property.description;
  const ref = typeof property.$ref === 'string' ? property.$ref.replace('#/definitions/', '') : undefined;
  if (ref === undefined) return undefined;
  // Only on the error path: the schema text is parsed again rather than kept in memory for every run.
  const definitions = (JSON.parse(readSchemaText()) as Readonly<Record<string, unknown>>).definitions;
  if (!isRecord(definitions)) return undefined;
  return describeProperty(definitions[ref]);
}

function knownKeys(schema: unknown): string[] {
  if (!isRecord(schema) || !isRecord(schema.properties)) return [];
  return Object.keys(schema.properties).filter((k) => k !== '$schema');
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}

function article(types: string): string {
  const names: Readonly<Record<string, string>> = {
    string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false', object: 'a mapping', array: 'a list', null: 'empty',
  };
  return types.split(',').map((t) => names[t] ?? t).join(' or ');
}

function typeHint(expected: string, actual: unknown): string | undefined {
  if (expected.includes('string') && typeof actual === 'number') return 'quote the value so YAML keeps it a string, e.g. "111122223333"';
  if (expected.includes('string') && typeof actual === 'boolean') return `quote the value so YAML keeps it a string: "${String(actual)}"`;
  if (expected === 'boolean' && typeof actual === 'string') {
    const word = actual.trim().toLowerCase();
    // YAML 1.1 read these as booleans; YAML 1.2, which platformc reads, keeps them text.
    const meant = ['yes', 'y', 'on', 'true'].includes(word) ? 'true' : ['no', 'n', 'off', 'false'].includes(word) ? 'false' : undefined;
    return meant !== undefined ? `write ${meant}, without quotes (YAML 1.2 reads ${JSON.stringify(actual)} as text)` : 'write true or false, without quotes';
  }
  if ((expected === 'integer' || expected === 'number') && typeof actual === 'string' && actual.trim() !== '' && Number.isFinite(Number(actual))) {
    return `write the number without quotes: ${actual.trim()}`;
  }
  if (expected === 'integer' && typeof actual === 'number') return 'write a whole number';
  if (expected === 'array') return 'write a list, e.g. [a, b] or one "- item" per line';
  if (expected.includes('object') && (actual === null || actual === undefined)) return 'give this key a mapping of its fields';
  return undefined;
}

/** What a value within ajv's limit looks like: `use 8 or more`, `give at most 8 items`. */
function rangeHint(keyword: string, limit: unknown): string {
  const n = typeof limit === 'number' ? limit : undefined;
  if (n === undefined) return 'use a value within the limits';
  const count = (one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
  switch (keyword) {
    case 'minimum': return `use ${n} or more`;
    case 'maximum': return `use ${n} or less`;
    case 'exclusiveMinimum': return `use more than ${n}`;
    case 'exclusiveMaximum': return `use less than ${n}`;
    case 'minItems': return `give at least ${count('item')}`;
    case 'maxItems': return `give at most ${count('item')}`;
    case 'minLength': return `use at least ${count('character')}`;
    case 'maxLength': return `use at most ${count('character')}`;
    case 'minProperties': return `give at least ${count('entry', 'entries')}`;
    case 'maxProperties': return `give at most ${count('entry', 'entries')}`;
    default: return 'use a value within the limits';
  }
}

function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.path.join('/')}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
