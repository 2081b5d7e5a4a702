/**
 * Roles created by the logging, dns and pipeline concerns. Every role carries its environment's permission
 * boundary; there is no parameter to leave it out, so a caller cannot forget it.
 */
import type { Json, JsonObject, CfnResource } from '../model/cfn.js';
import type { Environment } from '../model/platform.js';
import type { SpecPath } from '../diagnostics/diagnostic.js';

/** The boundary managed policy's ARN as every template spells it. */
export function boundaryArn(env: Environment): JsonObject {
  return { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/${env.boundary.policyName}` };
}

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: readonly string[];
  readonly Resource: Json;
  readonly Condition?: JsonObject;
}

export interface BoundedRoleOptions {
  readonly env: Environment;
  /** Full role name, `<platform>-<env>-<purpose>`. */
  readonly roleName: string;
  readonly description: string;
  /** The trust policy's statements (who may assume the role). */
  readonly trust: readonly JsonObject[];
  /** The inline policy's statements; inline so that `Fn::GetAtt Role.Arn` waits for the permissions too. */
  readonly statements: readonly PolicyStatement[];
}

/** The inline policy's statements start at this JSON path inside the role, for statement origins. */
export const ROLE_STATEMENT_PATH = 'Properties.Policies.0.PolicyDocument.Statement';
export const TRUST_STATEMENT_PATH = 'Properties.AssumeRolePolicyDocument.Statement';

/** An AWS::IAM::Role with the environment's boundary and one inline policy. */
export function boundedRole(options: BoundedRoleOptions): CfnResource {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      RoleName: options.roleName,
      Description: options.description,
      PermissionsBoundary: boundaryArn(options.env),
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [...options.trust] },
      Policies: [
        {
          PolicyName: 'permissions',
          PolicyDocument: { Version: '2012-10-17', Statement: options.statements.map(statementJson) },
        },
      ],
    },
  };
}

function statementJson(statement: PolicyStatement): JsonObject {
  const base: { [key: string]: Json } = {};
  if (statement.Sid !== undefined) base['Sid'] = statement.Sid;
  base['Effect'] = statement.Effect;
  base['Action'] = [...statement.Action];
  base['Resource'] = statement.Resource;
  if (statement.Condition !== undefined) base['Condition'] = statement.Condition;
  return base;
}

/** Origins for every trust and permission statement of a role built by `boundedRole`. */
export function roleStatementOrigins(
  options: Pick<BoundedRoleOptions, 'trust' | 'statements'>,
  origin: SpecPath,
): { readonly [path: string]: SpecPath } {
  const trust = options.trust.map((_, index) => [`${TRUST_STATEMENT_PATH}.${index}`, origin] as const);
  const allow = options.statements.map((_, index) => [`${ROLE_STATEMENT_PATH}.${index}`, origin] as const);
  return Object.fromEntries([...trust, ...allow]);
}

/** A service principal in the environment's partition (`.amazonaws.com.cn` in China). */
export function servicePrincipal(env: Environment, service: string): string {
  return env.partition === 'aws-cn' ? `${service}.amazonaws.com.cn` : `${service}.amazonaws.com`;
}
