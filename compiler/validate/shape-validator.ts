/**
 * The compiled form of the platform JSON Schema. Compiling the schema with ajv costs more than the whole rest of
 * a compile, so the build precompiles it into `dist/generated/shape-validator.cjs` (ajv's standalone code, see
 * `precompile-schema.ts`) and this module loads that. The generated code records the hash of the schema it was
 * made from; when it is missing (a checkout that was never built) or stale (the schema changed without a
 * rebuild), the schema is compiled at run time instead, so the result is always the current schema.
 *
 * Loading is synchronous (a CommonJS file through `require`), so the module needs no top-level await and the
 * CLI can be bundled into CommonJS (see `compiler/build/bundle.ts`).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import { readSchemaText } from './schema-file.js';

/** An ajv validate function: true when valid, otherwise `errors` says why. */
export interface ShapeValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * The ajv options of the shape check; the precompiled code is generated with exactly these. `defaultSnippets` is
 * the editors' keyword for completion snippets (yaml-language-server, VS Code): known, so strict mode accepts it,
 * and without meaning for validation.
 */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true, keywords: ['defaultSnippets', 'patternErrorMessage'] };

/**
 * Where the build writes the generated code: `dist/generated/`, two levels above this module wherever it runs
 * from (`compiler/validate/` in tests, `dist/validate/` or `dist/bundle/` in the CLI).
 */
export const GENERATED_URL = new URL('../../dist/generated/shape-validator.cjs', import.meta.url);

const require = createRequire(import.meta.url);

export function schemaHash(schemaText: string): string {
  return createHash('sha256').update(schemaText).digest('hex');
}

/** The generated module is ajv's validate function itself, carrying the hash of the schema it was made from. */
type GeneratedModule = ShapeValidator & { readonly schemaHash?: string };

/** The precompiled validator when it matches the schema on disk, else one compiled now. */
export function loadShapeValidator(options: { generated?: URL } = {}): ShapeValidator {
  const schemaText = readSchemaText();
  const generated = requireGenerated(options.generated ?? GENERATED_URL);
  if (generated !== undefined && generated.schemaHash === schemaHash(schemaText)) return generated;
  return compileShapeValidator(schemaText);
}

function requireGenerated(url: URL): GeneratedModule | undefined {
  try {
    return require(fileURLToPath(url)) as GeneratedModule;
  } catch {
    // Not generated (never built): the caller compiles the schema.
    return undefined;
  }
}

export function compileShapeValidator(schemaText: string): ShapeValidator {
  const { Ajv } = require('ajv') as typeof import('ajv');
  return new Ajv({ ...AJV_OPTIONS }).compile(JSON.parse(schemaText) as object);
}
