/**
 * Every IAM policy a set of stacks would create, with what kind of policy it is and where each of its statements
 * came from in the spec. Both the offline checks and Access Analyzer work on this list, so they agree on what a
 * policy is and where to report it.
 */
import type { AssembledStack } from '../assemble/stack.js';
import type { Json, JsonObject } from '../model/cfn.js';
import { locateInSpec, type SpecLocation } from '../lint/locate-in-spec.js';

/** identity: attached to a principal; trust: a role's AssumeRolePolicyDocument; boundary: the env's permission boundary; resource: attached to a resource. */
export type PolicyKind = 'identity' | 'trust' | 'boundary' | 'resource';

export interface ExtractedPolicy {
  readonly stack: AssembledStack;
  readonly env: string;
  readonly logicalId: string;
  /** The CloudFormation type of the resource that holds the policy. */
  readonly resourceType: string;
  readonly kind: PolicyKind;
  /** Path of the policy document inside the resource, e.g. ["Properties", "Policies", 0, "PolicyDocument"]. */
  readonly documentPath: readonly (string | number)[];
  readonly document: JsonObject;
  /** For resource policies: the resource type Access Analyzer validates them against, where it has one. */
  readonly validateResourceType?: string;
}

interface ResourcePolicyShape {
  readonly property: string;
  readonly validateResourceType?: string;
}

/** Resource types whose policy document is a resource policy, and Access Analyzer's resource type for them. */
const RESOURCE_POLICIES: Readonly<Record<string, ResourcePolicyShape>> = {
  'AWS::S3::BucketPolicy': { property: 'PolicyDocument', validateResourceType: 'AWS::S3::Bucket' },
  'AWS::S3::AccessPointPolicy': { property: 'Policy', validateResourceType: 'AWS::S3::AccessPoint' },
  'AWS::SNS::TopicPolicy': { property: 'PolicyDocument' },
  'AWS::SQS::QueuePolicy': { property: 'PolicyDocument' },
  'AWS::KMS::Key': { property: 'KeyPolicy' },
  'AWS::Logs::ResourcePolicy': { property: 'PolicyDocument' },
  'AWS::DynamoDB::Table': { property: 'ResourcePolicy', validateResourceType: 'AWS::DynamoDB::Table' },
};

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A policy given as a JSON string (AWS::Logs::ResourcePolicy) is parsed; one built with intrinsics is skipped. */
function asDocument(value: Json | undefined): JsonObject | undefined {
  if (isObject(value) && 'Statement' in value) return value;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as JsonObject) : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** `<platform>-<env>`, the prefix of every name of an environment, read back from the stack name. */
export function environmentPrefix(stack: AssembledStack): string {
  return stack.stackName.slice(0, stack.stackName.length - stack.name.length - 1);
}

/** The name of the environment's permission boundary policy. */
export function boundaryPolicyName(stack: AssembledStack): string {
  return `${environmentPrefix(stack)}-boundary`;
}

/** Lists the policies of one stack in template order (resources sorted by logical id). */
export function extractPolicies(stack: AssembledStack): ExtractedPolicy[] {
  const policies: ExtractedPolicy[] = [];
  const resources = stack.template.Resources;
  for (const logicalId of Object.keys(resources).sort()) {
    const resource = resources[logicalId];
    if (!resource) continue;
    const properties = resource.Properties ?? {};
    const add = (kind: PolicyKind, documentPath: readonly (string | number)[], value: Json | undefined, validateResourceType?: string): void => {
      const document = asDocument(value);
      if (!document) return;
      policies.push({
        stack, env: stack.env, logicalId, resourceType: resource.Type, kind, documentPath, document,
        ...(validateResourceType ? { validateResourceType } : {}),
      });
    };
    const inline = (): void => {
      const list = properties.Policies;
      if (!Array.isArray(list)) return;
      list.forEach((entry: Json, index: number) => {
        if (isObject(entry)) add('identity', ['Properties', 'Policies', index, 'PolicyDocument'], entry.PolicyDocument);
      });
    };
    switch (resource.Type) {
      case 'AWS::IAM::Role':
        add('trust', ['Properties', 'AssumeRolePolicyDocument'], properties.AssumeRolePolicyDocument, 'AWS::IAM::AssumeRolePolicyDocument');
        inline();
        break;
      case 'AWS::IAM::User':
      case 'AWS::IAM::Group':
        inline();
        break;
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::RolePolicy':
        add('identity', ['Properties', 'PolicyDocument'], properties.PolicyDocument);
        break;
      case 'AWS::IAM::ManagedPolicy': {
        const kind = properties.ManagedPolicyName === boundaryPolicyName(stack) ? 'boundary' : 'identity';
        add(kind, ['Properties', 'PolicyDocument'], properties.PolicyDocument);
        break;
      }
      default: {
        const shape = RESOURCE_POLICIES[resource.Type];
        if (shape) add('resource', ['Properties', shape.property], properties[shape.property], shape.validateResourceType);
      }
    }
  }
  return policies;
}

/** The statements of a policy as a list (a single statement object is allowed by the grammar). */
export function statementsOf(policy: ExtractedPolicy): readonly JsonObject[] {
  const raw = policy.document.Statement;
  if (Array.isArray(raw)) return raw.filter(isObject);
  return isObject(raw) ? [raw] : [];
}

/** Where a statement (or, with index undefined, the whole policy) came from in the spec. */
export function locateStatement(policy: ExtractedPolicy, index: number | undefined): SpecLocation {
  const statementPath = Array.isArray(policy.document.Statement) && index !== undefined ? ['Statement', index] : ['Statement'];
  return locateInSpec(policy.stack, ['Resources', policy.logicalId, ...policy.documentPath, ...(index === undefined ? [] : statementPath)]);
}

/** A short human name for the policy, used in messages: `shop-dev-iam HostRole inline policy 0`. */
export function describePolicy(policy: ExtractedPolicy): string {
  return `${policy.stack.stackName} ${policyInStack(policy)}`;
}

function policyInStack(policy: ExtractedPolicy): string {
  switch (policy.kind) {
    case 'trust':
      return `${policy.logicalId} trust policy`;
    case 'boundary':
      return `${policy.logicalId} permission boundary`;
    case 'resource':
      return `${policy.logicalId} resource policy`;
    default:
      return policy.documentPath[1] === 'Policies' ? `${policy.logicalId} inline policy ${String(policy.documentPath[2])}` : `${policy.logicalId} policy`;
  }
}

/**
 * Which generated policy (and statement) a finding is about, as a note: `in shop-dev-iam: HostRole inline
 * policy 0, statement 1`. Kept out of the message, so that the same finding in every environment's stack reads
 * the same and is reported once (see fold-stacks.ts), its notes naming the stacks.
 */
export function policyNote(policy: ExtractedPolicy, statementIndex?: number): string {
  return `in ${policy.stack.stackName}: ${policyInStack(policy)}${statementIndex === undefined ? '' : `, statement ${statementIndex}`}`;
}
