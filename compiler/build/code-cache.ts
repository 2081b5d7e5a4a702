/**
 * A code cache for the bundled CLI on Node 20, which has no `module.enableCompileCache`: the bytecode V8 made
 * for each CommonJS file in a training run is stored in one file at build time and handed back to V8 on every
 * later run, so functions are not parsed and compiled again. Cached data made after a run holds every function
 * that ran, not only the top level, which is what makes it pay.
 *
 * Safety: V8 checks its own version and flags, but identifies the source only by its length, so each entry
 * also records a hash of the file's text and is used only for that exact text. Anything that does not match
 * (another Node, an edited file, a file the training never loaded) compiles as usual; the cache changes how
 * fast code loads, never what it does.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import vm from 'node:vm';

interface CacheEntry {
  readonly hash: string;
  readonly offset: number;
  readonly length: number;
}

interface CacheHeader {
  readonly v8: string;
  readonly entries: Readonly<Record<string, CacheEntry>>;
}

/** What Node's CommonJS loader has and its typings leave out. */
interface LoadedModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}
interface ModuleInternals {
  prototype: LoadedModule;
  wrap(code: string): string;
  _resolveFilename(request: string, parent: LoadedModule, isMain: boolean, options?: { paths?: string[] }): string;
  _cache: Record<string, unknown>;
  _extensions: Record<string, unknown>;
}

const internals = Module as unknown as ModuleInternals;

export interface CodeCacheOptions {
  /** Only files under this folder are cached; keys are paths relative to it. */
  readonly root: URL;
  readonly file: URL;
  /** Training: compile everything through V8 and keep the scripts, so `save` can write the cache. */
  readonly record?: boolean;
}

export interface CodeCache {
  /** Files whose cached code V8 accepted in this process (for tests and the build's report). */
  readonly used: () => number;
  /** Training only: writes the cache for every file compiled so far. */
  readonly save: () => { files: number; bytes: number };
}

const hashOf = (text: string): string => createHash('sha1').update(text).digest('base64');

/**
 * V8 flags for a command that is over in a fraction of a second. V8 hands a function to its optimizing compiler
 * once the function has used up an interrupt budget; in a run of a few hundred milliseconds most of that work
 * finishes too late to pay for itself, on the core the garbage collector would otherwise have. Four times V8
 * 11.3's default budget lets the baseline code run longer first (20 x 50 benchmark: CPU 540 -> 350 ms, wall 394 ->
 * 323 ms; no change for 100 x 200). Only on the V8 this was measured on (Node 20): another may lack the flag, and
 * would say so on stderr.
 */
export function shortRunV8Flags(v8Version: string = process.versions.v8): readonly string[] {
  return v8Version.startsWith('11.3.') ? ['--interrupt-budget=270336'] : [];
}

/**
 * Installs the cache into Node's CommonJS loader for the rest of the process. Sets the short-run V8 flags first:
 * V8 accepts cached data only under the flags it was made with, so making the cache and using it both start here.
 */
export function installCodeCache(options: CodeCacheOptions): CodeCache {
  for (const flag of shortRunV8Flags()) setFlagsFromString(flag);
  // Code compiled here must still reach Node's own loader for `import()`; Node before 20.12 offers no way to ask
  // for that, so there the cache stays out of the way. (Even on 20.12+, code taken from cached data made in another
  // process loses that loader, so the bundle itself uses `require` for lazy packages; see bundle.ts.)
  const mainContextLoader = (vm.constants as Partial<typeof vm.constants> | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (mainContextLoader === undefined) return { used: () => 0, save: () => ({ files: 0, bytes: 0 }) };
  const root = fileURLToPath(options.root);
  const { header, blob } = readCache(fileURLToPath(options.file));
  const recorded: { key: string; hash: string; script: vm.Script }[] = [];
  let used = 0;
  const original = internals.prototype._compile;
  internals.prototype._compile = function compile(this: LoadedModule, content: string, filename: string): unknown {
    const key = relative(root, filename).split(sep).join('/');
    const entry = header?.entries[key];
    if (key.startsWith('..') || content.startsWith('#!') || (entry === undefined && options.record !== true)) return original.call(this, content, filename);
    const hash = hashOf(content);
    const cachedData = entry !== undefined && entry.hash === hash ? blob.subarray(entry.offset, entry.offset + entry.length) : undefined;
    const script = new vm.Script(internals.wrap(content), {
      filename,
      ...(cachedData === undefined ? {} : { cachedData }),
      importModuleDynamically: mainContextLoader,
    });
    if (cachedData !== undefined && !script.cachedDataRejected) used += 1;
    if (options.record === true) recorded.push({ key, hash, script });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this, filename), this, filename, dirname(filename));
  };
  return {
    used: () => used,
    save: () => writeCache(fileURLToPath(options.file), recorded),
  };
}

/** The `require` a module's code is given, as Node's loader builds it. */
function requireFor(module: LoadedModule, filename: string): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) => internals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => createRequire(filename).resolve.paths(request);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.cache = internals._cache as NodeJS.Require['cache'];
  require.extensions = internals._extensions as NodeJS.Require['extensions'];
  return require;
}

function readCache(path: string): { header?: CacheHeader; blob: Buffer } {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch {
    return { blob: Buffer.alloc(0) };
  }
  if (data.length < 4) return { blob: data };
  const headerLength = data.readUInt32LE(0);
  try {
    const header = JSON.parse(data.subarray(4, 4 + headerLength).toString('utf8')) as CacheHeader;
    // Bytecode is specific to the V8 that made it: another Node ignores the whole file.
    return header.v8 === process.versions.v8 ? { header, blob: data.subarray(4 + headerLength) } : { blob: data };
  } catch {
    return { blob: data };
  }
}

function writeCache(path: string, recorded: readonly { key: string; hash: string; script: vm.Script }[]): { files: number; bytes: number } {
  const entries: Record<string, CacheEntry> = {};
  const parts: Buffer[] = [];
  let offset = 0;
  for (const { key, hash, script } of [...recorded].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const data = script.createCachedData();
    entries[key] = { hash, offset, length: data.length };
    parts.push(data);
    offset += data.length;
  }
  const header = Buffer.from(JSON.stringify({ v8: process.versions.v8, entries } satisfies CacheHeader), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length, 0);
  writeFileSync(path, Buffer.concat([length, header, ...parts]));
  return { files: recorded.length, bytes: 4 + header.length + offset };
}
