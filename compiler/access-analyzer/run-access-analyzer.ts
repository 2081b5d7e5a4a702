/**
 * The Access Analyzer step of `validate --access-analyzer`: per environment, every policy is resolved to plain
 * JSON and sent to ValidatePolicy (all pages), CheckNoNewAccess against its reference, and CheckAccessNotGranted
 * for the environment's forbidden actions. Calls run a few at a time, throttling is retried with backoff, results
 * are cached by hash, and every failure is a finding, never an exception.
 */
import type { ValidatePolicyResourceType } from '@aws-sdk/client-accessanalyzer';
import type { AssembledStack } from '../assemble/stack.js';
import type { JsonObject } from '../model/cfn.js';
import { describePolicy, extractPolicies, locateStatement, type ExtractedPolicy } from '../iam-checks/extract-policies.js';
import { finding, type Finding } from '../iam-checks/finding.js';
import type { AnalyzerApi } from './analyzer-api.js';
import { DEFAULT_RETRY, mapBounded, withRetry, type RetryOptions } from './call-pool.js';
import { BOUNDARY_ESCAPING_ACTIONS } from './codes.js';
import { checkFindings, elementOfPath, statementIndexOfPath, validationFinding, type CheckResultData, type PolicyFindingData } from './map-findings.js';
import type { ReferencePolicies } from './reference-policies.js';
import { resolvePolicyFor, type AnalyzerEnvironment } from './resolve-policy.js';
import { cacheKey, NO_CACHE, type ResultCache } from '../cache/result-cache.js';

export interface AccessAnalyzerOptions {
  readonly environments: readonly AnalyzerEnvironment[];
  /** The API for a region (created lazily, once per region). */
  readonly api: (region: string) => Promise<AnalyzerApi>;
  readonly reference?: ReferencePolicies;
  /** Actions that must never be granted, per environment; default BOUNDARY_ESCAPING_ACTIONS. */
  readonly mustNotGrant?: (env: string) => readonly string[];
  readonly cache?: ResultCache;
  readonly concurrency?: number;
  readonly retry?: RetryOptions;
}

export interface AccessAnalyzerReport {
  readonly findings: readonly Finding[];
  /** Calls made to the service (pages count), and answers taken from the cache. */
  readonly calls: number;
  readonly cached: number;
}

type PolicyType = 'IDENTITY_POLICY' | 'RESOURCE_POLICY';

interface Job {
  readonly policy: ExtractedPolicy;
  readonly env: AnalyzerEnvironment;
  readonly document: string;
  readonly policyType: PolicyType;
  readonly reference: JsonObject | undefined | 'skip';
}

