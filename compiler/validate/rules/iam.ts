/**
 * IAM: every environment's boundary exists, actions are `service:Action` patterns, and resource references to
 * platform resources resolve.
 *
 * Reference kinds (resolved per environment by the compiler):
 * - `logGroup:<name>`: the log group `<name>` declared in logging.groups (and its streams);
 * - `bucket:archive`: the central log archive bucket (and its objects), when logging.archive is declared;
 * - `role:<name>`: the role `<name>` declared in iam.roles.
 */
import type { CodeInfo } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../../load/loaded-spec.js';
import type { PlatformSpec } from '../../model/spec.js';
import { finding, type Rule } from '../rule.js';
import { suggestionHint } from '../suggest.js';
import { partitionOf } from '../aws-regions.js';

export const ACTION_PATTERN = /^(\*|[a-z0-9][a-z0-9-]*:[A-Za-z0-9*?]+)$/;
export const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;
export const ARN_PATTERN = /^arn:aws(-[a-z]+)*:[a-z0-9-]+:[a-z0-9-*]*:(\d{12}|\*)?:.+$/;
export const ROLE_NAME = /^[a-z][a-z0-9-]*$/;
export const REFERENCE_KINDS: readonly string[] = ['logGroup', 'bucket', 'role'];
/** IAM role names are limited to 64 characters; ours are `<platform>-<env>-<name>`. */
export const MAX_ROLE_NAME = 64;

export const IAM_CODES: readonly CodeInfo[] = [
  { code: 'IAM001', title: 'Environment names an unknown boundary', why: 'Every role of an environment carries its permission boundary; there is no opt-out, so the boundary must exist.', example: 'environments:\n  dev: { boundary: relaxd, ... }', fix: 'Use a name from iam.boundaries.' },
  { code: 'IAM002', title: 'Malformed action', why: 'IAM actions are written service:Action (wildcards allowed); anything else never matches.', example: 'actions: [logs.PutLogEvents]', fix: 'Write e.g. logs:PutLogEvents or logs:Put*.' },
  { code: 'IAM003', title: 'Reference does not resolve', why: 'A reference such as logGroup:overlay must name a resource the platform declares.', example: 'resources: [logGroup:overlays]', fix: 'Name a declared log group, role, or bucket:archive.' },
  { code: 'IAM004', title: 'Resource is neither an ARN nor a known reference', why: 'Resources are "*", ARNs, or references of the kinds logGroup:, bucket:, role:.', example: 'resources: [loggroup:overlay]', fix: 'Use an ARN or a reference of a known kind.' },
  { code: 'IAM005', title: 'Malformed service principal', why: 'Roles are assumed by AWS services named like ec2.amazonaws.com.', example: 'service: ec2', fix: 'Write the full principal, e.g. ec2.amazonaws.com.' },
  { code: 'IAM006', title: 'Unused boundary', why: 'A boundary no environment uses is dead configuration and may hide a typo in an environment.', example: 'iam:\n  boundaries: { strict: {}, relaxed: {} }  # no environment uses relaxed', fix: 'Remove it or use it.' },
  { code: 'IAM008', title: 'Resource in another partition', why: 'A role exists in its environment\'s partition (aws, aws-cn, aws-us-gov); an ARN of another partition never matches anything there, so the permission is silently missing.', example: "resources: ['arn:aws-cn:s3:::reports/*']  # environment in us-east-1", fix: 'Write the environment\'s partition, or a reference (logGroup:, bucket:, role:) that platformc writes per environment.' },
  { code: 'IAM007', title: 'Invalid role name', why: `Role names become <platform>-<env>-<name>, at most ${MAX_ROLE_NAME} characters.`, example: 'roles:\n  Log_Shipper: {...}', fix: 'Use [a-z][a-z0-9-]* and keep the full name within 64 characters.' },
];

export const checkIam: Rule = (spec, loaded) => {
  const out: Diagnostic[] = [];
  const boundaries = Object.keys(spec.iam.boundaries);
  const used = new Set<string>();
  for (const [name, env] of Object.entries(spec.environments)) {
    used.add(env.boundary);
    if (!boundaries.includes(env.boundary)) {
      out.push(finding(loaded, { code: 'IAM001', path: ['environments', name, 'boundary'], message: `environment ${name} names boundary "${env.boundary}", which is not declared in iam.boundaries`, hint: suggestionHint(env.boundary, boundaries, 'boundaries') }));
    }
  }
  for (const [name, boundary] of Object.entries(spec.iam.boundaries)) {
    if (!used.has(name)) {
      out.push(finding(loaded, { code: 'IAM006', severity: 'warning', path: ['iam', 'boundaries', name], at: 'key', message: `boundary ${name} is used by no environment` }));
    }
    for (const [index, action] of (boundary.deny ?? []).entries()) {
      if (!ACTION_PATTERN.test(action)) out.push(actionFinding(loaded, action, ['iam', 'boundaries', name, 'deny', index]));
    }
  }
  const longestEnv = Math.max(0, ...Object.keys(spec.environments).map((e) => e.length));
  for (const [name, role] of Object.entries(spec.iam.roles ?? {})) {
    const base = ['iam', 'roles', name];
    const fullLength = spec.platform.length + longestEnv + name.length + 2;
    if (!ROLE_NAME.test(name) || fullLength > MAX_ROLE_NAME) {
      out.push(finding(loaded, { code: 'IAM007', path: base, at: 'key', message: `role name "${name}" is not valid${fullLength > MAX_ROLE_NAME ? ` (the full name would be ${fullLength} characters)` : ''}`, hint: 'use [a-z][a-z0-9-]*, short enough for <platform>-<env>-<name> to fit 64 characters' }));
    }
    if (!SERVICE_PRINCIPAL.test(role.service)) {
      out.push(finding(loaded, { code: 'IAM005', path: [...base, 'service'], message: `"${role.service}" is not an AWS service principal`, hint: 'write e.g. ec2.amazonaws.com' }));
    }
    for (const [s, statement] of role.allow.entries()) {
      for (const [index, action] of statement.actions.entries()) {
        if (!ACTION_PATTERN.test(action)) out.push(actionFinding(loaded, action, [...base, 'allow', s, 'actions', index]));
      }
      for (const [index, resource] of statement.resources.entries()) {
        const path = [...base, 'allow', s, 'resources', index];
        const found = checkResource(spec, loaded, resource, path);
        out.push(...found, ...(found.length === 0 ? partitionFindings(spec, loaded, resource, path) : []));
      }
    }
  }
  return out;
};

