#!/usr/bin/env node
// Entry point of the platformc CLI: runs the compiled command line from dist/ (built by `npm install`).
import { runCli } from '../dist/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
