#!/usr/bin/env node
// Entry point of the platformc CLI: runs the compiled command line from dist/ (built by `npm install`).
import { runCli } from '../dist/cli/main.js';

// A reader that stops early (`platformc graph | head`) closes the pipe: that ends the output, it is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await runCli(process.argv.slice(2));
