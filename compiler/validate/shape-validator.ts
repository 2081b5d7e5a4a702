/**
 * The compiled form of the platform JSON Schema. Compiling the schema with ajv costs more than the whole rest of
 * a compile, so the build precompiles it into `dist/validate/shape-validator.generated.js` (ajv's standalone
 * code, see `precompile-schema.ts`) and this module loads that. The generated code records the hash of the
 * schema it was made from; when it is missing (tests run from source) or stale (the schema changed without a
 * rebuild), the schema is compiled at run time instead, so the result is always the current schema.
 */
import { createHash } from 'node:crypto';
import type { ErrorObject } from 'ajv';
import { readSchemaText } from './schema-file.js';

/** An ajv validate function: true when valid, otherwise `errors` says why. */
export interface ShapeValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The ajv options of the shape check; the precompiled code is generated with exactly these. */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true } as const;

export const GENERATED_FILE = 'shape-validator.generated.js';

export function schemaHash(schemaText: string): string {
  return createHash('sha256').update(schemaText).digest('hex');
}

interface GeneratedModule {
  readonly schemaHash: string;
  readonly validate: ShapeValidator;
}

/** The precompiled validator when it matches the schema on disk, else one compiled now. */
export async function loadShapeValidator(): Promise<ShapeValidator> {
  const schemaText = readSchemaText();
  try {
    const generated = (await import(new URL(`./${GENERATED_FILE}`, import.meta.url).href)) as GeneratedModule;
    if (generated.schemaHash === schemaHash(schemaText)) return generated.validate;
  } catch {
    // Not generated (running from source): compile below.
  }
  return compileShapeValidator(schemaText);
}

export async function compileShapeValidator(schemaText: string): Promise<ShapeValidator> {
  const { Ajv } = await import('ajv');
  return new Ajv({ ...AJV_OPTIONS }).compile(JSON.parse(schemaText) as object);
}
