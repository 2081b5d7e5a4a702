/**
 * The iam stack of an environment: its permission boundary and the roles the spec declares.
 *
 * The boundary follows the proven pattern: an explicit allow of everything (a boundary without an allow denies
 * everything), then denies that keep anyone inside the environment from creating a role or user without this
 * boundary, from changing or deleting the boundary policy, or from removing it from a role or user; then the
 * spec's own deny list.
 *
 * The iam stack is deployed first (every role names the boundary), so it refers to nothing in other stacks. A
 * spec statement about a resource that only exists in a later stack (the archive bucket, whose name is generated)
 * is attached to its role from that stack as an AWS::IAM::RolePolicy.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Json } from '../model/cfn.js';
import type { Environment, Platform, Role } from '../model/platform.js';
import type { ExpandContext, Fragment, FragmentResource, StackKind } from './fragment.js';
import { boundaryArn, boundedRole, serviceTrust, statementJson, type Statement } from './shared/iam.js';
import { logicalName, roleName } from './shared/names.js';
import { referencedStack, resolveResource } from './shared/references.js';
import { refTo } from './shared/refs.js';

/** Logical id of the boundary policy; other stacks name it by ARN, never by this id. */
export const BOUNDARY_ID = 'PermissionBoundary';
const BOUNDARY_STATEMENT_PATH = 'Properties.PolicyDocument.Statement';

/** Logical id of a spec-declared role: `log-shipper` -> `LogShipperRole`. */
export function specRoleLogicalId(name: string): string {
  return `${logicalName(name)}Role`;
}

/** The statements of an environment's boundary, in their fixed order, each with its origin. */
export function boundaryStatements(env: Environment): Statement[] {
  const arn = boundaryArn(env);
  const origin = env.boundary.origin;
  const statements: Statement[] = [
    { sid: 'ExplicitAllowAll', effect: 'Allow', actions: ['*'], resources: ['*'], origin },
    {
      sid: 'DenyIdentitiesWithoutThisBoundary',
      effect: 'Deny',
      actions: ['iam:CreateRole', 'iam:CreateUser', 'iam:PutRolePermissionsBoundary', 'iam:PutUserPermissionsBoundary'],
      resources: ['*'],
      condition: { StringNotEquals: { 'iam:PermissionsBoundary': arn } },
      origin,
    },
    {
      sid: 'DenyBoundaryPolicyChanges',
      effect: 'Deny',
      actions: ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion'],
      resources: [arn],
      origin,
    },
    {
      sid: 'DenyBoundaryRemoval',
      effect: 'Deny',
      actions: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'],
      resources: ['*'],
      origin,
    },
  ];
  if (env.boundary.deny.length > 0) {
    const denyOrigin: SpecPath = [...origin, 'deny'];
    statements.push({ sid: 'DenyDeclaredActions', effect: 'Deny', actions: env.boundary.deny, resources: ['*'], origin: denyOrigin });
  }
  return statements;
}

function boundaryResource(platform: Platform, env: Environment): FragmentResource {
  const statements = boundaryStatements(env);
  return {
    logicalId: BOUNDARY_ID,
    resource: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        ManagedPolicyName: env.boundary.policyName,
        Description: `Permission boundary of every role and user of ${platform.name} ${env.name} (boundary ${env.boundary.name})`,
        Path: '/',
        PolicyDocument: { Version: '2012-10-17', Statement: statements.map(statementJson) },
      },
    },
    origin: env.boundary.origin,
    statementOrigins: Object.fromEntries(statements.map((s, index) => [`${BOUNDARY_STATEMENT_PATH}.${index}`, s.origin])),
  };
}

interface PlacedStatement {
  readonly statement: Statement;
  /** Where the statement is attached: inline in the role, or from a later stack that holds what it names. */
  readonly stack: StackKind | undefined;
}

function specStatements(platform: Platform, env: Environment, role: Role): PlacedStatement[] {
  return role.spec.allow.map((statement, index) => {
    const resources: Json[] = statement.resources.flatMap((resource) => resolveResource(platform, env, resource));
    const stacks = statement.resources.map(referencedStack).filter((kind) => kind !== undefined);
    return {
      statement: { effect: statement.effect ?? 'Allow', actions: statement.actions, resources, origin: [...role.origin, 'allow', index] },
      stack: stacks[0],
    };
  });
}

function specRole(platform: Platform, env: Environment, role: Role, statements: readonly Statement[]): FragmentResource {
  const built = boundedRole({
    logicalId: specRoleLogicalId(role.name),
    env,
    roleName: roleName(platform, env, role.name),
    description: role.spec.description ?? `${role.name} role of ${platform.name} ${env.name}, declared in the spec`,
    trust: [serviceTrust(env, role.spec.service, [...role.origin, 'service'])],
    statements,
    origin: role.origin,
  });
  // The boundary is named by ARN, not referenced, so CloudFormation must be told to create it first.
  return { ...built, resource: { ...built.resource, DependsOn: [BOUNDARY_ID] } };
}

/** A role's statements that name resources of a later stack, attached to the role from that stack. */
function lateRolePolicy(role: Role, stack: StackKind, statements: readonly Statement[]): FragmentResource {
  const roleId = specRoleLogicalId(role.name);
  return {
    logicalId: `${roleId}${logicalName(stack)}Policy`,
    resource: {
      Type: 'AWS::IAM::RolePolicy',
      Properties: {
        RoleName: refTo(roleId),
        PolicyName: stack,
        PolicyDocument: { Version: '2012-10-17', Statement: statements.map(statementJson) },
      },
    },
    origin: role.origin,
    statementOrigins: Object.fromEntries(statements.map((s, index) => [`${ROLE_POLICY_STATEMENT_PATH}.${index}`, s.origin])),
  };
}

const ROLE_POLICY_STATEMENT_PATH = 'Properties.PolicyDocument.Statement';

/** The iam fragment of one environment: the boundary first, then the spec's roles sorted by name. */
export function expandIam(context: ExpandContext): readonly Fragment[] {
  const { platform, env } = context;
  const resources: FragmentResource[] = [boundaryResource(platform, env)];
  const late = new Map<StackKind, FragmentResource[]>();
  for (const role of platform.roles) {
    const placed = specStatements(platform, env, role);
    resources.push(specRole(platform, env, role, placed.filter((p) => p.stack === undefined).map((p) => p.statement)));
    for (const stack of new Set(placed.flatMap((p) => (p.stack === undefined ? [] : [p.stack])))) {
      const statements = placed.filter((p) => p.stack === stack).map((p) => p.statement);
      late.set(stack, [...(late.get(stack) ?? []), lateRolePolicy(role, stack, statements)]);
    }
  }
  const outputs = [
    { name: 'PermissionBoundaryArn', value: { Ref: BOUNDARY_ID }, description: 'ARN of the environment permission boundary' },
  ];
  const lateFragments = [...late].map(([stack, policies]): Fragment => ({ stack, resources: policies }));
  return [{ stack: 'iam', resources, outputs }, ...lateFragments];
}
