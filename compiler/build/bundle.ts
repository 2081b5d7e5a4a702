/**
 * Build step (`npm run build`, after tsc and the precompile steps): bundles the CLI's own modules from `dist/`
 * into a few CommonJS files under `dist/bundle/`, then trains the code cache (see `code-cache.ts`).
 *
 * Why: a compile spends a large part of its time before any work, resolving, reading and compiling about two
 * hundred ES modules. Node 20 can cache compiled code only for CommonJS (`vm.Script` cached data), and a bundle
 * also does away with the module resolution. The packages on every command's path are bundled too (see
 * BUNDLED_PACKAGES); the others stay in node_modules (loaded as they are, through `require`, and cached too), and
 * commands keep loading their implementations lazily: the AWS SDK is still reached only from `deploy` and
 * `validate --access-analyzer`.
 *
 * Run as `node dist/build/bundle.js`.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import { BUNDLE_DIR, BUNDLE_ENTRY_NAME, CODE_CACHE_ENTRY_NAME } from './bundle-paths.js';

/**
 * Packages bundled with the CLI's own modules: small, pure JavaScript, on the path of every command. Each is many
 * files in node_modules (yaml alone is over seventy), and resolving and reading those cost more than running them.
 */
const BUNDLED_PACKAGES: readonly string[] = ['yaml', 'commander', 'ip-address', 'picocolors', 'handlebars'];

const packageOf = (id: string): string => id.split('/').slice(0, id.startsWith('@') ? 2 : 1).join('/');

/**
 * Relative imports and the packages above are bundled; every other bare specifier (`node:` modules, the AWS SDK,
 * the IAM catalog and its data, ajv's runtime, which the generated validator under dist/generated/ requires, and
 * the full Handlebars compiler, required only when a template changed after the build) stays a `require` call.
 */
const isExternal = (id: string): boolean => !id.startsWith('.') && !isAbsolute(id) && !BUNDLED_PACKAGES.includes(packageOf(id));

/**
 * commander requires `node:child_process` as it loads, for subcommands that are separate executables, which
 * platformc has none of; loading it (with net, dgram and the stream machinery behind it) costs every command a
 * few milliseconds. The bundled copy requires it on the first spawn instead. The build fails if commander's line
 * changes, rather than silently bundling the eager form.
 */
const COMMANDER_EAGER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const deferCommanderChildProcess = {
  name: 'defer-commander-child-process',
  transform(code: string, id: string): string | null {
    if (!id.split('\\').join('/').endsWith('/commander/lib/command.js')) return null;
    if (!code.includes(COMMANDER_EAGER_CHILD_PROCESS)) throw new Error(`commander/lib/command.js no longer has the line ${COMMANDER_EAGER_CHILD_PROCESS}; update bundle.ts`);
    return code.replace(COMMANDER_EAGER_CHILD_PROCESS, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };");
  },
};

export async function buildBundle(): Promise<void> {
  const dir = fileURLToPath(BUNDLE_DIR);
  rmSync(dir, { recursive: true, force: true });
  const bundle = await rolldown({
    // The code cache itself too, so the entry point can install it without starting the ES module loader.
    input: {
      [BUNDLE_ENTRY_NAME]: fileURLToPath(new URL('../cli/main.js', import.meta.url)),
      [CODE_CACHE_ENTRY_NAME]: fileURLToPath(new URL('./code-cache.js', import.meta.url)),
    },
    platform: 'node',
    external: isExternal,
    plugins: [deferCommanderChildProcess],
    logLevel: 'warn',
  });
  // `dynamicImportInCjs: false`: a lazily loaded package is reached through `require`, never `import()`. On Node 20,
  // code that V8 takes from cached data made in another process loses its dynamic import callback, so an
  // `import()` in a cached file fails with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING. Every package loaded lazily
  // (fast-glob, the AWS SDK, the IAM catalog) ships a CommonJS build.
  await bundle.write({ dir, format: 'cjs', dynamicImportInCjs: false, entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' });
  await bundle.close();
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildBundle();
  // Trained in a process of its own, so that it records the bundle exactly as the CLI loads it.
  const train = spawnSync(process.execPath, [fileURLToPath(new URL('./train-code-cache.js', import.meta.url))], { stdio: 'inherit' });
  process.exitCode = train.status ?? 1;
}
