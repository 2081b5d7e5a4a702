/**
 * Names shared between the logging stack and the stacks that write into it. The hosts expander, the pipeline
 * expander and spec references such as `logGroup:overlay` all need the same log group name and logical id, so
 * they are derived here, in one place, instead of being spelled out by each concern.
 */
import { logicalName } from './shared/names.js';

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
