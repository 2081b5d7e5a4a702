/**
 * Build step, started by `bundle.ts`: runs the bundled CLI on the bundled example specs with the code cache
 * recording, then writes the cache. The commands trained are the ones that must be quick (`compile`, `check`,
 * `list`); the others load their code as usual. Output goes to a temporary folder that is removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../cli/io.js';
import { BUNDLE_ENTRY, CODE_CACHE_FILE, PROJECT_ROOT } from './bundle-paths.js';
import { installCodeCache } from './code-cache.js';

type RunCli = (argv: readonly string[], io: CliIo) => Promise<number>;

const cache = installCodeCache({ root: PROJECT_ROOT, file: CODE_CACHE_FILE, record: true });
const { runCli } = createRequire(import.meta.url)(fileURLToPath(BUNDLE_ENTRY)) as { runCli: RunCli };
const out = mkdtempSync(join(tmpdir(), 'platformc-train-'));
const quiet = { write: () => true };
const io: CliIo = { cwd: fileURLToPath(PROJECT_ROOT), env: process.env, stdout: quiet, stderr: quiet };
try {
  for (const argv of [['compile', '--out', out], ['check', '--out', out], ['list']]) {
    // A failing run (an example spec mid-edit) still trains what it ran; the tests report the failure itself.
    const code = await runCli(argv, io);
    if (code !== 0) process.stderr.write(`code cache: training run \`platformc ${argv.join(' ')}\` exited ${code}; the cache covers what ran\n`);
  }
  const { files, bytes } = cache.save();
  process.stdout.write(`code cache: ${files} files, ${(bytes / 1024).toFixed(0)} KiB\n`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
