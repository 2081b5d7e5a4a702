#!/usr/bin/env node
// Entry point of the platformc CLI (built by `npm install`). Runs the bundled CLI (dist/bundle/) with its code
// cache when the bundle is at least as new as the tsc output it was made from; otherwise, or with
// PLATFORMC_BUNDLE=0, the tsc output in dist/ directly. Both run the same code; the bundle only starts faster.
import module, { createRequire } from 'node:module';
import { statSync } from 'node:fs';

const mtime = (path) => {
  try {
    return statSync(new URL(path, import.meta.url)).mtimeMs;
  } catch {
    return undefined;
  }
};

async function loadCli() {
  const bundled = process.env.PLATFORMC_BUNDLE !== '0' ? mtime('../dist/bundle/code-cache.bin') : undefined;
  const built = mtime('../dist/cli/main.js');
  if (bundled !== undefined && built !== undefined && bundled >= built) {
    const { installCodeCache } = await import('../dist/build/code-cache.js');
    const paths = await import('../dist/build/bundle-paths.js');
    installCodeCache({ root: paths.PROJECT_ROOT, file: paths.CODE_CACHE_FILE });
    return createRequire(import.meta.url)('../dist/bundle/main.cjs');
  }
  // Node 22+ caches compiled code between runs (a no-op on Node 20, which lacks it).
  module.enableCompileCache?.();
  return import('../dist/cli/main.js');
}

const { runCli } = await loadCli();

// A reader that stops early (`platformc graph | head`) closes the pipe: the rest of the output is dropped, but the
// command still finishes and exits with its own code (a stale `check | head` must still fail).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2));
