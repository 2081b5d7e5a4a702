/**
 * IAM broadening: what the head grants that the base did not. Statements, actions, resources, principals and
 * conditions are compared as permission tuples (policy-statements.ts); a removed Deny, a changed or removed
 * permission boundary and newly attached managed policies count too. Like CDK's permissionsBroadened, a new
 * role's statements are all broadening: someone should read them once.
 */
import type { Json } from '../model/cfn.js';
import { isJsonObject, stableKey } from './deep-diff.js';
import type { EnvResource } from './env-resources.js';
import type { IamFinding, IamFindingKind } from './model.js';
import { covers, permissionTuples, policyDocuments, tupleKey, type PermissionTuple, type PolicyDocumentRef } from './policy-statements.js';
import { compareText } from '../model/compare-text.js';
import { statementKey } from '../lint/locate-in-spec.js';

export interface StackFinding<T> {
  readonly stack: string;
  readonly finding: T;
}

/** Broadening findings of one environment, each with the head stack of the resource it is about. */
export function findIamBroadening(base: ReadonlyMap<string, EnvResource>, head: ReadonlyMap<string, EnvResource>): StackFinding<IamFinding>[] {
  const findings: StackFinding<IamFinding>[] = [];
  const boundaries = boundaryPolicies(head);
  for (const [logicalId, after] of [...head].sort(([a], [b]) => compareText(a, b))) {
    const before = base.get(logicalId);
    const type = after.resource.Type;
    const add = (finding: Omit<IamFinding, 'logicalId' | 'type'>): void => {
      findings.push({ stack: after.stack.stack, finding: { logicalId, type, ...finding } });
    };
    const boundaryNote = boundaries.has(logicalId) ? 'permission boundary: ' : '';
    const beforeDocs = new Map(policyDocuments(before?.resource.Properties).map((d) => [d.label, d.document]));
    for (const doc of policyDocuments(after.resource.Properties)) {
      const old = beforeDocs.get(doc.label);
      const oldTuples = old === undefined ? [] : permissionTuples(old);
      const newTuples = permissionTuples(doc.document);
      for (const { statements, ...group } of classifyAdded(oldTuples, newTuples)) {
        const location = statementLocation(after, doc, statements);
        add({ ...group, policy: doc.label, detail: `${boundaryNote}${group.detail}`, ...(location === undefined ? {} : { location }) });
      }
      const removedDenies = uncovered(newTuples, oldTuples.filter((t) => t.effect === 'Deny'));
      if (before !== undefined && removedDenies.length > 0) {
        add({ ...summarize('deny-removed', removedDenies), policy: doc.label, detail: `${boundaryNote}a Deny no longer applies` });
      }
    }
    if (before === undefined) continue;
    for (const [label, old] of beforeDocs) {
      if (policyDocuments(after.resource.Properties).some((d) => d.label === label)) continue;
      const denies = permissionTuples(old).filter((t) => t.effect === 'Deny');
      if (denies.length > 0) add({ ...summarize('deny-removed', denies), policy: label, detail: `${boundaryNote}a policy with Deny statements was removed` });
    }
    const oldBoundary = before.resource.Properties?.PermissionsBoundary;
    const newBoundary = after.resource.Properties?.PermissionsBoundary;
    if (oldBoundary !== undefined && newBoundary === undefined) {
      add({ ...empty('boundary-removed'), policy: 'PermissionsBoundary', detail: 'the permission boundary was removed' });
    } else if (oldBoundary !== undefined && stableKey(oldBoundary) !== stableKey(newBoundary)) {
      add({ ...empty('boundary-changed'), resources: [display(newBoundary)], policy: 'PermissionsBoundary', detail: 'the permission boundary points elsewhere' });
    }
    for (const key of ['ManagedPolicyArns', 'Roles', 'Users', 'Groups']) {
      const added = addedElements(before.resource.Properties?.[key], after.resource.Properties?.[key]);
      if (added.length > 0) {
        add({ ...empty('managed-policy-attached'), resources: added, policy: key, detail: `${key === 'ManagedPolicyArns' ? 'managed policies attached' : `attached to more ${key.toLowerCase()}`}` });
      }
    }
  }
  // A boundary removed while roles remain leaves them unbounded; an environment removed as a whole takes its
  // roles along and is not broadening.
  const principalsRemain = [...head.values()].some((r) => r.resource.Type === 'AWS::IAM::Role' || r.resource.Type === 'AWS::IAM::User');
  for (const [logicalId, before] of base) {
    if (head.has(logicalId) || !principalsRemain || !boundaryPolicies(base).has(logicalId)) continue;
    findings.push({
      stack: before.stack.stack,
      finding: { logicalId, type: before.resource.Type, ...empty('boundary-removed'), policy: 'PolicyDocument', detail: 'the permission boundary policy was removed' },
    });
  }
  return findings;
}

type Group = Omit<IamFinding, 'logicalId' | 'type' | 'policy'>;

/**
 * The spec line of the first statement a finding's tuples come from, as the head's source map has it (a finding
 * about one new statement among a role's several points at that statement, not at the role).
 */
