/**
 * Shipping log groups to the archive: each log group has one subscription filter into its own Firehose
 * delivery stream, which decompresses the CloudWatch Logs envelope, extracts the messages and writes them
 * gzip-compressed under `logs/<group>/` in the archive bucket. Two bounded roles make it work: Firehose's role
 * may write only to the archive bucket, CloudWatch Logs' role may put records only into these streams.
 */
import type { CfnResource, JsonObject } from '../model/cfn.js';
import type { Environment, Platform } from '../model/platform.js';
import type { FragmentResource } from './fragment.js';
import { ARCHIVE_BUCKET_ID } from './logging-archive.js';
import type { PlannedLogGroup } from './logging-groups.js';
import { logGroupLogicalId, pascalCase } from './logging-names.js';
import { boundedRole, roleStatementOrigins, servicePrincipal, type BoundedRoleOptions } from './logging-role.js';

export const DELIVERY_ROLE_ID = 'LogArchiveDeliveryRole';
export const SUBSCRIPTION_ROLE_ID = 'LogArchiveSubscriptionRole';

/** Subscription filters CloudWatch Logs allows on one log group; we use one and leave one to the operator. */
export const MAX_SUBSCRIPTIONS_PER_GROUP = 2;

export function deliveryStreamLogicalId(group: string): string {
  return `LogArchiveStream${pascalCase(group)}`;
}

export function subscriptionLogicalId(group: string): string {
  return `LogArchiveSubscription${pascalCase(group)}`;
}

/** Streams, subscriptions and the two roles that connect the log groups to the archive bucket. */
export function deliveryResources(
  platform: Platform,
  env: Environment,
  groups: readonly PlannedLogGroup[],
): readonly FragmentResource[] {
  const streams = groups.map((planned): FragmentResource => ({
    logicalId: deliveryStreamLogicalId(planned.group),
    resource: deliveryStream(planned.group),
    origin: planned.origin,
  }));
  const subscriptions = groups.map((planned): FragmentResource => ({
    logicalId: subscriptionLogicalId(planned.group),
    resource: {
      Type: 'AWS::Logs::SubscriptionFilter',
      Properties: {
        LogGroupName: { Ref: logGroupLogicalId(planned.group) },
        FilterPattern: '',
        DestinationArn: { 'Fn::GetAtt': [deliveryStreamLogicalId(planned.group), 'Arn'] },
        RoleArn: { 'Fn::GetAtt': [SUBSCRIPTION_ROLE_ID, 'Arn'] },
      },
    },
    origin: planned.origin,
  }));
  const delivery = deliveryRoleOptions(platform, env);
  const subscription = subscriptionRoleOptions(platform, env, groups);
  return [
    ...streams,
    ...subscriptions,
    roleResource(DELIVERY_ROLE_ID, delivery),
    roleResource(SUBSCRIPTION_ROLE_ID, subscription),
  ];
}

function roleResource(logicalId: string, options: BoundedRoleOptions): FragmentResource {
  const origin = ['logging', 'archive'];
  return { logicalId, resource: boundedRole(options), origin, statementOrigins: roleStatementOrigins(options, origin) };
}

function deliveryStream(group: string): CfnResource {
  return {
    Type: 'AWS::KinesisFirehose::DeliveryStream',
    Properties: {
      DeliveryStreamType: 'DirectPut',
      DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' },
      ExtendedS3DestinationConfiguration: {
        BucketARN: { 'Fn::GetAtt': [ARCHIVE_BUCKET_ID, 'Arn'] },
        RoleARN: { 'Fn::GetAtt': [DELIVERY_ROLE_ID, 'Arn'] },
        Prefix: `logs/${group}/!{timestamp:yyyy/MM/dd}/`,
        ErrorOutputPrefix: `errors/${group}/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/`,
        CompressionFormat: 'GZIP',
        BufferingHints: { IntervalInSeconds: 300, SizeInMBs: 5 },
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [
            { Type: 'Decompression', Parameters: [{ ParameterName: 'CompressionFormat', ParameterValue: 'GZIP' }] },
            {
              Type: 'CloudWatchLogProcessing',
              Parameters: [{ ParameterName: 'DataMessageExtraction', ParameterValue: 'true' }],
            },
          ],
        },
      },
    },
  };
}

function deliveryRoleOptions(platform: Platform, env: Environment): BoundedRoleOptions {
  return {
    env,
    roleName: `${platform.name}-${env.name}-log-delivery`,
    description: 'Lets Firehose write shipped log groups into the log archive bucket.',
    trust: [
      {
        Effect: 'Allow',
        Principal: { Service: servicePrincipal(env, 'firehose') },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'AWS::AccountId' } } },
      },
    ],
    statements: [
      {
        Sid: 'WriteArchive',
        Effect: 'Allow',
        Action: [
          's3:AbortMultipartUpload',
          's3:GetBucketLocation',
          's3:GetObject',
          's3:ListBucket',
          's3:ListBucketMultipartUploads',
          's3:PutObject',
        ],
        Resource: [
          { 'Fn::GetAtt': [ARCHIVE_BUCKET_ID, 'Arn'] },
          { 'Fn::Sub': `\${${ARCHIVE_BUCKET_ID}.Arn}/*` },
        ],
      },
    ],
  };
}

function subscriptionRoleOptions(
  platform: Platform,
  env: Environment,
  groups: readonly PlannedLogGroup[],
): BoundedRoleOptions {
  const sourceArn: JsonObject = { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*' };
  return {
    env,
    roleName: `${platform.name}-${env.name}-log-subscription`,
    description: 'Lets CloudWatch Logs put subscribed log events into the archive delivery streams.',
    trust: [
      {
        Effect: 'Allow',
        Principal: { Service: servicePrincipal(env, `logs.${env.region}`) },
        Action: 'sts:AssumeRole',
        Condition: { StringLike: { 'aws:SourceArn': sourceArn } },
      },
    ],
    statements: [
      {
        Sid: 'PutIntoArchiveStreams',
        Effect: 'Allow',
        Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
        Resource: groups.map((planned) => ({ 'Fn::GetAtt': [deliveryStreamLogicalId(planned.group), 'Arn'] })),
      },
    ],
  };
}
