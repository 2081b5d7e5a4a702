/**
 * `platformc init`: a new project's first files, a commented starter spec that validates and compiles as it is
 * and the CI workflow that keeps `generated/` honest. Never overwrites: if any target exists nothing is written.
 * The texts are Handlebars templates beside this module (`templates/`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

/** The same rule the schema gives `platform`. */
export const PLATFORM_NAME = /^[a-z][a-z0-9-]{0,23}$/;

export interface InitFile {
  /** Relative to the project directory, forward slashes. */
  readonly path: string;
  readonly content: string;
}

/** Works from the sources (compiler/tooling) and the build (dist/tooling): both sit two levels deep. */
const TEMPLATES = fileURLToPath(new URL('../../compiler/tooling/templates/', import.meta.url));

function render(template: string, name: string): string {
  const compiled = Handlebars.compile(readFileSync(join(TEMPLATES, template), 'utf8'), { noEscape: true, strict: true });
  return compiled({ name });
}

/** The files `init` writes for a platform name (which must match PLATFORM_NAME). Pure apart from reading templates. */
export function initFiles(name: string): InitFile[] {
  return [
    { path: `specs/${name}.platform.yaml`, content: render('starter.platform.yaml.hbs', name) },
    { path: '.github/workflows/platformc.yml', content: render('ci-workflow.yml.hbs', name) },
  ];
}

export type InitOutcome =
  | { readonly written: readonly string[] }
  | { readonly existing: readonly string[] };

/** Writes the files under `cwd` unless one of them exists already. */
export function writeInitFiles(cwd: string, files: readonly InitFile[]): InitOutcome {
  const existing = files.filter((file) => existsSync(join(cwd, file.path))).map((file) => file.path);
  if (existing.length > 0) return { existing };
  for (const file of files) {
    mkdirSync(dirname(join(cwd, file.path)), { recursive: true });
    writeFileSync(join(cwd, file.path), file.content, { flag: 'wx' });
  }
  return { written: files.map((file) => file.path) };
}
