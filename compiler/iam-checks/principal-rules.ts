/**
 * Who may act: every role and user carries the environment's permission boundary, and trust policies let only
 * known principals assume a role (a service, the environment's own account, its trusted accounts, or another
 * environment of the same platform).
 */
import type { AssembledStack } from '../assemble/stack.js';
import type { Json, JsonObject } from '../model/cfn.js';
import { locateInSpec } from '../lint/locate-in-spec.js';
import { IAM_CHECK_SEVERITY } from './codes.js';
import { boundaryPolicyName, policyNote, locateStatement, statementsOf, type ExtractedPolicy } from './extract-policies.js';
import { finding, type Finding } from './finding.js';
import { checkManagedPolicyArns, listOf } from './statement-rules.js';
import { compareText } from '../model/compare-text.js';

/** What the checks need to know of an environment. */
export interface EnvironmentAccounts {
  readonly name: string;
  readonly account: string;
  readonly partition: string;
  readonly trustedAccounts: readonly string[];
}

/** The boundary ARN every role and user of the environment must carry, exactly as the compiler writes it. */
export function expectedBoundary(stack: AssembledStack): Json {
  return { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/${boundaryPolicyName(stack)}` };
}

function isExpectedBoundary(value: Json | undefined, stack: AssembledStack, env: EnvironmentAccounts | undefined): boolean {
  if (JSON.stringify(value) === JSON.stringify(expectedBoundary(stack))) return true;
  return env !== undefined && value === `arn:${env.partition}:iam::${env.account}:policy/${boundaryPolicyName(stack)}`;
}

/** Roles and users without the environment's boundary, and administrator managed policies attached to them. */
export function checkPrincipals(stack: AssembledStack, env: EnvironmentAccounts | undefined): Finding[] {
  const out: Finding[] = [];
  for (const [logicalId, resource] of Object.entries(stack.template.Resources).sort(([a], [b]) => compareText(a, b))) {
    if (resource.Type !== 'AWS::IAM::Role' && resource.Type !== 'AWS::IAM::User') continue;
    const properties = resource.Properties ?? {};
    const where = locateInSpec(stack, ['Resources', logicalId]);
    if (!isExpectedBoundary(properties.PermissionsBoundary, stack, env)) {
      out.push(finding({
        code: 'IAM109', severity: IAM_CHECK_SEVERITY.IAM109 ?? 'ERROR',
        message: `${stack.stackName} ${logicalId} (${resource.Type}) ${properties.PermissionsBoundary === undefined ? 'has no PermissionsBoundary' : 'has a PermissionsBoundary other than the environment\'s'}; it must be ${boundaryPolicyName(stack)}`,
        where, env: stack.env, resource: logicalId,
      }));
    }
    out.push(...checkManagedPolicyArns({ env: stack.env, logicalId, arns: properties.ManagedPolicyArns, where }));
  }
  return out;
}

/** The account a principal names: a 12-digit id, an IAM ARN, or `${AWS::AccountId}` (the environment's own). */
function accountOf(value: Json, own: string): string | undefined {
  const text = typeof value === 'string'
    ? value
    : typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as JsonObject)['Fn::Sub'] === 'string'
      ? ((value as JsonObject)['Fn::Sub'] as string).replaceAll('${AWS::AccountId}', own)
      : undefined;
  if (text === undefined) return undefined;
  if (/^\d{12}$/.test(text)) return text;
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(text)?.[1];
}

/** Trust policy findings: anyone may assume the role, or an account the spec does not declare. */
export function checkTrust(policy: ExtractedPolicy, envs: readonly EnvironmentAccounts[]): Finding[] {
  if (policy.kind !== 'trust') return [];
  const env = envs.find((e) => e.name === policy.env);
  const allowed = new Set<string>([...envs.map((e) => e.account), ...(env?.trustedAccounts ?? [])]);
  const out: Finding[] = [];
  statementsOf(policy).forEach((statement, index) => {
    if (statement.Effect !== 'Allow') return;
    const where = locateStatement(policy, index);
    const principal = statement.Principal;
    const report = (code: string, message: string, hint: string): void => {
      out.push(finding({
        code, severity: IAM_CHECK_SEVERITY[code] ?? 'SECURITY_WARNING', message, notes: [policyNote(policy, index)],
        where, env: policy.env, resource: policy.logicalId, hint,
      }));
    };
    const awsPrincipals = principal === '*'
      ? ['*' as Json]
      : typeof principal === 'object' && principal !== null && !Array.isArray(principal) ? listOf((principal as JsonObject).AWS) : [];
    if ('NotPrincipal' in statement || awsPrincipals.includes('*')) {
      report('IAM110', 'any AWS principal may assume this role', 'name the service or the account that may assume it');
    }
    for (const p of awsPrincipals) {
      const account = p === '*' ? undefined : accountOf(p, env?.account ?? '');
      if (account !== undefined && !allowed.has(account)) {
        report('IAM111', `account ${account} may assume this role but is neither this environment's account, one of its trustedAccounts, nor another environment's`, `add "${account}" to environments.${policy.env}.trustedAccounts if it is meant to be trusted`);
      }
    }
  });
  return out;
}
