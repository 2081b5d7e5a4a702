/**
 * Policy documents flattened into permission tuples (effect, action, resource, principal, condition), so that
 * comparing two versions of a policy is comparing sets: a tuple in head that no base tuple covers grants
 * something new, a base Deny tuple that no head Deny covers takes a guard away.
 */
import type { Json, JsonObject } from '../model/cfn.js';
import { isJsonObject, stableKey } from './deep-diff.js';

export interface PermissionTuple {
  readonly effect: 'Allow' | 'Deny';
  /** An action, or `not:<action>` for NotAction. */
  readonly action: string;
  /** A resource (an ARN string or the stable key of an intrinsic), `not:<...>` for NotResource, `` when absent. */
  readonly resource: string;
  /** `AWS:<arn>`, `Service:<name>`, `*`, `not:<...>`, or `` for identity policies. */
  readonly principal: string;
  /** Stable key of the Condition block, `` when none. */
  readonly condition: string;
  /** Index of the statement it comes from in its document (not part of its identity: see `tupleKey`). */
  readonly statement: number;
}

export interface PolicyDocumentRef {
  /** How the document is named inside its resource: `PolicyDocument`, `Policies[PolicyName=x].PolicyDocument`... */
  readonly label: string;
  /** Where it is in the resource: `["Properties", "Policies", 0, "PolicyDocument"]`. */
  readonly path: readonly (string | number)[];
  readonly document: JsonObject;
}

/** Every policy document (an object with a `Statement`) inside a resource's properties. */
export function policyDocuments(properties: JsonObject | undefined): PolicyDocumentRef[] {
  const found: PolicyDocumentRef[] = [];
  const visit = (value: Json, label: string, path: readonly (string | number)[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item: Json, i: number) => {
        const name = isJsonObject(item) && typeof item.PolicyName === 'string' ? `[PolicyName=${item.PolicyName}]` : `[${i}]`;
        visit(item, `${label}${name}`, [...path, i]);
      });
      return;
    }
    if (!isJsonObject(value)) return;
    if ('Statement' in value) {
      found.push({ label, path, document: value });
      return;
    }
    for (const [key, child] of Object.entries(value)) visit(child, label === '' ? key : `${label}.${key}`, [...path, key]);
  };
  if (properties !== undefined) visit(properties, '', ['Properties']);
  return found;
}

/** The tuples of one document; a statement with n actions, m resources and p principals gives n*m*p tuples. */
export function permissionTuples(document: JsonObject): PermissionTuple[] {
  const statements = asList(document.Statement);
  const tuples: PermissionTuple[] = [];
  for (const [index, statement] of statements.entries()) {
    if (!isJsonObject(statement)) continue;
    const effect = statement.Effect === 'Deny' ? 'Deny' : 'Allow';
    const actions = elements(statement, 'Action', 'NotAction');
    const resources = elements(statement, 'Resource', 'NotResource');
    const principals = principalsOf(statement);
    const condition = statement.Condition === undefined ? '' : stableKey(statement.Condition);
    for (const action of actions) {
      for (const resource of resources) {
        for (const principal of principals) tuples.push({ effect, action, resource, principal, condition, statement: index });
      }
    }
  }
  return tuples;
}

/** A string identity for a tuple, for exact-match sets before the slower wildcard coverage test. */
export function tupleKey(t: PermissionTuple): string {
  return [t.effect, t.action, t.resource, t.principal, t.condition].join('|');
}

/** True when `wide` grants at least what `narrow` grants (wildcards in actions and resources honoured). */
export function covers(wide: PermissionTuple, narrow: PermissionTuple): boolean {
  return (
    wide.effect === narrow.effect &&
    (wide.condition === '' || wide.condition === narrow.condition) &&
    globCovers(wide.action.toLowerCase(), narrow.action.toLowerCase()) &&
    globCovers(wide.resource, narrow.resource) &&
    (wide.principal === narrow.principal || wide.principal === '*' || wide.principal === 'AWS:*')
  );
}

function globCovers(pattern: string, value: string): boolean {
  if (pattern === value) return true;
  if (!pattern.includes('*') && !pattern.includes('?')) return false;
  if (pattern.startsWith('not:') !== value.startsWith('not:')) return false;
  const regex = new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`);
  return regex.test(value);
}

function asList(value: Json | undefined): readonly Json[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value as Json];
}

/** A plain string, or the template of a lone `Fn::Sub` (how generated ARNs are written), else the stable key. */
function elementKey(value: Json): string {
  if (typeof value === 'string') return value;
  if (isJsonObject(value) && Object.keys(value).length === 1 && typeof value['Fn::Sub'] === 'string') return value['Fn::Sub'];
  return stableKey(value);
}

function elements(statement: JsonObject, key: string, notKey: string): string[] {
  if (statement[key] !== undefined) return asList(statement[key]).map(elementKey);
  if (statement[notKey] !== undefined) return asList(statement[notKey]).map((v) => `not:${elementKey(v)}`);
  return [''];
}

function principalsOf(statement: JsonObject): string[] {
  const negate = statement.Principal === undefined && statement.NotPrincipal !== undefined;
  const principal = statement.Principal ?? statement.NotPrincipal;
  if (principal === undefined) return [''];
  const prefix = negate ? 'not:' : '';
  if (typeof principal === 'string') return [`${prefix}${principal}`];
  if (!isJsonObject(principal)) return [`${prefix}${stableKey(principal)}`];
  return Object.keys(principal)
    .sort()
    .flatMap((kind) => asList(principal[kind]).map((v) => `${prefix}${kind}:${elementKey(v)}`));
}
