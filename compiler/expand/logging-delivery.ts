/**
 * Shipping log groups to the archive: each log group has one subscription filter into its own Firehose
 * delivery stream, which decompresses the CloudWatch Logs envelope, extracts the messages and writes them
 * gzip-compressed under `logs/<group>/` in the archive bucket. Two bounded roles make it work: Firehose's role
 * may write only to the archive bucket, CloudWatch Logs' role may put records only into these streams.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { CfnResource } from '../model/cfn.js';
import type { Environment, Platform } from '../model/platform.js';
import type { FragmentResource } from './fragment.js';
import { ARCHIVE_BUCKET_ID } from './logging-archive.js';
import type { PlannedLogGroup } from './logging-groups.js';
import { logGroupLogicalId } from './logging-names.js';
import { boundedRole, servicePrincipal } from './shared/iam.js';
import { logicalName, roleName } from './shared/names.js';
import { sub } from './shared/refs.js';

/** Logical ids of Firehose's role and CloudWatch Logs' role. */
export const DELIVERY_ROLE_ID = 'LogArchiveDeliveryRole';
export const SUBSCRIPTION_ROLE_ID = 'LogArchiveSubscriptionRole';

/** Subscription filters CloudWatch Logs allows on one log group; we use one and leave one to the operator. */
export const MAX_SUBSCRIPTIONS_PER_GROUP = 2;

const ARCHIVE_ORIGIN: SpecPath = ['logging', 'archive'];

/** One delivery stream per group, so each group lands under its own prefix without dynamic partitioning. */
export function deliveryStreamLogicalId(group: string): string {
  return `LogArchiveStream${logicalName(group)}`;
}

/** The single subscription filter of a group (the second one CloudWatch Logs allows stays free). */
export function subscriptionLogicalId(group: string): string {
  return `LogArchiveSubscription${logicalName(group)}`;
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
  return [...streams, ...subscriptions, deliveryRole(platform, env), subscriptionRole(platform, env, groups)];
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

/** Firehose's role: write objects into the archive bucket, nothing else. */
function deliveryRole(platform: Platform, env: Environment): FragmentResource {
  return boundedRole({
    logicalId: DELIVERY_ROLE_ID,
    env,
    roleName: roleName(platform, env, 'log-delivery'),
    description: 'Lets Firehose write shipped log groups into the log archive bucket.',
    origin: ARCHIVE_ORIGIN,
    trust: [
      {
        principal: { Service: servicePrincipal(env, 'firehose') },
        condition: { StringEquals: { 'sts:ExternalId': { Ref: 'AWS::AccountId' } } },
        origin: ARCHIVE_ORIGIN,
      },
    ],
    statements: [
      {
        sid: 'WriteArchive',
        effect: 'Allow',
        actions: [
          's3:AbortMultipartUpload',
          's3:GetBucketLocation',
          's3:GetObject',
          's3:ListBucket',
          's3:ListBucketMultipartUploads',
          's3:PutObject',
        ],
        resources: [{ 'Fn::GetAtt': [ARCHIVE_BUCKET_ID, 'Arn'] }, sub(`\${${ARCHIVE_BUCKET_ID}.Arn}/*`)],
        origin: ARCHIVE_ORIGIN,
      },
    ],
  });
}

/** CloudWatch Logs' role: put records into this environment's archive streams, on behalf of its log groups. */
function subscriptionRole(platform: Platform, env: Environment, groups: readonly PlannedLogGroup[]): FragmentResource {
  return boundedRole({
    logicalId: SUBSCRIPTION_ROLE_ID,
    env,
    roleName: roleName(platform, env, 'log-subscription'),
    description: 'Lets CloudWatch Logs put subscribed log events into the archive delivery streams.',
    origin: ARCHIVE_ORIGIN,
    trust: [
      {
        principal: { Service: servicePrincipal(env, `logs.${env.region}`) },
        condition: { StringLike: { 'aws:SourceArn': sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*') } },
        origin: ARCHIVE_ORIGIN,
      },
    ],
    statements: [
      {
        sid: 'PutIntoArchiveStreams',
        effect: 'Allow',
        actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
        resources: groups.map((planned) => ({ 'Fn::GetAtt': [deliveryStreamLogicalId(planned.group), 'Arn'] })),
        origin: ARCHIVE_ORIGIN,
      },
    ],
  });
}
