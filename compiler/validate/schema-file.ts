/**
 * Where the platform JSON Schema lives: schema/platform.schema.json, two levels above this module both in
 * compiler/ (tests) and dist/ (the installed CLI). One file serves ajv, editors and `platformc schema`.
 */
import { readFileSync } from 'node:fs';

export const SCHEMA_URL = new URL('../../schema/platform.schema.json', import.meta.url);

/** The schema as text, exactly as shipped. */
export function readSchemaText(): string {
  return readFileSync(SCHEMA_URL, 'utf8');
}