function policyTypeOf(policy: ExtractedPolicy): PolicyType {
  return policy.kind === 'identity' || policy.kind === 'boundary' ? 'IDENTITY_POLICY' : 'RESOURCE_POLICY';
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs the Access Analyzer checks over all stacks; findings in policy order. */
export async function runAccessAnalyzer(stacks: readonly AssembledStack[], options: AccessAnalyzerOptions): Promise<AccessAnalyzerReport> {
  const cache = options.cache ?? NO_CACHE;
  const retry = options.retry ?? DEFAULT_RETRY;
  const apis = new Map<string, Promise<AnalyzerApi>>();
  const apiFor = (region: string): Promise<AnalyzerApi> => {
    let api = apis.get(region);
    if (!api) {
      api = options.api(region);
      apis.set(region, api);
    }
    return api;
  };
  const counters = { calls: 0, cached: 0 };

  /** One cached, retried call; the result is plain JSON so it can be stored. */
  const cachedCall = async <T>(operation: string, input: unknown, call: () => Promise<T>): Promise<T> => {
    const key = cacheKey(operation, input);
    const hit = await cache.get<T>(key);
    if (hit !== undefined) {
      counters.cached += 1;
      return hit;
    }
    const value = await call();
    await cache.set(key, value);
    return value;
  };

  const jobs: Job[] = [];
  for (const stack of stacks) {
    const env = options.environments.find((e) => e.name === stack.env);
    if (!env) continue;
    const envStacks = stacks.filter((s) => s.env === stack.env);
    for (const policy of extractPolicies(stack)) {
      jobs.push({
        policy, env,
        document: JSON.stringify(resolvePolicyFor(policy, env, envStacks)),
        policyType: policyTypeOf(policy),
        reference: options.reference ? options.reference.lookup(policy) : 'skip',
      });
    }
  }

  const validate = async (job: Job, api: AnalyzerApi): Promise<Finding[]> => {
    const input = {
      policyDocument: job.document,
      policyType: job.policyType,
      locale: 'EN' as const,
      ...(job.policy.validateResourceType ? { validatePolicyResourceType: job.policy.validateResourceType as ValidatePolicyResourceType } : {}),
    };
    // Keyed with the shape of what is kept (v2 adds the element a finding's location names), so answers kept
    // before are asked again rather than read without it.
    const all = await cachedCall<PolicyFindingData[]>('ValidatePolicy/v2', input, async () => {
      const collected: PolicyFindingData[] = [];
      const sent: unknown = JSON.parse(job.document);
      let nextToken: string | undefined;
      do {
        counters.calls += 1;
        const page = await withRetry(() => api.validatePolicy({ ...input, ...(nextToken ? { nextToken } : {}) }), retry);
        for (const f of page.findings ?? []) {
          const statementIndex = statementIndexOfPath(f.locations?.[0]?.path);
          const value = elementOfPath(sent, f.locations?.[0]?.path);
          collected.push({
            findingDetails: f.findingDetails ?? '', findingType: f.findingType ?? 'ERROR', issueCode: f.issueCode ?? 'UNKNOWN',
            ...(f.learnMoreLink ? { learnMoreLink: f.learnMoreLink } : {}),
            ...(statementIndex === undefined ? {} : { statementIndex }),
            ...(value === undefined ? {} : { value }),
          });
        }
        nextToken = page.nextToken;
      } while (nextToken);
      return collected;
    });
    return all.map((data) => validationFinding(job.policy, data));
  };

  const noNewAccess = async (job: Job, api: AnalyzerApi): Promise<Finding[]> => {
    if (job.reference === 'skip') return [];
    if (job.reference === undefined) {
      return [finding({
        code: 'AA103', severity: 'WARNING', message: `${describePolicy(job.policy)} is not in ${options.reference?.label ?? 'the reference'}; all of its access is new`,
        where: locateStatement(job.policy, undefined), env: job.policy.env, resource: job.policy.logicalId,
      })];
    }
    const input = { newPolicyDocument: job.document, existingPolicyDocument: JSON.stringify(job.reference), policyType: job.policyType };
    const data = await cachedCall<CheckResultData>('CheckNoNewAccess', input, async () => {
      counters.calls += 1;
      const out = await withRetry(() => api.checkNoNewAccess(input), retry);
      return { result: out.result ?? 'PASS', ...(out.message ? { message: out.message } : {}), reasons: (out.reasons ?? []).map((r) => ({ ...r })) };
    });
    return checkFindings(job.policy, data, { code: 'AA101', severity: 'SECURITY_WARNING', summary: `grants access that ${options.reference?.label ?? 'the reference'} does not` });
  };

  const accessNotGranted = async (job: Job, api: AnalyzerApi): Promise<Finding[]> => {
    if (job.policy.kind !== 'identity') return [];
    const actions = [...(options.mustNotGrant?.(job.env.name) ?? BOUNDARY_ESCAPING_ACTIONS)];
    if (actions.length === 0) return [];
    const input = { policyDocument: job.document, access: [{ actions }], policyType: 'IDENTITY_POLICY' as const };
    const data = await cachedCall<CheckResultData>('CheckAccessNotGranted', input, async () => {
      counters.calls += 1;
      const out = await withRetry(() => api.checkAccessNotGranted(input), retry);
      return { result: out.result ?? 'PASS', ...(out.message ? { message: out.message } : {}), reasons: (out.reasons ?? []).map((r) => ({ ...r })) };
    });
    return checkFindings(job.policy, data, { code: 'AA102', severity: 'ERROR', summary: `grants an action that must never be granted (${actions.join(', ')})` });
  };

  const failures = new Map<string, { first: Finding; more: number }>();
  const guarded = async (job: Job, operation: string, run: (job: Job, api: AnalyzerApi) => Promise<Finding[]>): Promise<Finding[]> => {
    try {
      return await run(job, await apiFor(job.env.region));
    } catch (error) {
      const key = `${job.env.name}\u0000${operation}\u0000${errorName(error)}\u0000${errorMessage(error)}`;
      const seen = failures.get(key);
      if (seen) {
        seen.more += 1;
        return [];
      }
      const f = finding({
        code: 'AA900', severity: 'error',
        message: `${describePolicy(job.policy)}: ${operation} failed in ${job.env.name} (${job.env.region}): ${errorName(error)}: ${errorMessage(error)}`,
        where: locateStatement(job.policy, undefined), env: job.policy.env, resource: job.policy.logicalId,
        hint: 'provide AWS credentials allowed to call IAM Access Analyzer for this account, then run again',
      });
      failures.set(key, { first: f, more: 0 });
      return [f];
    }
  };

  const tasks = jobs.flatMap((job) => [
    () => guarded(job, 'ValidatePolicy', validate),
    () => guarded(job, 'CheckNoNewAccess', noNewAccess),
    () => guarded(job, 'CheckAccessNotGranted', accessNotGranted),
  ]);
  const results = await mapBounded(tasks, options.concurrency ?? 4, (task) => task());
  const findings = results.flat().map((f) => {
    const failure = [...failures.values()].find((x) => x.first === f);
    if (!failure || failure.more === 0) return f;
    return { ...f, diagnostic: { ...f.diagnostic, notes: [`the same error occurred for ${failure.more} more call(s)`] } };
  });
  return { findings, calls: counters.calls, cached: counters.cached };
}
