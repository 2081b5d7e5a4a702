/**
 * A pipeline in its home environment: the artifact bucket (encrypted, private, TLS only), the approval topic,
 * the CodeBuild projects (validate, create change sets, execute change sets) logging to the
 * pipeline's log group, the bounded CodePipeline and CodeBuild roles scoped to these concrete resources, and the
 * V2 pipeline itself.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Environment, Pipeline, Platform } from '../model/platform.js';
import type { PipelineSourceSpec } from '../model/spec.js';
import { createChangeSetsBuildspec, executeChangeSetsBuildspec, validateBuildspec } from './buildspec.js';
import { executeMinutes } from './pipeline-timeouts.js';
import type { FragmentParameter, FragmentResource } from './fragment.js';
import { denyInsecureTransport } from './logging-archive.js';
import { codeBuildLogGroup, logGroupLogicalId } from './logging-names.js';
import { pipelineIds } from './pipeline-names.js';
import { pipelineRoles } from './pipeline-roles.js';
import { pipelineStages } from './pipeline-stages.js';
import { refTo } from './shared/refs.js';

/** CodeStar Connections and CodeConnections ARNs of any partition. */
export const CONNECTION_ARN_PATTERN =
  '^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:[0-9]{12}:connection/[A-Za-z0-9-]+$';
const BUILD_IMAGE = 'aws/codebuild/standard:7.0';
const ARTIFACT_EXPIRY_DAYS = 90;

/** A pipeline's resources and its template parameters (the connection ARN). */
export interface HomeResult {
  readonly resources: readonly FragmentResource[];
  readonly parameters: readonly FragmentParameter[];
}

/** Everything a pipeline consists of in its home environment. */
export function homeResources(platform: Platform, home: Environment, pipeline: Pipeline, source: PipelineSourceSpec): HomeResult {
  const origin = pipeline.origin;
  const ids = pipelineIds(pipeline);
  const parameters: FragmentParameter[] = [];
  if ('github' in source) {
    parameters.push({
      name: ids.connection,
      value: source.connection,
      origin: [...origin, 'source', 'connection'],
      definition: {
        Type: 'String',
        Description: `CodeConnections connection to GitHub for ${source.github}`,
        AllowedPattern: CONNECTION_ARN_PATTERN,
        ConstraintDescription: 'a CodeConnections (or CodeStar Connections) connection ARN',
      },
    });
  }
  const needsApproval = pipeline.stages.some((stage) => stage.approval !== 'never');
  const logGroup = codeBuildLogGroup(pipeline.name);
  const roles = pipelineRoles({ platform, home, pipeline, source, ids, needsApproval });
  const executeTimeout = executeMinutes(platform.environments.filter((env) => pipeline.stages.some((stage) => stage.env === env.name)));
  const project = (logicalId: string, name: string, buildspec: string, stream: string, timeoutMinutes = 60): FragmentResource => ({
    logicalId,
    origin,
    resource: {
      Type: 'AWS::CodeBuild::Project',
      Properties: {
        Name: `${platform.name}-${pipeline.name}-${name}`,
        ServiceRole: { 'Fn::GetAtt': [ids.buildRole, 'Arn'] },
        Source: { Type: 'CODEPIPELINE', BuildSpec: buildspec },
        Artifacts: { Type: 'CODEPIPELINE' },
        Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: BUILD_IMAGE },
        TimeoutInMinutes: timeoutMinutes,
        LogsConfig: {
          CloudWatchLogs: { Status: 'ENABLED', GroupName: refTo(logGroupLogicalId(logGroup)), StreamName: stream },
          S3Logs: { Status: 'DISABLED' },
        },
      },
    },
  });
  const resources: FragmentResource[] = [
    artifactBucket(ids.bucket, origin),
    {
      logicalId: ids.bucketPolicy,
      origin,
      statementOrigins: { 'Properties.PolicyDocument.Statement.0': origin },
      resource: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: { Bucket: { Ref: ids.bucket }, PolicyDocument: { Version: '2012-10-17', Statement: [denyInsecureTransport(ids.bucket)] } },
      },
    },
    ...roles,
    project(ids.validate, 'validate', validateBuildspec(), 'validate'),
    project(ids.createChangeSets, 'create-change-sets', createChangeSetsBuildspec(), 'create-change-sets'),
    project(ids.executeChangeSets, 'execute-change-sets', executeChangeSetsBuildspec(executeTimeout), 'execute-change-sets', executeTimeout),
  ];
  if (needsApproval) {
    resources.push({
      logicalId: ids.topic,
      origin: [...origin, 'stages'],
      resource: {
        Type: 'AWS::SNS::Topic',
        Properties: { TopicName: `${platform.name}-${pipeline.name}-approvals`, KmsMasterKeyId: 'alias/aws/sns' },
      },
    });
    const notify = platform.spec.pipelines?.[pipeline.name]?.notify;
    if (notify !== undefined) {
      resources.push({
        logicalId: ids.notify,
        origin: [...origin, 'notify'],
        resource: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: ids.topic }, Protocol: 'email', Endpoint: notify } },
      });
    }
  }
  const stages = pipelineStages(platform, pipeline, source, {
    validateProject: { Ref: ids.validate },
    createChangeSetsProject: { Ref: ids.createChangeSets },
    executeChangeSetsProject: { Ref: ids.executeChangeSets },
    approvalTopic: { Ref: ids.topic },
    connectionArn: { Ref: ids.connection },
  });
  resources.push({
    logicalId: ids.pipeline,
    origin,
    resource: {
      Type: 'AWS::CodePipeline::Pipeline',
      Properties: {
        Name: `${platform.name}-${pipeline.name}`,
        PipelineType: 'V2',
        ExecutionMode: 'QUEUED',
        RoleArn: { 'Fn::GetAtt': [ids.pipelineRole, 'Arn'] },
        ArtifactStore: { Type: 'S3', Location: { Ref: ids.bucket } },
        RestartExecutionOnUpdate: false,
        Stages: [...stages],
      },
    },
  });
  return { resources, parameters };
}

function artifactBucket(logicalId: string, origin: SpecPath): FragmentResource {
  return {
    logicalId,
    origin,
    resource: {
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LifecycleConfiguration: {
          Rules: [
            {
              Id: 'expire-artifacts',
              Status: 'Enabled',
              ExpirationInDays: ARTIFACT_EXPIRY_DAYS,
              NoncurrentVersionExpiration: { NoncurrentDays: 1 },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            },
          ],
        },
      },
    },
  };
}
