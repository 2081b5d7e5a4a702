/**
 * Checks that need nothing but the statement itself: dangerous shapes that Access Analyzer would also flag, found
 * offline and instantly.
 */
import type { Json, JsonObject } from '../model/cfn.js';
import { IAM_CHECK_SEVERITY } from './codes.js';
import { policyNote, locateStatement, type ExtractedPolicy } from './extract-policies.js';
import { finding, type Finding } from './finding.js';

/** A statement field as a list of values (the grammar allows a single value or a list). */
export function listOf(value: Json | undefined): readonly Json[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value as Json];
}

function strings(value: Json | undefined): readonly string[] {
  return listOf(value).filter((v): v is string => typeof v === 'string');
}

/** An IAM wildcard pattern (`*` any run, `?` one character) as a case-insensitive regular expression. */
export function wildcardToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

const ADMIN_MANAGED_POLICIES = /:iam::aws:policy\/(AdministratorAccess|IAMFullAccess)$/;

/** Findings on one statement of one policy. */
export function checkStatementShape(policy: ExtractedPolicy, statement: JsonObject, index: number): Finding[] {
  const out: Finding[] = [];
  const where = locateStatement(policy, index);
  const add = (code: string, message: string, hint?: string, value?: string): void => {
    out.push(finding({
      code, severity: IAM_CHECK_SEVERITY[code] ?? 'ERROR', message, notes: [policyNote(policy, index)],
      where, env: policy.env, resource: policy.logicalId, ...(hint ? { hint } : {}), ...(value !== undefined ? { value } : {}),
    }));
  };
  if (statement.Effect !== 'Allow') return out;
  const actions = strings(statement.Action);
  const resources = listOf(statement.Resource);
  const allResources = resources.some((r) => r === '*');
  if ('NotAction' in statement) add('IAM106', 'Allow with NotAction grants every action not listed', 'list the actions to allow');
  if ('NotResource' in statement) add('IAM107', 'Allow with NotResource grants the actions on every resource not listed', 'list the resources to allow');
  const passRole = actions.find((a) => a !== '*' && a !== '*:*' && wildcardToRegExp(a).test('iam:passrole'));
  if (allResources && passRole !== undefined) {
    const what = passRole.toLowerCase() === 'iam:passrole' ? passRole : `${passRole} (includes iam:PassRole)`;
    add('IAM105', `${what} on Resource "*" lets any role be passed to a service`, 'list the role ARNs that may be passed and add an iam:PassedToService condition', passRole);
  }
  const everything = actions.find((a) => a === '*' || a === '*:*');
  if (policy.kind !== 'boundary' && allResources && everything !== undefined) {
    add('IAM108', 'allows all actions on all resources', 'grant only the actions and resources this principal needs', everything);
  }
  return out;
}

/** Roles and users that attach an administrator managed policy. */
export function checkManagedPolicyArns(policyHolder: { env: string; logicalId: string; arns: Json | undefined; where: Parameters<typeof finding>[0]['where'] }): Finding[] {
  return strings(policyHolder.arns)
    .filter((arn) => ADMIN_MANAGED_POLICIES.test(arn))
    .map((arn) => finding({
      code: 'IAM108', severity: IAM_CHECK_SEVERITY.IAM108 ?? 'SECURITY_WARNING',
      message: `${policyHolder.logicalId} attaches ${arn}, which allows administration of the account`,
      where: policyHolder.where, env: policyHolder.env, resource: policyHolder.logicalId,
    }));
}
