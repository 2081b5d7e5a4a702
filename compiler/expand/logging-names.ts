/**
 * Names shared between the logging stack and the stacks that write into it. The hosts expander, the pipeline
 * expander and spec references such as `logGroup:overlay` all need the same log group name and logical id, so
 * they are derived here, in one place, instead of being spelled out by each concern.
 */
import { createHash } from 'node:crypto';
import type { Environment, Platform } from '../model/platform.js';
import { logicalName } from './shared/names.js';

const BUCKET_NAME_LIMIT = 63;

/** The group that every overlay host of an environment writes to. */
export const HOSTS_LOG_GROUP = 'hosts';

/** CloudWatch Logs group name: `/<platform>/<env>/<group>`. */
export function logGroupName(platform: string, env: string, group: string): string {
  return `/${platform}/${env}/${group}`;
}

/** The group a pipeline's CodeBuild projects write to, relative to the environment: `codebuild/<pipeline>`. */
export function codeBuildLogGroup(pipeline: string): string {
  return `codebuild/${pipeline}`;
}

/** Logical id of a log group in the logging stack: `LogGroupSystem`, `LogGroupCodebuildPlatform`. */
export function logGroupLogicalId(group: string): string {
  return `LogGroup${logicalName(group)}`;
}

/**
 * The archive bucket's name, `<platform>-<env>-log-archive-<account>-<region>`: fixed, so roles in other stacks
 * (spec references such as `bucket:archive`) can name it without a cross-stack reference.
 */
export function archiveBucketName(platform: Platform, env: Environment): string {
  return globalBucketName(`${platform.name}-${env.name}-log-archive-${env.account}-${env.region}`);
}

/** A globally unique S3 bucket name: as given when it fits 63 characters, else cut and given a short hash. */
export function globalBucketName(full: string): string {
  if (full.length <= BUCKET_NAME_LIMIT) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, BUCKET_NAME_LIMIT - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}
