#!/usr/bin/env node
// Entry point of the platformc CLI (built by `npm install`). Runs the bundled CLI (dist/bundle/) with its code
// cache when the bundle is at least as new as the tsc output it was made from; otherwise, or with
// PLATFORMC_BUNDLE=0, the tsc output in dist/ directly. Both run the same code; the bundle only starts faster.
// CommonJS, so that the bundled path never starts Node's ES module loader.
'use strict';
const { statSync } = require('node:fs');
const { join, sep } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');

const mtime = (path) => {
  try {
    return statSync(join(root, path)).mtimeMs;
  } catch {
    return undefined;
  }
};

function loadCli() {
  const bundled = process.env.PLATFORMC_BUNDLE !== '0' ? mtime('dist/bundle/code-cache.bin') : undefined;
  const built = mtime('dist/cli/main.js');
  if (bundled !== undefined && built !== undefined && bundled >= built) {
    const { installCodeCache } = require('../dist/bundle/code-cache.cjs');
    installCodeCache({ root: pathToFileURL(root + sep), file: pathToFileURL(join(root, 'dist', 'bundle', 'code-cache.bin')) });
    return Promise.resolve(require('../dist/bundle/main.cjs'));
  }
  // Node 22+ caches compiled code between runs (a no-op on Node 20, which lacks it).
  require('node:module').enableCompileCache?.();
  return import('../dist/cli/main.js');
}

// A reader that stops early (`platformc graph | head`) closes the pipe: the rest of the output is dropped, but the
// command still finishes and exits with its own code (a stale `check | head` must still fail).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

loadCli()
  .then(({ runCli }) => runCli(process.argv.slice(2)))
  .then(
    (code) => {
      // The command is done: exit now rather than letting Node tear down a heap of megabytes of templates first
      // (about 10 ms of a compile). Only when stdout and stderr hold nothing unwritten (they can be asynchronous
      // pipes, on macOS); otherwise Node exits by itself once they are flushed.
      if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
      process.exitCode = code;
    },
    // Only a missing or broken build gets here: runCli itself turns every error into an exit code.
    (error) => {
      process.stderr.write(`platformc: cannot start: ${error instanceof Error ? error.message : String(error)}\nRun \`npm install\` (it builds dist/).\n`);
      process.exitCode = 70;
    },
  );
