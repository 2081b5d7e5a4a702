/**
 * `validate --access-analyzer` for every compiled spec: references from `--base` or `--reference`, the forbidden
 * actions from `--must-not-grant`, the on-disk cache unless `--no-cache`, and acknowledgements from the spec.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { applyAcknowledgements, pointAtValue } from '../iam-checks/finding.js';
import { compiledSpecs, type CompiledSpec } from '../lint/compiled-specs.js';
import type { JsonObject } from '../model/cfn.js';
import type { ValidateContext } from '../validate/steps.js';
import { createAnalyzerApi, type AnalyzerClientOptions } from './analyzer-api.js';
import { DEFAULT_BASE, revisionExists } from '../git/git.js';
import { compileAtRevision } from './base-revision.js';
import { mustNotGrantLists, referenceFiles } from './flags.js';
import { referenceFromFiles, referenceFromStacks, type ReferencePolicies } from './reference-policies.js';
import type { AnalyzerEnvironment } from './resolve-policy.js';
import { directoryCache, NO_CACHE } from '../cache/result-cache.js';
import { runAccessAnalyzer } from './run-access-analyzer.js';

export interface AccessAnalyzerStepOptions {
  /** The environment: AWS_ENDPOINT_URL_ACCESSANALYZER / AWS_ENDPOINT_URL point the client elsewhere (tests, proxies). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

function referenceError(file: string, message: string): Diagnostic {
  return { code: 'AA901', severity: 'error', file, path: [], message, hint: 'give a JSON policy document: {"Version": "2012-10-17", "Statement": [...]}' };
}

async function referenceForSpec(c: CompiledSpec, envs: readonly AnalyzerEnvironment[], context: ValidateContext): Promise<{ reference?: ReferencePolicies; diagnostics: Diagnostic[] }> {
  const { base, reference } = context.flags;
  if (typeof reference === 'string') {
    const byEnv = new Map<string, { file: string; document: JsonObject }>();
    const diagnostics: Diagnostic[] = [];
    for (const [env, file] of referenceFiles(reference)) {
      try {
        const document: unknown = JSON.parse(await readFile(join(context.cwd, file), 'utf8'));
        if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new Error('not a JSON object');
        for (const e of envs) if (env === '*' || env === e.name) byEnv.set(e.name, { file, document: document as JsonObject });
      } catch (error) {
        diagnostics.push(referenceError(c.file, `cannot read reference policy ${file}: ${error instanceof Error ? error.message : String(error)}`));
      }
    }
    return { reference: referenceFromFiles(byEnv), diagnostics };
  }
  // By default a pull request is compared with the branch it targets, as `diff` does.
  const ref = typeof base === 'string' ? base : (await revisionExists(DEFAULT_BASE, { cwd: context.cwd })) ? DEFAULT_BASE : undefined;
  if (ref === undefined) {
    return {
      diagnostics: [{
        code: 'AA104', severity: 'SUGGESTION', file: c.file, path: [],
        message: `CheckNoNewAccess was not run: no --base or --reference, and no ${DEFAULT_BASE} to compare with`,
        hint: `fetch the base branch (git fetch origin main), or pass --base <git-ref> or --reference <file>`,
      }],
    };
  }
  const revision = await compileAtRevision({ cwd: context.cwd, ref, file: c.file });
  if (!revision.stacks) return { diagnostics: [...revision.diagnostics] };
  return { reference: referenceFromStacks(revision.stacks, envs, ref), diagnostics: [] };
}

/** Runs Access Analyzer over every compiled spec of the validate run. */
export async function validateWithAccessAnalyzer(context: ValidateContext, options: AccessAnalyzerStepOptions): Promise<Diagnostic[]> {
  const { compiled } = await compiledSpecs(context);
  const endpoint = options.env.AWS_ENDPOINT_URL_ACCESSANALYZER ?? options.env.AWS_ENDPOINT_URL;
  const clientOptions = (region: string): AnalyzerClientOptions => ({ region, ...(endpoint ? { endpoint } : {}) });
  const cache = context.flags.cache === false ? NO_CACHE : directoryCache(join(context.cwd, '.platformc-cache', 'access-analyzer'));
  const mustNotGrant = mustNotGrantLists(typeof context.flags.mustNotGrant === 'string' ? context.flags.mustNotGrant : undefined);
  const out: Diagnostic[] = [];
  for (const c of compiled) {
    const environments: AnalyzerEnvironment[] = c.platform.environments.map((e) => ({ name: e.name, account: e.account, region: e.region, partition: e.partition }));
    const { reference, diagnostics } = await referenceForSpec(c, environments, context);
    out.push(...diagnostics);
    const report = await runAccessAnalyzer(c.stacks, {
      environments,
      api: (region) => createAnalyzerApi(clientOptions(region)),
      cache,
      ...(reference ? { reference } : {}),
      ...(mustNotGrant ? { mustNotGrant } : {}),
    });
    out.push(...applyAcknowledgements(report.findings.map((f) => pointAtValue(f, c.loaded)), c.spec.acknowledge ?? []));
  }
  return out;
}
