/**
 * Checks against the IAM catalog: every service, action, action pattern and condition key a policy names must
 * exist, because IAM ignores what it does not know and the permission silently goes missing.
 */
import type { JsonObject } from '../model/cfn.js';
import type { IamCatalog } from './catalog.js';
import { closestUnambiguous } from '../validate/suggest.js';
import { IAM_CHECK_SEVERITY } from './codes.js';
import { policyNote, locateStatement, type ExtractedPolicy } from './extract-policies.js';
import { finding, type Finding } from './finding.js';
import { listOf, wildcardToRegExp } from './statement-rules.js';

interface ActionProblem {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
}

/** `did you mean "sqs:ReceiveMessage"?` when a catalog name is a likely typo of `word`, else nothing. */
function meant(word: string, candidates: readonly string[], spell: (match: string) => string): { hint?: string } {
  const match = closestUnambiguous(word, candidates);
  return match === undefined ? {} : { hint: `did you mean "${spell(match)}"?` };
}

async function checkAction(catalog: IamCatalog, action: string): Promise<ActionProblem | undefined> {
  if (action === '*') return undefined;
  const colon = action.indexOf(':');
  if (colon <= 0) return { code: 'IAM102', message: `action "${action}" is not of the form service:Action` };
  const service = action.slice(0, colon);
  const name = action.slice(colon + 1);
  if (/[*?]/.test(service)) return undefined;
  if (!(await catalog.serviceExists(service))) {
    return { code: 'IAM101', message: `unknown service "${service}" in action "${action}"`, ...meant(service, await catalog.services(), (s) => `${s}:${name}`) };
  }
  const actions = await catalog.actions(service);
  if (!/[*?]/.test(name)) {
    return (await catalog.actionExists(service, name)) ? undefined : { code: 'IAM102', message: `unknown action "${action}"`, ...meant(name, actions, (a) => `${service}:${a}`) };
  }
  const pattern = wildcardToRegExp(name);
  if (actions.some((a) => pattern.test(a))) return undefined;
  // A pattern usually spells the start of the actions it means (`Recieve*`): compare that start with theirs.
  const literal = /^[^*?]*/.exec(name)?.[0] ?? '';
  const starts = [...new Set(actions.map((a) => a.slice(0, literal.length)))];
  return {
    code: 'IAM103',
    message: `action pattern "${action}" matches no ${service} action`,
    ...(literal.length > 0 ? meant(literal, starts, (start) => `${service}:${start}${name.slice(literal.length)}`) : {}),
  };
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
  const report = (code: string, message: string, options: { hint?: string; value?: string } = {}): void => {
    out.push(finding({
      code, severity: IAM_CHECK_SEVERITY[code] ?? 'ERROR', message, notes: [policyNote(policy, index)],
      where, env: policy.env, resource: policy.logicalId, ...options,
    }));
  };
  const actions = [...listOf(statement.Action), ...listOf(statement.NotAction)].filter((a): a is string => typeof a === 'string');
  for (const action of actions) {
    const problem = await checkAction(catalog, action);
    if (problem) report(problem.code, problem.message, { ...(problem.hint ? { hint: problem.hint } : {}), value: action });
  }
  for (const key of conditionKeys(statement)) {
    if (!(await catalog.conditionKeyExists(key))) report('IAM104', `unknown condition key "${key}"`, { value: key });
  }
  return out;
}
