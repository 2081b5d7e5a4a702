/**
 * Spec resource references (`logGroup:<name>`, `bucket:archive`, `role:<name>`) turned into concrete ARNs of one
 * environment. Names are deterministic, so most ARNs are `Fn::Sub` strings that need no cross-stack reference;
 * the archive bucket has a generated name and is reached through its logical id.
 */
import type { Json } from '../../model/cfn.js';
import type { StackKind } from '../fragment.js';
import type { Environment, Platform } from '../../model/platform.js';
import { logGroupName } from '../logging-names.js';
import { ARCHIVE_BUCKET_ID } from '../logging-archive.js';
import { roleName } from './names.js';
import { attOf, sub } from './refs.js';

/** ARN of a log group of the environment and of its streams (both are needed to write logs). */
export function logGroupArns(platform: Platform, env: Environment, group: string): Json[] {
  const arn = `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:${logGroupName(platform.name, env.name, group)}`;
  return [sub(arn), sub(`${arn}:log-stream:*`)];
}

/**
 * The ARNs a spec resource entry stands for. Anything that is not a reference (an ARN or `*`) is kept as written;
 * the validator has already rejected references to things that do not exist.
 */
export function resolveResource(platform: Platform, env: Environment, resource: string): Json[] {
  const colon = resource.indexOf(':');
  const kind = colon < 0 ? '' : resource.slice(0, colon);
  const name = resource.slice(colon + 1);
  switch (kind) {
    case 'logGroup':
      return logGroupArns(platform, env, name);
    case 'bucket': {
      const arn = attOf(ARCHIVE_BUCKET_ID, 'Arn');
      return [arn, { 'Fn::Join': ['', [arn, '/*']] }];
    }
    case 'role':
      return [sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${roleName(platform, env, name)}`)];
    default:
      return [resource];
  }
}

/**
 * The stack a referenced resource lives in when it can only be reached through a cross-stack reference, or
 * undefined when its ARN is known from its name alone. The iam stack is deployed before all others, so a
 * statement that needs such a resource is attached to its role from that resource's stack.
 */
export function referencedStack(resource: string): StackKind | undefined {
  return resource.startsWith('bucket:') ? 'logging' : undefined;
}
