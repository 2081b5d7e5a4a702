/**
 * A pipeline in its home environment: the artifact bucket (encrypted, private, TLS only), the approval topic,
 * the CodeBuild projects (validate, broadening check, deploy) logging to the pipeline's log group, the bounded
 * CodePipeline and CodeBuild roles scoped to these concrete resources, and the V2 pipeline itself.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Json, JsonObject } from '../model/cfn.js';
import type { Environment, Pipeline, Platform } from '../model/platform.js';
import type { PipelineSourceSpec } from '../model/spec.js';
import { broadeningBuildspec, deployBuildspec, validateBuildspec } from './buildspec.js';
import type { FragmentParameter, FragmentResource } from './fragment.js';
import { denyInsecureTransport } from './logging-archive.js';
import { codeBuildLogGroup, logGroupLogicalId } from './logging-names.js';
import { buildRoleName, deployRoleName, pipelineRoleName, roleArn } from './pipeline-names.js';
import { pipelineStages } from './pipeline-stages.js';
import { boundedRole, servicePrincipal, type Statement } from './shared/iam.js';
import { logicalName } from './shared/names.js';
import { logGroupArns } from './shared/references.js';
import { refTo, sub } from './shared/refs.js';

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
  const id = (suffix: string) => `Pipeline${logicalName(pipeline.name)}${suffix}`;
  const ids = {
    bucket: id('ArtifactBucket'), bucketPolicy: id('ArtifactBucketPolicy'), topic: id('ApprovalTopic'),
    notify: id('ApprovalSubscription'), buildRole: id('BuildRole'), pipelineRole: id('Role'), pipeline: id(''),
    validate: id('Validate'), broadening: id('BroadeningCheck'), deploy: id('Deploy'), connection: id('ConnectionArn'),
  };
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
  const needsBroadening = pipeline.stages.some((stage) => stage.approval === 'on-broadening');
  const logGroup = codeBuildLogGroup(pipeline.name);
  const projectArn = (logicalId: string): Json => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
  const bucketArn: Json = { 'Fn::GetAtt': [ids.bucket, 'Arn'] };
  const objectsArn = sub(`\${${ids.bucket}.Arn}/*`);
  const sourceStatements = (principal: 'pipeline' | 'build'): Statement[] =>
    'github' in source
      ? [{
          sid: 'UseConnection', effect: 'Allow', actions: ['codeconnections:UseConnection', 'codestar-connections:UseConnection'],
          resources: [{ Ref: ids.connection }], origin: [...origin, 'source'],
        }]
      : [{
          sid: 'ReadRepository', effect: 'Allow',
          actions: principal === 'pipeline'
            ? ['codecommit:CancelUploadArchive', 'codecommit:GetBranch', 'codecommit:GetCommit', 'codecommit:GetRepository',
               'codecommit:GetUploadArchiveStatus', 'codecommit:UploadArchive']
            : ['codecommit:GitPull'],
          resources: [sub(`arn:\${AWS::Partition}:codecommit:\${AWS::Region}:\${AWS::AccountId}:${source.codecommit}`)],
          origin: [...origin, 'source'],
        }];
  const targets = pipeline.stages.flatMap((stage) => platform.environments.filter((env) => env.name === stage.env));
  const buildRole = boundedRole({
    logicalId: ids.buildRole,
    env: home,
    roleName: buildRoleName(platform, home, pipeline),
    description: `CodeBuild role of pipeline ${pipeline.name}: validates, checks broadening and deploys through each environment's deploy role.`,
    origin,
    trust: [{ principal: { Service: servicePrincipal(home, 'codebuild') }, condition: sourceAccount(), origin }],
    statements: [
      { sid: 'WriteBuildLogs', effect: 'Allow', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: logGroupArns(platform, home, logGroup), origin },
      { sid: 'ReadWriteArtifacts', effect: 'Allow', actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], resources: [objectsArn], origin },
      ...sourceStatements('build'),
      {
        sid: 'AssumeDeployRoles',
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        resources: targets.map((env) => roleArn(env, deployRoleName(platform, env))),
        origin: [...origin, 'stages'],
      },
    ],
  });
  const pipelineStatements: Statement[] = [
    {
      sid: 'ReadWriteArtifacts', effect: 'Allow',
      actions: ['s3:GetBucketVersioning', 's3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
      resources: [bucketArn, objectsArn], origin,
    },
    {
      sid: 'RunBuilds', effect: 'Allow', actions: ['codebuild:BatchGetBuilds', 'codebuild:StartBuild'],
      resources: [projectArn(ids.validate), projectArn(ids.deploy), ...(needsBroadening ? [projectArn(ids.broadening)] : [])],
      origin,
    },
    ...sourceStatements('pipeline'),
  ];
  if (needsApproval) {
    pipelineStatements.push({ sid: 'NotifyApprovers', effect: 'Allow', actions: ['sns:Publish'], resources: [{ Ref: ids.topic }], origin: [...origin, 'stages'] });
  }
  const pipelineRole = boundedRole({
    logicalId: ids.pipelineRole,
    env: home,
    roleName: pipelineRoleName(platform, home, pipeline),
    description: `CodePipeline role of pipeline ${pipeline.name}.`,
    origin,
    trust: [{ principal: { Service: servicePrincipal(home, 'codepipeline') }, condition: sourceAccount(), origin }],
    statements: pipelineStatements,
  });
  const project = (logicalId: string, name: string, buildspec: string, stream: string): FragmentResource => ({
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
        TimeoutInMinutes: 60,
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
    buildRole,
    pipelineRole,
    project(ids.validate, 'validate', validateBuildspec(), 'validate'),
    project(ids.deploy, 'deploy', deployBuildspec(), 'deploy'),
  ];
  if (needsBroadening) resources.push(project(ids.broadening, 'broadening-check', broadeningBuildspec(), 'broadening-check'));
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
    deployProject: { Ref: ids.deploy },
    broadeningProject: { Ref: ids.broadening },
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

function sourceAccount(): JsonObject {
  return { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } };
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
