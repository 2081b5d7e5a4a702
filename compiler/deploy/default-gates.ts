/**
 * The real gates, reusing the check and validate commands' own functions: generated/ must equal a fresh
 * in-memory compile of the specs byte for byte (check), and validate (spec rules, cfn-lint, IAM checks, and
 * Access Analyzer unless skipped) must report nothing blocking. Loaded lazily.
 */
import { colors, displayDirectory } from '../cli/io.js';
import type { DeployGates, GateResult } from './gates.js';

async function freshness(options: { readonly cwd: string; readonly generatedDir: string }): Promise<GateResult> {
  const [{ compileProject }, { compareOutput, isUpToDate }, { readCommittedOutput }, { renderStale }] = await Promise.all([
    import('../compile.js'),
    import('../check/compare-output.js'),
    import('../check/committed-output.js'),
    import('../check/render-check.js'),
  ]);
  const project = await compileProject({ cwd: options.cwd });
  const errors = [...project.diagnostics, ...project.results.flatMap((r) => r.diagnostics)].filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    return { passed: false, report: `the spec does not compile:\n${errors.map((d) => `  ${d.file}: ${d.code}: ${d.message}\n`).join('')}` };
  }
  const platforms = project.results.flatMap((r) => (r.platform !== undefined && r.files.length > 0 ? [r.platform.name] : []));
  // Output left behind by a deleted or renamed spec is stale too: deploying it would ship what no spec describes.
  const { files: committed, orphans } = readCommittedOutput({ outDir: options.generatedDir, platforms, withOrphans: true });
  const comparison = compareOutput(project.files, committed);
  if (isUpToDate(comparison)) return { passed: true, report: '' };
  const out = displayDirectory(options.generatedDir, options.cwd);
  const fix = orphans.length > 0 ? `rm -r ${orphans.map((p) => `${out}/${p}`).join(' ')} && platformc compile` : 'platformc compile';
  return { passed: false, report: renderStale(comparison, { colors: colors(false), out, fix, maxDiffLines: 20 }) };
}

/** Gates backed by check (freshness) and validate; with `local`, Access Analyzer (not in moto) is skipped. */
export function defaultGates(options: { readonly local: boolean }): DeployGates {
  return {
    fresh: freshness,
    validate: async ({ cwd, accessAnalyzer }) => {
      const [{ validateProject, exitCodeFor }, { blockingSeverities }, { renderDiagnostics }] = await Promise.all([
        import('../validate/run-validate.js'),
        import('../access-analyzer/flags.js'),
        import('../diagnostics/render.js'),
      ]);
      const flags = { lint: true, accessAnalyzer: accessAnalyzer && !options.local };
      const outcome = await validateProject({ cwd, specs: [], flags });
      const code = exitCodeFor(outcome.diagnostics, blockingSeverities(flags));
      const sources = new Map(outcome.specs.flatMap((s) => (s.loaded ? [[s.file, s.loaded] as const] : [])));
      const report = code === 0 ? '' : renderDiagnostics(outcome.diagnostics, { sources, color: false, format: 'text' });
      return {
        passed: code === 0,
        report,
        ...(accessAnalyzer && options.local ? { unavailable: 'Access Analyzer is not run against a local endpoint (moto does not implement it)' } : {}),
      };
    },
  };
}
