/**
 * Building blocks for IAM roles. Every role of the platform is made by `boundedRole`, which always sets the
 * environment's permission boundary: there is no option to leave it out, so no caller can forget it. Each
 * statement carries the spec path it came from, and the role reports those origins by JSON path for the
 * source map.
 */
import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { Json, JsonObject } from '../../model/cfn.js';
import type { Environment } from '../../model/platform.js';
import type { FragmentResource } from '../fragment.js';
import { sub } from './refs.js';

/** The boundary managed policy's ARN, spelled the same way in every template. */
export function boundaryArn(env: Environment): JsonObject {
  return sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/${env.boundary.policyName}`);
}

/** An AWS managed policy's ARN in the environment's partition. */
export function awsManagedPolicyArn(name: string): JsonObject {
  return sub(`arn:\${AWS::Partition}:iam::aws:policy/${name}`);
}

/** A service principal of the environment's partition (China uses `.amazonaws.com.cn`). */
export function servicePrincipal(env: Environment, service: string): string {
  const bare = service.replace(/\.amazonaws\.com(\.cn)?$/, '');
  return env.partition === 'aws-cn' ? `${bare}.amazonaws.com.cn` : `${bare}.amazonaws.com`;
}

export interface Statement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly resources: readonly Json[];
  readonly condition?: JsonObject;
  /** The spec node this statement came from. */
  readonly origin: SpecPath;
}

/** A statement as IAM JSON (single resources stay lists: one shape for every statement). */
export function statementJson(statement: Statement): JsonObject {
  const json: { [key: string]: Json } = {};
  if (statement.sid !== undefined) json['Sid'] = statement.sid;
  json['Effect'] = statement.effect;
  json['Action'] = [...statement.actions];
  json['Resource'] = [...statement.resources];
  if (statement.condition !== undefined) json['Condition'] = statement.condition;
  return json;
}

/** The trust statement letting one AWS service assume a role. */
export function serviceTrust(env: Environment, service: string, origin: SpecPath): TrustStatement {
  return { principal: { Service: servicePrincipal(env, service) }, origin };
}

export interface TrustStatement {
  readonly principal: JsonObject;
  readonly origin: SpecPath;
  /** Narrows who may assume the role, e.g. `aws:SourceArn` for a service acting on behalf of a resource. */
  readonly condition?: JsonObject;
}

export interface BoundedRoleOptions {
  readonly logicalId: string;
  readonly env: Environment;
  /** `<platform>-<env>-<purpose>`, see `roleName`. */
  readonly roleName: string;
  readonly description: string;
  readonly trust: readonly TrustStatement[];
  /** One inline policy named `permissions`; left out when empty. */
  readonly statements: readonly Statement[];
  readonly managedPolicyArns?: readonly Json[];
  /** The spec node the role as a whole came from. */
  readonly origin: SpecPath;
  /** Keeps the role with other resources when a stack is split (see FragmentResource.group). */
  readonly group?: string;
}

/** JSON paths of a role's statements, the keys of its statement origins. */
export const TRUST_STATEMENT_PATH = 'Properties.AssumeRolePolicyDocument.Statement';
export const INLINE_STATEMENT_PATH = 'Properties.Policies.0.PolicyDocument.Statement';

/** An AWS::IAM::Role with the environment's boundary, its trust policy and one inline policy. */
export function boundedRole(options: BoundedRoleOptions): FragmentResource {
  const properties: { [key: string]: Json } = {
    RoleName: options.roleName,
    Description: options.description,
    PermissionsBoundary: boundaryArn(options.env),
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: options.trust.map((trust) => ({
        Effect: 'Allow',
        Principal: trust.principal,
        Action: ['sts:AssumeRole'],
        ...(trust.condition === undefined ? {} : { Condition: trust.condition }),
      })),
    },
  };
  if (options.statements.length > 0) {
    properties['Policies'] = [
      { PolicyName: 'permissions', PolicyDocument: { Version: '2012-10-17', Statement: options.statements.map(statementJson) } },
    ];
  }
  if (options.managedPolicyArns !== undefined && options.managedPolicyArns.length > 0) {
    properties['ManagedPolicyArns'] = [...options.managedPolicyArns];
  }
  const statementOrigins: { [path: string]: SpecPath } = {};
  options.trust.forEach((trust, index) => (statementOrigins[`${TRUST_STATEMENT_PATH}.${index}`] = trust.origin));
  options.statements.forEach((statement, index) => (statementOrigins[`${INLINE_STATEMENT_PATH}.${index}`] = statement.origin));
  return {
    logicalId: options.logicalId,
    resource: { Type: 'AWS::IAM::Role', Properties: properties },
    origin: options.origin,
    statementOrigins,
    ...(options.group === undefined ? {} : { group: options.group }),
  };
}

/** The instance profile EC2 needs to hand a role to an instance. */
export function instanceProfile(options: {
  readonly logicalId: string;
  readonly role: Json;
  readonly origin: SpecPath;
}): FragmentResource {
  return {
    logicalId: options.logicalId,
    resource: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [options.role] } },
    origin: options.origin,
  };
}
