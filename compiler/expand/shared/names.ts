/**
 * Names of what the platform creates. Physical names are derived, never chosen by hand, so that policies in one
 * stack can name resources of another (or of a later deploy) without waiting for them to exist.
 */
import { createHash } from 'node:crypto';
import type { Json } from '../../model/cfn.js';
import type { Environment, Platform } from '../../model/platform.js';

/** IAM role names are limited to 64 characters. */
export const ROLE_NAME_LIMIT = 64;

/**
 * `<platform>-<env>-<purpose>`. A name over the IAM limit is cut and given a short hash of the full name, so it
 * stays unique and the same on every run.
 */
export function roleName(platform: Platform, env: Environment, purpose: string): string {
  const full = `${platform.name}-${env.name}-${purpose}`;
  if (full.length <= ROLE_NAME_LIMIT) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, ROLE_NAME_LIMIT - hash.length - 1)}-${hash}`;
}

/** `<platform>-<env>-<thing>`: the Name tag of EC2 resources, so the console shows what each one is. */
export function resourceName(platform: Platform, env: Environment, thing: string): string {
  return `${platform.name}-${env.name}-${thing}`;
}

/** The Tags property for an EC2 resource: its Name. Platform tags are stack tags, applied by CloudFormation. */
export function nameTags(platform: Platform, env: Environment, thing: string): Json {
  return [{ Key: 'Name', Value: resourceName(platform, env, thing) }];
}

/** `log-shipper` -> `LogShipper`; used for logical ids derived from spec names. */
export function logicalName(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}
