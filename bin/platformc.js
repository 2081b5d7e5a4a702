#!/usr/bin/env node
// Entry point of the platformc CLI: runs the compiled command line from dist/ (built by `npm install`).
import module from 'node:module';

// Node 22+ caches compiled code between runs (a no-op on Node 20, which lacks it); enabled before loading the CLI.
module.enableCompileCache?.();
const { runCli } = await import('../dist/cli/main.js');

// A reader that stops early (`platformc graph | head`) closes the pipe: the rest of the output is dropped, but the
// command still finishes and exits with its own code (a stale `check | head` must still fail).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2));
