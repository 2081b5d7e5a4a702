/**
 * Names that tie a pipeline in its home account to the roles and buckets it uses in every target environment.
 * They are derived, never looked up, so each side's template can name the other side before it exists.
 */
import type { Environment, Pipeline, Platform } from '../model/platform.js';
import { globalBucketName } from './logging-names.js';
import { logicalName, roleName } from './shared/names.js';

/** The role a pipeline's builds assume in a target environment: `<platform>-<env>-deploy`. */
export function deployRoleName(platform: Platform, env: Environment): string {
  return roleName(platform, env, 'deploy');
}

/** The role CloudFormation acts as in a target environment: `<platform>-<env>-cfn-exec`. */
export function executionRoleName(platform: Platform, env: Environment): string {
  return roleName(platform, env, 'cfn-exec');
}

/** The CodeBuild role of a pipeline, in its home environment. */
export function buildRoleName(platform: Platform, home: Environment, pipeline: Pipeline): string {
  return roleName(platform, home, `${pipeline.name}-build`);
}

/** The CodePipeline role of a pipeline, in its home environment. */
export function pipelineRoleName(platform: Platform, home: Environment, pipeline: Pipeline): string {
  return roleName(platform, home, `${pipeline.name}-pipeline`);
}

/** A literal role ARN in another account (no pseudo parameters: the account is not the template's own). */
export function roleArn(env: Environment, name: string): string {
  return `arn:${env.partition}:iam::${env.account}:role/${name}`;
}

/**
 * The bucket a target environment stages large templates in (CloudFormation reads templates only from its own
 * region). Globally unique through the account id; cut with a hash when it would exceed 63 characters.
 */
export function templateBucketName(platform: Platform, env: Environment): string {
  return globalBucketName(`${platform.name}-${env.name}-templates-${env.account}-${env.region}`);
}

/** Logical ids of a pipeline's resources in its home environment, all prefixed `Pipeline<Name>`. */
export interface PipelineIds {
  readonly bucket: string;
  readonly bucketPolicy: string;
  readonly topic: string;
  readonly notify: string;
  readonly buildRole: string;
  readonly pipelineRole: string;
  readonly pipeline: string;
  readonly validate: string;
  readonly createChangeSets: string;
  readonly executeChangeSets: string;
  readonly connection: string;
}

/** One prefix per pipeline keeps the ids of several pipelines in one stack apart. */
export function pipelineIds(pipeline: Pipeline): PipelineIds {
  const id = (suffix: string) => `Pipeline${logicalName(pipeline.name)}${suffix}`;
  return {
    bucket: id('ArtifactBucket'), bucketPolicy: id('ArtifactBucketPolicy'), topic: id('ApprovalTopic'),
    notify: id('ApprovalSubscription'), buildRole: id('BuildRole'), pipelineRole: id('Role'), pipeline: id(''),
    validate: id('Validate'),
    createChangeSets: id('CreateChangeSets'), executeChangeSets: id('ExecuteChangeSets'), connection: id('ConnectionArn'),
  };
}
