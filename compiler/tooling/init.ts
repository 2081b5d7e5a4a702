/**
 * `platformc init`: a new project's first files, a commented starter spec that validates and compiles as it is
 * and the CI workflow that keeps `generated/` honest. Never overwrites: if the spec (or a folder on its way) exists
 * nothing is written; an existing workflow is kept, since it checks every spec.
 * The texts are Handlebars templates beside this module (`templates/`).
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { makeDirectory } from '../emit/make-directory.js';
import { PINNED_CFN_LINT } from '../lint/find-cfn-lint.js';

export interface InitFile {
  /** Relative to the project directory, forward slashes. */
  readonly path: string;
  readonly content: string;
  /**
   * An existing file is kept rather than refused: the workflow checks every spec, so a second platform's `init`
   * adds its spec to a project that has the workflow already.
   */
  readonly keepExisting?: boolean;
}

/** Works from the sources (compiler/tooling) and the build (dist/tooling): both sit two levels deep. */
const TEMPLATES = fileURLToPath(new URL('../../compiler/tooling/templates/', import.meta.url));

function render(template: string, name: string): string {
  const compiled = Handlebars.compile(readFileSync(join(TEMPLATES, template), 'utf8'), { noEscape: true, strict: true });
  return compiled({ name, cfnLint: PINNED_CFN_LINT });
}

/** The files `init` writes for a platform name (which must match PLATFORM_NAME). Pure apart from reading templates. */
export function initFiles(name: string): InitFile[] {
  return [
    { path: `specs/${name}.platform.yaml`, content: render('starter.platform.yaml.hbs', name) },
    { path: '.github/workflows/platformc.yml', content: render('ci-workflow.yml.hbs', name), keepExisting: true },
    // generated/ keeps LF line endings on Windows checkouts too, or check would find every file changed.
    { path: '.gitattributes', content: render('gitattributes.hbs', name), keepExisting: true },
  ];
}

export type InitOutcome =
  | { readonly written: readonly string[]; readonly kept: readonly string[] }
  | { readonly existing: readonly string[] }
  | { readonly failed: string; readonly reason: string; readonly written: readonly string[] };

/**
 * Writes the files under `cwd` unless one of them exists already, or a folder on the way to one is a file (a
 * `specs` file where `specs/` should be): both are found before anything is written. An error while writing (a
 * read-only directory, a full disk) is returned, with what was written before it, never thrown.
 */
export function writeInitFiles(cwd: string, files: readonly InitFile[]): InitOutcome {
  const kept = files.filter((file) => file.keepExisting === true && existsSync(join(cwd, file.path))).map((file) => file.path);
  const toWrite = files.filter((file) => !kept.includes(file.path));
  const existing = toWrite.flatMap((file) => {
    if (existsSync(join(cwd, file.path))) return [file.path];
    const blocker = fileOnTheWay(cwd, file.path);
    return blocker === undefined ? [] : [blocker];
  });
  if (existing.length > 0) return { existing: [...new Set(existing)] };
  const written: string[] = [];
  for (const file of toWrite) {
    try {
      makeDirectory(dirname(join(cwd, file.path)));
      writeFileSync(join(cwd, file.path), file.content, { flag: 'wx' });
    } catch (error) {
      return { failed: file.path, reason: error instanceof Error ? error.message : String(error), written };
    }
    written.push(file.path);
  }
  return { written, kept };
}

/** The first folder of `path` that exists but is not a directory, if any. */
function fileOnTheWay(cwd: string, path: string): string | undefined {
  const parts = path.split('/').slice(0, -1);
  for (let i = 1; i <= parts.length; i += 1) {
    const folder = parts.slice(0, i).join('/');
    try {
      if (!statSync(join(cwd, folder)).isDirectory()) return folder;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
