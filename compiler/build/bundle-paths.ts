/**
 * Where the build puts the bundled CLI and its code cache. Both are under `dist/`, beside the tsc output they
 * are made from, and are rebuilt by every `npm run build`.
 */
export const BUNDLE_DIR = new URL('../bundle/', import.meta.url);
export const BUNDLE_ENTRY_NAME = 'main';
export const BUNDLE_ENTRY = new URL(`${BUNDLE_ENTRY_NAME}.cjs`, BUNDLE_DIR);
/** `code-cache.ts` as CommonJS, for `bin/platformc.cjs`. */
export const CODE_CACHE_ENTRY_NAME = 'code-cache';
export const CODE_CACHE_FILE = new URL('code-cache.bin', BUNDLE_DIR);
/** The folder whose files the cache may hold: the project itself, node_modules included. */
export const PROJECT_ROOT = new URL('../../', import.meta.url);