function actionFinding(loaded: LoadedSpec, action: string, path: readonly (string | number)[]): Diagnostic {
  return finding(loaded, { code: 'IAM002', path, message: `"${action}" is not an IAM action pattern (service:Action): ${actionProblem(action)}`, hint: actionHint(action) });
}

/** What is wrong with a written action that ACTION_PATTERN refuses, in words. */
function actionProblem(action: string): string {
  const parts = action.split(':');
  const [service = '', name = ''] = parts;
  if (parts.length === 1) return 'it has no service prefix';
  if (parts.length > 2) return 'it has more than one colon';
  if (service === '') return 'the service prefix is empty';
  if (/[*?]/.test(service)) return 'the service prefix cannot be a wildcard';
  if (/[A-Z]/.test(service) && ACTION_PATTERN.test(`${service.toLowerCase()}:${name}`)) return 'service prefixes are lower case';
  if (name === '') return 'the action after the colon is empty';
  return /[^a-z0-9-]/.test(service) ? 'the service prefix has characters other than a-z, 0-9 and -' : 'the action has characters other than letters, digits, * and ?';
}

/** The action probably meant, where the fix is mechanical (`logs.PutLogEvents`, `S3:GetObject`); else an example. */
function actionHint(action: string): string {
  const dotted = /^([A-Za-z0-9-]+)[./]([A-Za-z0-9*?]+)$/.exec(action);
  const colon = action.indexOf(':');
  const candidates = [
    dotted ? `${(dotted[1] ?? '').toLowerCase()}:${dotted[2] ?? ''}` : '',
    colon > 0 ? `${action.slice(0, colon).toLowerCase()}${action.slice(colon)}` : '',
  ];
  const meant = candidates.find((c) => c !== action && ACTION_PATTERN.test(c));
  return meant !== undefined ? `did you mean "${meant}"?` : 'write e.g. logs:PutLogEvents or ec2:Describe*';
}

/** Checks one resource entry: "*", an ARN, or a reference `kind:name` that must resolve. */
function checkResource(spec: PlatformSpec, loaded: LoadedSpec, resource: string, path: readonly (string | number)[]): Diagnostic[] {
  if (resource === '*') return [];
  if (resource.startsWith('arn:')) {
    return ARN_PATTERN.test(resource) ? [] : [finding(loaded, { code: 'IAM004', path, message: `"${resource}" is not a well-formed ARN`, hint: 'ARNs look like arn:aws:service:region:account:resource' })];
  }
  const colon = resource.indexOf(':');
  const kind = colon < 0 ? resource : resource.slice(0, colon);
  const name = colon < 0 ? '' : resource.slice(colon + 1);
  if (colon < 0 || !REFERENCE_KINDS.includes(kind)) {
    return [finding(loaded, { code: 'IAM004', path, message: `"${resource}" is neither "*", an ARN, nor a reference (logGroup:<name>, bucket:archive, role:<name>)`, hint: colon < 0 ? undefined : suggestionHint(kind, REFERENCE_KINDS, 'reference kinds') })];
  }
  const candidates = referenceTargets(spec, kind);
  if (candidates.includes(name)) return [];
  const declared = candidates.length === 0 ? `no ${kind} is declared` : suggestionHint(name, candidates, `${kind} names`);
  return [finding(loaded, { code: 'IAM003', path, message: `reference ${resource} does not resolve: no ${kind} named "${name}"`, hint: declared })];
}

/**
 * A literal ARN whose partition differs from an environment's: the role of that environment gets a permission
 * that matches nothing. One finding per partition it misses, naming the environments.
 */
function partitionFindings(spec: PlatformSpec, loaded: LoadedSpec, resource: string, path: readonly (string | number)[]): Diagnostic[] {
  const partition = /^arn:([^:]*):/.exec(resource)?.[1];
  if (partition === undefined || /[*?]/.test(partition)) return [];
  const missed = Object.entries(spec.environments).filter(([, env]) => {
    const own = partitionOf(env.region);
    return own !== undefined && own !== partition;
  });
  if (missed.length === 0) return [];
  const names = missed.map(([name]) => name);
  const own = [...new Set(missed.map(([, env]) => partitionOf(env.region)))].join(', ');
  return [finding(loaded, {
    code: 'IAM008',
    severity: 'warning',
    path,
    message: `"${resource}" is in partition ${partition}, but ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} in ${own}: the permission matches nothing there`,
    hint: `write arn:${own.split(', ')[0] ?? 'aws'}:..., or a reference platformc writes per environment`,
  })];
}

/** The names a reference of `kind` may use in this spec. */
export function referenceTargets(spec: PlatformSpec, kind: string): string[] {
  switch (kind) {
    case 'logGroup':
      return (spec.logging?.groups ?? []).map((g) => (typeof g === 'string' ? g : g.name));
    case 'bucket':
      return spec.logging?.archive ? ['archive'] : [];
    case 'role':
      return Object.keys(spec.iam.roles ?? {});
    default:
      return [];
  }
}
