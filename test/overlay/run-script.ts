/**
 * Runs a rendered overlay script inside a host namespace the way a boot-time unit would: as a file, by bash,
 * as root. The script text is used exactly as rendered for the user data.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inNamespace } from './netns.js';

/** Runs the script in the namespace; a non-zero exit fails with the script's output and text. */
export async function runScript(namespace: string, script: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'platformc-overlay-'));
  try {
    const file = join(dir, 'overlay.sh');
    await writeFile(file, script, { mode: 0o700 });
    const result = await inNamespace(namespace, 'bash', [file]);
    if (result.code !== 0) {
      throw new Error(`overlay script failed in ${namespace} (exit ${result.code}):\n${result.stderr}${result.stdout}\n--- script ---\n${script}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
