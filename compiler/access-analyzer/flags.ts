/**
 * Parsing of the validate flags this area adds. Kept free of heavy imports: the command line parses them before
 * anything is loaded, and a bad value is a usage error (exit 2) from the parser.
 */
import { InvalidArgumentError } from 'commander';
import { DEFAULT_BLOCKING, type Severity } from '../diagnostics/diagnostic.js';

const POLICY_SEVERITIES: readonly Severity[] = ['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION'];

/** `--block-on ERROR,SECURITY_WARNING`: the finding severities that fail validate (our own errors always do). */
export function parseBlockOn(value: string): string {
  const parts = value.split(',').map((p) => p.trim().toUpperCase()).filter((p) => p !== '');
  // Empty would quietly let every Access Analyzer finding pass.
  if (parts.length === 0) throw new InvalidArgumentError(`expected one or more of ${POLICY_SEVERITIES.join(', ')}, got an empty value.`);
  const unknown = parts.filter((p) => !POLICY_SEVERITIES.includes(p as Severity));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown severity ${unknown.join(', ')}; use ${POLICY_SEVERITIES.join(', ')}`);
  return parts.join(',');
}

/** The blocking severities for the validate flags (default: error, ERROR, SECURITY_WARNING). */
export function blockingSeverities(flags: Readonly<Record<string, unknown>>): readonly Severity[] {
  const value = flags.blockOn;
  if (typeof value !== 'string') return DEFAULT_BLOCKING;
  return ['error', ...value.split(',').filter((p): p is Severity => POLICY_SEVERITIES.includes(p as Severity))];
}

/** `--reference dev=ref/dev.json,prod=ref/prod.json`, or one file for every environment. */
export function parseReference(value: string): string {
  for (const part of value.split(',')) {
    const [env, file] = part.includes('=') ? part.split('=', 2) : ['*', part];
    if (!env || !file) throw new InvalidArgumentError(`expected <env>=<file> or <file>, got "${part}"`);
  }
  return value;
}

/** The reference files by environment (`*` for all) from a parsed `--reference` value. */
export function referenceFiles(value: string): ReadonlyMap<string, string> {
  return new Map(value.split(',').map((part) => (part.includes('=') ? (part.split('=', 2) as [string, string]) : ['*', part])));
}

/** An IAM action as CheckAccessNotGranted takes it: `service:Action`, wildcards allowed in the action. */
const IAM_ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;
const ENVIRONMENT = /^[a-z][a-z0-9-]*$/;

/**
 * `--must-not-grant iam:PassRole,dev=iam:CreateUser`, checked as it is parsed: an empty list would quietly check
 * nothing instead of the default actions, and an action that is not `service:Action` fails only at the API.
 */
export function parseMustNotGrant(value: string): string {
  const parts = value.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) throw new InvalidArgumentError('expected IAM actions (iam:PassRole or dev=iam:PassRole), got an empty value.');
  for (const part of parts) {
    const eq = part.indexOf('=');
    const env = eq >= 0 ? part.slice(0, eq) : undefined;
    const action = eq >= 0 ? part.slice(eq + 1) : part;
    if (env !== undefined && !ENVIRONMENT.test(env)) throw new InvalidArgumentError(`"${part}": "${env}" is not an environment name`);
    if (!IAM_ACTION.test(action)) throw new InvalidArgumentError(`"${part}": "${action}" is not an IAM action such as iam:PassRole`);
  }
  return value;
}

/** `--must-not-grant iam:PassRole,dev=iam:CreateUser`: actions for every environment or for one. */
export function mustNotGrantLists(value: string | undefined): ((env: string) => readonly string[]) | undefined {
  if (value === undefined) return undefined;
  const all: string[] = [];
  const byEnv = new Map<string, string[]>();
  for (const part of value.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      const env = part.slice(0, eq);
      byEnv.set(env, [...(byEnv.get(env) ?? []), part.slice(eq + 1)]);
    } else {
      all.push(part);
    }
  }
  return (env) => [...all, ...(byEnv.get(env) ?? [])];
}
