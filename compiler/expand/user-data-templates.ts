/**
 * The Handlebars templates of the hosts' user data, ready to render. The build precompiles them
 * (`precompile-templates.ts`), so a compile loads only the Handlebars runtime instead of the whole compiler and
 * does not parse the templates on every run. Where the precompiled module is missing (tests run from the source
 * tree) or was built from other template text (a template edited after the last build), the templates are
 * compiled here as before: the output never depends on which path was taken.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type HandlebarsModule from 'handlebars';
// Imported statically (not required on demand like the full compiler below) so the bundle carries it: the runtime
// is some twenty files in node_modules, and every compile needs it.
import handlebarsRuntime from 'handlebars/runtime.js';

type HandlebarsEnv = typeof HandlebarsModule;
/** The runtime is the Handlebars object without its compiler; its own typings declare an empty module. */
const HandlebarsRuntime = handlebarsRuntime as unknown as Pick<HandlebarsEnv, 'create'>;
type TemplateSpec = Parameters<HandlebarsEnv['template']>[0];
export type Render = (context: object) => string;

/**
 * The templates stay in the source tree. This module runs from `compiler/expand/` (tests) and from
 * `dist/expand/` (the CLI); two levels up is the repository root in both cases.
 */
const TEMPLATE_DIR = new URL('../../compiler/expand/templates/', import.meta.url);

export const TEMPLATE_FILES = { overlay: 'overlay.sh.hbs', userData: 'user-data.sh.hbs', mime: 'user-data.mime.hbs' } as const;
export type TemplateName = keyof typeof TEMPLATE_FILES;

/** Known helpers only and no @data: Handlebars then emits direct calls, which matters at thousands of hosts. */
export const COMPILE_OPTIONS = { noEscape: true, strict: true, knownHelpers: { shq: true }, knownHelpersOnly: true, data: false } as const;

/**
 * Where the build writes the precompiled templates: `dist/generated/`, two levels above this module wherever it
 * runs from (`compiler/expand/` in tests, `dist/expand/` or `dist/bundle/` in the CLI). A CommonJS file, loaded
 * synchronously, so that no module needs a top-level await.
 */
export const GENERATED_URL = new URL('../../dist/generated/user-data-templates.cjs', import.meta.url);

interface GeneratedModule {
  readonly sources: Readonly<Record<TemplateName, string>>;
  readonly specs: Readonly<Record<TemplateName, TemplateSpec>>;
}

const require = createRequire(import.meta.url);

/** Quotes a value for the shell: `it's` -> `'it'\''s'`. Safe for any string, including newlines. */
export function shellQuote(value: string | number): string {
  return `'${String(value).replace(/'/g, `'\\''`)}'`;
}

export function readTemplate(name: TemplateName): string {
  return readFileSync(fileURLToPath(new URL(TEMPLATE_FILES[name], TEMPLATE_DIR)), 'utf8');
}

function withHelpers(handlebars: HandlebarsEnv): HandlebarsEnv {
  handlebars.registerHelper('shq', (value: unknown) => {
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new TypeError(`shq expects a string or number, got ${typeof value}`);
    }
    return shellQuote(value);
  });
  return handlebars;
}

function precompiled(url: URL): GeneratedModule | undefined {
  try {
    return require(fileURLToPath(url)) as GeneratedModule;
  } catch {
    return undefined;
  }
}

/** Loads every template: precompiled when the build's module matches the template texts, compiled otherwise. */
export function loadTemplates(options: { generated?: URL } = {}): Readonly<Record<TemplateName, Render>> {
  const names = Object.keys(TEMPLATE_FILES) as TemplateName[];
  const texts = Object.fromEntries(names.map((name) => [name, readTemplate(name)])) as Record<TemplateName, string>;
  const generated = precompiled(options.generated ?? GENERATED_URL);
  if (generated !== undefined && names.every((name) => generated.sources[name] === texts[name])) {
    const handlebars = withHelpers(HandlebarsRuntime.create());
    return Object.fromEntries(names.map((name) => [name, handlebars.template(generated.specs[name])])) as Record<TemplateName, Render>;
  }
  const Handlebars = require('handlebars') as HandlebarsEnv;
  const handlebars = withHelpers(Handlebars.create());
  return Object.fromEntries(names.map((name) => [name, handlebars.compile(texts[name], COMPILE_OPTIONS)])) as Record<TemplateName, Render>;
}
