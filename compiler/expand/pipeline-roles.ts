/**
 * The CodeBuild and CodePipeline roles of a pipeline, both bounded and scoped to the pipeline's own resources:
 * its artifact bucket, log group, source, projects and approval topic, and the deploy roles of its targets.
 */
import type { Json, JsonObject } from '../model/cfn.js';
import type { Environment, Pipeline, Platform } from '../model/platform.js';
import type { PipelineSourceSpec } from '../model/spec.js';
import type { FragmentResource } from './fragment.js';
import { codeBuildLogGroup } from './logging-names.js';
import { buildRoleName, deployRoleName, pipelineRoleName, roleArn, type PipelineIds } from './pipeline-names.js';
import { boundedRole, servicePrincipal, type Statement } from './shared/iam.js';
import { logGroupArns } from './shared/references.js';
import { sub } from './shared/refs.js';

export interface PipelineRolesOptions {
  readonly platform: Platform;
  readonly home: Environment;
  readonly pipeline: Pipeline;
  readonly source: PipelineSourceSpec;
  readonly ids: PipelineIds;
  /** Whether the pipeline has approval actions (the pipeline role publishes to the topic). */
  readonly needsApproval: boolean;
}

/** The build role and the pipeline role, in that order. */
export function pipelineRoles(options: PipelineRolesOptions): readonly FragmentResource[] {
  const { platform, home, pipeline, source, ids, needsApproval } = options;
  const origin = pipeline.origin;
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
    description: `CodeBuild role of pipeline ${pipeline.name}: validates and deploys through each environment's deploy role.`,
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
      resources: [projectArn(ids.validate), projectArn(ids.createChangeSets), projectArn(ids.executeChangeSets)],
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
  return [buildRole, pipelineRole];
}

function sourceAccount(): JsonObject {
  return { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } };
}
