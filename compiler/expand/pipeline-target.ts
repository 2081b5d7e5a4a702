/**
 * What a pipeline needs in every environment it deploys to, created in that environment's pipeline stack: the
 * deploy role the pipeline's builds assume (trusting only those build roles, by ARN, from the pipeline's home
 * account), the CloudFormation execution role it passes to change sets, and a bucket for templates too large
 * to send inline. All roles carry the environment's boundary, so a deploy can never create an unbounded role.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Environment, Pipeline, Platform } from '../model/platform.js';
import { routedEnvironments } from '../model/routing-targets.js';
import type { FragmentResource } from './fragment.js';
import { denyInsecureTransport } from './logging-archive.js';
import { buildRoleName, deployRoleName, executionRoleName, roleArn, templateBucketName } from './pipeline-names.js';
import { boundedRole, servicePrincipal, type Statement } from './shared/iam.js';
import { sub } from './shared/refs.js';

/** Logical ids of what every target environment gets. */
export const DEPLOY_ROLE_ID = 'DeployRole';
export const EXECUTION_ROLE_ID = 'CloudFormationExecutionRole';
export const TEMPLATE_BUCKET_ID = 'DeployTemplateBucket';
const TEMPLATE_BUCKET_POLICY_ID = 'DeployTemplateBucketPolicy';
const TEMPLATE_EXPIRY_DAYS = 30;

/** Services whose resources the platform's stacks create; CloudFormation acts on them as the execution role. */
const STACK_SERVICES = [
  'cloudwatch', 'ec2', 'firehose', 'kms', 'logs', 'route53', 's3', 'sns', 'ssm', 'codebuild', 'codepipeline',
] as const;

interface Deployer {
  readonly pipeline: Pipeline;
  readonly home: Environment;
  readonly origin: SpecPath;
}

/** The pipelines deploying to `env`, with the stage that names it; empty when no pipeline does. */
export function deployersOf(platform: Platform, env: Environment): readonly Deployer[] {
  return platform.pipelines.flatMap((pipeline) => {
    const stage = pipeline.stages.find((each) => each.env === env.name);
    const home = platform.environments.find((each) => each.name === pipeline.home);
    return stage === undefined || home === undefined ? [] : [{ pipeline, home, origin: stage.origin }];
  });
}

