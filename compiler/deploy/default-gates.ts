/**
 * The real gates: generated/ must equal a fresh in-memory compile of the specs (byte for byte), and validation
 * must not block. Loaded lazily; when a step is not part of this build the gate says so instead of passing
 * silently.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployGates, GateResult } from './gates.js';

async function freshness(options: { readonly cwd: string; readonly generatedDir: string }): Promise<GateResult> {
  const { compileProject } = await import('../compile.js');
  const project = await compileProject({ cwd: options.cwd });
  const errors = [...project.diagnostics, ...project.results.flatMap((r) => r.diagnostics)].filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    return { passed: false, report: errors.map((d) => `${d.file}: ${d.code}: ${d.message}\n`).join('') };
  }
  const stale: string[] = [];
  for (const file of project.files) {
    let committed: string | undefined;
    try {
      committed = readFileSync(join(options.generatedDir, file.path), 'utf8');
    } catch {
      committed = undefined;
    }
    if (committed !== file.content) stale.push(`  ${committed === undefined ? 'missing' : 'differs'}: ${file.path}`);
  }
  return { passed: stale.length === 0, report: stale.length > 0 ? `generated/ differs from a fresh compile:\n${stale.join('\n')}\n` : '' };
}

/** Gates backed by compile (freshness) and validate. */
export function defaultGates(_options: { readonly local: boolean }): DeployGates {
  return {
    fresh: freshness,
    validate: async () => ({ passed: true, report: '', unavailable: 'the validate step is not wired into deploy in this build' }),
  };
}
