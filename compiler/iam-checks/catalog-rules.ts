/**
 * Checks against the IAM catalog: every service, action, action pattern and condition key a policy names must
 * exist, because IAM ignores what it does not know and the permission silently goes missing.
 */
import type { JsonObject } from '../model/cfn.js';
import type { IamCatalog } from './catalog.js';
import { IAM_CHECK_SEVERITY } from './codes.js';
import { describePolicy, locateStatement, type ExtractedPolicy } from './extract-policies.js';
import { finding, type Finding } from './finding.js';
import { listOf, wildcardToRegExp } from './statement-rules.js';

async function checkAction(catalog: IamCatalog, action: string): Promise<{ code: string; message: string } | undefined> {
  if (action === '*') return undefined;
  const colon = action.indexOf(':');
  if (colon <= 0) return { code: 'IAM102', message: `action "${action}" is not of the form service:Action` };
  const service = action.slice(0, colon);
  const name = action.slice(colon + 1);
  if (/[*?]/.test(service)) return undefined;
  if (!(await catalog.serviceExists(service))) return { code: 'IAM101', message: `unknown service "${service}" in action "${action}"` };
  if (!/[*?]/.test(name)) {
    return (await catalog.actionExists(service, name)) ? undefined : { code: 'IAM102', message: `unknown action "${action}"` };
  }
  const pattern = wildcardToRegExp(name);
  return (await catalog.actions(service)).some((a) => pattern.test(a))
    ? undefined
    : { code: 'IAM103', message: `action pattern "${action}" matches no ${service} action` };
}

function conditionKeys(statement: JsonObject): string[] {
  const condition = statement.Condition;
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return [];
  const keys: string[] = [];
  for (const block of Object.values(condition)) {
    if (typeof block === 'object' && block !== null && !Array.isArray(block)) keys.push(...Object.keys(block));
  }
  return keys;
}

/** Catalog findings on one statement. */
export async function checkStatementCatalog(catalog: IamCatalog, policy: ExtractedPolicy, statement: JsonObject, index: number): Promise<Finding[]> {
  const out: Finding[] = [];
  const where = locateStatement(policy, index);
  const report = (code: string, message: string): void => {
    out.push(finding({
      code, severity: IAM_CHECK_SEVERITY[code] ?? 'ERROR', message: `${describePolicy(policy)}, statement ${index}: ${message}`,
      where, env: policy.env, resource: policy.logicalId,
    }));
  };
  const actions = [...listOf(statement.Action), ...listOf(statement.NotAction)].filter((a): a is string => typeof a === 'string');
  for (const action of actions) {
    const problem = await checkAction(catalog, action);
    if (problem) report(problem.code, problem.message);
  }
  for (const key of conditionKeys(statement)) {
    if (!(await catalog.conditionKeyExists(key))) report('IAM104', `unknown condition key "${key}"`);
  }
  return out;
}