/** Deploy role, execution role and template bucket of one target environment. */
export function targetResources(platform: Platform, env: Environment, deployers: readonly Deployer[]): readonly FragmentResource[] {
  const origin = deployers[0]!.origin;
  const stackArn = sub(`arn:\${AWS::Partition}:cloudformation:\${AWS::Region}:\${AWS::AccountId}:stack/${platform.name}-${env.name}-*/*`);
  const executionArn = sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${executionRoleName(platform, env)}`);
  const bucketArn = sub(`arn:\${AWS::Partition}:s3:::${templateBucketName(platform, env)}`);
  const objectsArn = sub(`arn:\${AWS::Partition}:s3:::${templateBucketName(platform, env)}/*`);
  const homeAccounts = [...new Set(deployers.map((deployer) => deployer.home.account))].sort();
  const buildRoles = [...new Set(deployers.map((d) => roleArn(d.home, buildRoleName(platform, d.home, d.pipeline))))].sort();
  const deployRole = boundedRole({
    logicalId: DEPLOY_ROLE_ID,
    env,
    roleName: deployRoleName(platform, env),
    description: `Assumed by the builds of the pipelines that deploy ${env.name}; creates and executes its change sets.`,
    origin,
    trust: [
      {
        principal: { AWS: homeAccounts.map((account) => `arn:${env.partition}:iam::${account}:root`) },
        condition: { ArnEquals: { 'aws:PrincipalArn': buildRoles } },
        origin,
      },
    ],
    statements: [
      ...readRoutedOutputs(platform, env),
      {
        sid: 'ChangeSetsOfThisEnvironment',
        effect: 'Allow',
        actions: [
          'cloudformation:ContinueUpdateRollback', 'cloudformation:CreateChangeSet', 'cloudformation:DeleteChangeSet',
          'cloudformation:DeleteStack', 'cloudformation:DescribeChangeSet', 'cloudformation:DescribeStackEvents',
          'cloudformation:DescribeStackResources', 'cloudformation:DescribeStacks', 'cloudformation:ExecuteChangeSet',
          'cloudformation:GetTemplate', 'cloudformation:ListChangeSets', 'cloudformation:UpdateTerminationProtection',
        ],
        resources: [stackArn],
        origin,
      },
      // ListStacks has no resource scope; deploy lists this environment's stacks by name to find the ones
      // generated/ no longer holds, then reads each through the scoped statement above.
      { sid: 'FindLeftOverStacks', effect: 'Allow', actions: ['cloudformation:ListStacks'], resources: ['*'], origin },
      {
        sid: 'PassExecutionRoleToCloudFormation',
        effect: 'Allow',
        actions: ['iam:PassRole'],
        resources: [executionArn],
        condition: { StringEquals: { 'iam:PassedToService': servicePrincipal(env, 'cloudformation') } },
        origin,
      },
      {
        sid: 'StageTemplates',
        effect: 'Allow',
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [objectsArn],
        origin,
      },
      { sid: 'LocateTemplateBucket', effect: 'Allow', actions: ['s3:GetBucketLocation', 's3:ListBucket'], resources: [bucketArn], origin },
      ...readImageParameter(platform),
      {
        sid: 'ValidatePoliciesBeforeDeploy',
        effect: 'Allow',
        actions: ['access-analyzer:CheckAccessNotGranted', 'access-analyzer:CheckNoNewAccess', 'access-analyzer:ValidatePolicy'],
        resources: ['*'],
        origin,
      },
    ],
  });
  const executionRole = boundedRole({
    logicalId: EXECUTION_ROLE_ID,
    env,
    roleName: executionRoleName(platform, env),
    description: `CloudFormation acts as this role for the stacks of ${env.name}; the boundary limits what they may create.`,
    origin,
    trust: [
      {
        principal: { Service: servicePrincipal(env, 'cloudformation') },
        condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        origin,
      },
    ],
    statements: [
      {
        sid: 'PlatformServices',
        effect: 'Allow',
        actions: STACK_SERVICES.map((service) => `${service}:*`),
        resources: ['*'],
        origin,
      },
      {
        sid: 'PipelineSources',
        effect: 'Allow',
        actions: [
          'codeconnections:PassConnection', 'codeconnections:UseConnection',
          'codestar-connections:PassConnection', 'codestar-connections:UseConnection',
        ],
        resources: ['*'],
        origin,
      },
      {
        sid: 'ServiceLinkedRoles',
        effect: 'Allow',
        actions: ['iam:CreateServiceLinkedRole'],
        resources: [sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/*')],
        origin,
      },
      {
        sid: 'PlatformIdentities',
        effect: 'Allow',
        actions: ['iam:*'],
        resources: [
          sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${platform.name}-${env.name}-*`),
          sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/${platform.name}-${env.name}-*`),
          sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:instance-profile/${platform.name}-${env.name}-*`),
        ],
        origin,
      },
    ],
  });
  const bucket: FragmentResource = {
    logicalId: TEMPLATE_BUCKET_ID,
    origin,
    resource: {
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      Properties: {
        BucketName: templateBucketName(platform, env),
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LifecycleConfiguration: {
          Rules: [
            {
              Id: 'expire-staged-templates',
              Status: 'Enabled',
              ExpirationInDays: TEMPLATE_EXPIRY_DAYS,
              NoncurrentVersionExpiration: { NoncurrentDays: 1 },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            },
          ],
        },
      },
    },
  };
  const policy: FragmentResource = {
    logicalId: TEMPLATE_BUCKET_POLICY_ID,
    origin,
    statementOrigins: { 'Properties.PolicyDocument.Statement.0': origin },
    resource: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: TEMPLATE_BUCKET_ID },
        PolicyDocument: { Version: '2012-10-17', Statement: [denyInsecureTransport(TEMPLATE_BUCKET_ID)] },
      },
    },
  };
  return [deployRole, executionRole, bucket, policy];
}

/**
 * The routing home's dns stack takes other environments' router addresses from their hosts stacks' outputs at
 * deploy time; its deploy role may read those stacks when they are in its own account (any region). Those in other
 * accounts are read as their own deploy roles, which the pipeline's build assumes (OUTPUT_ROLES, see buildspec.ts).
 */
function readRoutedOutputs(platform: Platform, env: Environment): Statement[] {
  const sameAccount = routedEnvironments(platform.spec.routing, env.name)
    .map((name) => platform.environments.find((each) => each.name === name))
    .filter((other): other is Environment => other !== undefined && other.account === env.account);
  if (sameAccount.length === 0) return [];
  return [
    {
      sid: 'ReadRoutedHostsOutputs',
      effect: 'Allow',
      actions: ['cloudformation:DescribeStacks'],
      resources: sameAccount.map((other) =>
        sub(`arn:\${AWS::Partition}:cloudformation:${other.region}:\${AWS::AccountId}:stack/${platform.name}-${other.name}-hosts/*`),
      ),
      origin: ['routing', 'records'],
    },
  ];
}

/**
 * CloudFormation resolves `AWS::SSM::Parameter::Value` parameters with the caller's rights: the image path, in the
 * environment's own account, or for AWS's public parameters (`/aws/service/...`) in no account at all, as their
 * ARNs have it; never in any account.
 */
function readImageParameter(platform: Platform): Statement[] {
  const image = platform.spec.hosts.image;
  if (!('ssmParameter' in image)) return [];
  const path = image.ssmParameter.startsWith('/') ? image.ssmParameter : `/${image.ssmParameter}`;
  const account = path.startsWith('/aws/service/') ? '' : '\${AWS::AccountId}';
  return [
    {
      sid: 'ResolveImageParameter',
      effect: 'Allow',
      actions: ['ssm:GetParameters'],
      resources: [sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:${account}:parameter${path}`)],
      origin: ['hosts', 'image', 'ssmParameter'],
    },
  ];
}