function statementLocation(resource: EnvResource, doc: PolicyDocumentRef, statements: readonly number[]): string | undefined {
  const [first] = statements;
  if (first === undefined) return undefined;
  const statement = Array.isArray(doc.document.Statement) ? ['Statement', first] : ['Statement'];
  return resource.stack.statementSources?.[statementKey(resource.logicalId, [...doc.path, ...statement])];
}

/** Head tuples that no base tuple covers, grouped by how they broaden. */
function classifyAdded(oldTuples: readonly PermissionTuple[], newTuples: readonly PermissionTuple[]): (Group & { readonly statements: readonly number[] })[] {
  const added = uncovered(oldTuples, newTuples.filter((t) => t.effect === 'Allow'));
  const byKind = new Map<IamFindingKind, PermissionTuple[]>();
  const oldAllows = oldTuples.filter((t) => t.effect === 'Allow');
  for (const t of added) {
    const kind = classify(oldAllows, t);
    byKind.set(kind, [...(byKind.get(kind) ?? []), t]);
  }
  const order: readonly IamFindingKind[] = ['statement-added', 'action-added', 'resource-widened', 'principal-added', 'condition-relaxed'];
  return order.filter((k) => byKind.has(k)).map((k) => {
    const tuples = byKind.get(k) ?? [];
    return { ...summarize(k, tuples), statements: [...new Set(tuples.map((t) => t.statement))].sort((a, b) => a - b) };
  });
}

function classify(old: readonly PermissionTuple[], t: PermissionTuple): IamFindingKind {
  const same = (o: PermissionTuple, fields: readonly (keyof PermissionTuple)[]) => fields.every((f) => o[f] === t[f]);
  if (old.some((o) => same(o, ['action', 'resource', 'principal']))) return 'condition-relaxed';
  if (old.some((o) => same(o, ['action', 'principal', 'condition']))) return 'resource-widened';
  if (old.some((o) => same(o, ['resource', 'principal', 'condition']))) return 'action-added';
  if (old.some((o) => same(o, ['action', 'resource', 'condition']))) return 'principal-added';
  return 'statement-added';
}

function uncovered(wide: readonly PermissionTuple[], narrow: readonly PermissionTuple[]): PermissionTuple[] {
  const exact = new Set(wide.map(tupleKey));
  return narrow.filter((t) => !exact.has(tupleKey(t)) && !wide.some((w) => covers(w, t)));
}

const DETAILS: { readonly [kind in IamFindingKind]: string } = {
  'statement-added': 'new permissions',
  'action-added': 'actions added',
  'resource-widened': 'allowed on more resources',
  'principal-added': 'more principals trusted',
  'condition-relaxed': 'a condition was relaxed or removed',
  'deny-removed': 'a Deny no longer applies',
  'boundary-changed': 'the permission boundary changed',
  'boundary-removed': 'the permission boundary was removed',
  'managed-policy-attached': 'managed policies attached',
};

function summarize(kind: IamFindingKind, tuples: readonly PermissionTuple[]): Group {
  const unique = (values: readonly string[]) => [...new Set(values.filter((v) => v !== ''))].sort();
  const actions = unique(tuples.map((t) => t.action));
  const resources = unique(tuples.map((t) => t.resource));
  const principals = unique(tuples.map((t) => t.principal));
  // The wildcard that matters is in the part that grew: a new action on a resource that always had one is not it.
  const grown = kind === 'action-added' ? actions : kind === 'resource-widened' ? resources : kind === 'principal-added' ? principals
    : [...actions, ...resources, ...principals];
  const wildcard = grown.some((v) => v.includes('*'));
  return { kind, actions, resources, principals, wildcard, detail: `${DETAILS[kind]}${wildcard ? ' (wildcard)' : ''}` };
}

function empty(kind: IamFindingKind): Group {
  return { kind, actions: [], resources: [], principals: [], wildcard: false, detail: DETAILS[kind] };
}

function display(value: Json | undefined): string {
  return typeof value === 'string' ? value : stableKey(value);
}

function addedElements(before: Json | undefined, after: Json | undefined): string[] {
  const list = (v: Json | undefined) => (Array.isArray(v) ? (v as readonly Json[]).map(display) : []);
  const old = new Set(list(before));
  return list(after).filter((v) => !old.has(v)).sort();
}

/** Managed policies used as a permission boundary (referenced by a PermissionsBoundary or named `*-boundary`). */
function boundaryPolicies(resources: ReadonlyMap<string, EnvResource>): Set<string> {
  const ids = new Set<string>();
  for (const { logicalId, resource } of resources.values()) {
    if (resource.Type !== 'AWS::IAM::ManagedPolicy') continue;
    const name = resource.Properties?.ManagedPolicyName;
    if (typeof name === 'string' && name.endsWith('-boundary')) ids.add(logicalId);
  }
  for (const { resource } of resources.values()) {
    const boundary = resource.Properties?.PermissionsBoundary;
    if (isJsonObject(boundary) && typeof boundary.Ref === 'string') ids.add(boundary.Ref);
  }
  return ids;
}
