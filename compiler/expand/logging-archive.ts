/**
 * The central log archive of an environment: an S3 bucket that is encrypted, versioned, private, TLS-only and
 * ages objects through the storage classes the spec lists. Protected environments keep it when the stack goes.
 */
import type { CfnResource, Json, JsonObject } from '../model/cfn.js';
import type { Environment, Platform } from '../model/platform.js';
import type { LoggingSpec } from '../model/spec.js';
import type { FragmentResource } from './fragment.js';
import { archiveBucketName } from './logging-names.js';

/** Logical ids of the archive; spec references such as `bucket:archive` resolve to the bucket. */
export const ARCHIVE_BUCKET_ID = 'LogArchiveBucket';
export const ARCHIVE_BUCKET_POLICY_ID = 'LogArchiveBucketPolicy';

/** Noncurrent versions only arise from lifecycle expiry and deletes; they are kept this long, then removed. */
const NONCURRENT_VERSION_DAYS = 30;
const ABORT_MULTIPART_DAYS = 7;

type Archive = NonNullable<LoggingSpec['archive']>;

/** The archive bucket and its TLS-only policy. */
export function archiveResources(platform: Platform, env: Environment, archive: Archive): readonly FragmentResource[] {
  const retention = env.protect ? ({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' } as const)
    : ({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' } as const);
  const bucket: CfnResource = {
    Type: 'AWS::S3::Bucket',
    ...retention,
    Properties: {
      BucketName: archiveBucketName(platform, env),
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: { Rules: [lifecycleRule(archive)] },
    },
  };
  const policy: CfnResource = {
    Type: 'AWS::S3::BucketPolicy',
    Properties: {
      Bucket: { Ref: ARCHIVE_BUCKET_ID },
      PolicyDocument: { Version: '2012-10-17', Statement: [denyInsecureTransport(ARCHIVE_BUCKET_ID)] },
    },
  };
  return [
    { logicalId: ARCHIVE_BUCKET_ID, resource: bucket, origin: ['logging', 'archive'] },
    {
      logicalId: ARCHIVE_BUCKET_POLICY_ID,
      resource: policy,
      origin: ['logging', 'archive'],
      statementOrigins: { 'Properties.PolicyDocument.Statement.0': ['logging', 'archive'] },
    },
  ];
}

function lifecycleRule(archive: Archive): JsonObject {
  const rule: { [key: string]: Json } = {
    Id: 'archive',
    Status: 'Enabled',
    AbortIncompleteMultipartUpload: { DaysAfterInitiation: ABORT_MULTIPART_DAYS },
    NoncurrentVersionExpiration: { NoncurrentDays: NONCURRENT_VERSION_DAYS },
  };
  if (archive.transitions.length > 0) {
    rule['Transitions'] = archive.transitions.map((transition) => ({
      StorageClass: transition.storageClass,
      TransitionInDays: transition.days,
    }));
  }
  if (archive.expireDays !== undefined) rule['ExpirationInDays'] = archive.expireDays;
  return rule;
}

/** The statement every bucket policy of the platform starts with: no access without TLS. */
export function denyInsecureTransport(bucketLogicalId: string): JsonObject {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: ['s3:*'],
    Resource: [
      { 'Fn::GetAtt': [bucketLogicalId, 'Arn'] },
      { 'Fn::Sub': `\${${bucketLogicalId}.Arn}/*` },
    ],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}
