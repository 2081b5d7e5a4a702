/**
 * The logging stack of an environment: a log group per declared group, for the hosts and for each CodeBuild
 * project homed here, all with the environment's retention (never-expire only when the spec says so); the
 * archive bucket with Firehose delivery from every group when the spec declares an archive; and alarms on log
 * patterns.
 */
import type { CfnResource } from '../model/cfn.js';
import type { Environment, Platform } from '../model/platform.js';
import type { ExpandContext, Expander, Fragment, FragmentOutput, FragmentResource } from './fragment.js';
import { alarmResources } from './logging-alarms.js';
import { ARCHIVE_BUCKET_ID, archiveResources } from './logging-archive.js';
import { deliveryResources } from './logging-delivery.js';
import { plannedLogGroups, type PlannedLogGroup } from './logging-groups.js';
import { logGroupLogicalId, logGroupName } from './logging-names.js';

/** Expands the logging stack of one environment. */
export const expandLogging: Expander = (context: ExpandContext): readonly Fragment[] => {
  const { platform, env } = context;
  const groups = plannedLogGroups(context);
  const resources: FragmentResource[] = groups.map((planned) => ({
    logicalId: logGroupLogicalId(planned.group),
    resource: logGroup(platform, env, planned),
    origin: planned.origin,
  }));
  const outputs: FragmentOutput[] = [];
  const archive = platform.spec.logging?.archive;
  if (archive !== undefined) {
    resources.push(...archiveResources(platform, env, archive), ...deliveryResources(platform, env, groups));
    outputs.push(
      { name: 'LogArchiveBucketName', value: { Ref: ARCHIVE_BUCKET_ID }, description: 'The log archive bucket.' },
      {
        name: 'LogArchiveBucketArn',
        value: { 'Fn::GetAtt': [ARCHIVE_BUCKET_ID, 'Arn'] },
        description: 'The log archive bucket ARN.',
      },
    );
  }
  const alarms = alarmResources(platform, env, platform.spec.logging?.alarms ?? []);
  resources.push(...alarms.resources);
  outputs.push(...alarms.outputs);
  return [{ stack: 'logging', resources, outputs }];
};

function logGroup(platform: Platform, env: Environment, planned: PlannedLogGroup): CfnResource {
  const properties = { LogGroupName: logGroupName(platform.name, env.name, planned.group) };
  const keep = env.protect ? ({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' } as const)
    : ({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' } as const);
  return {
    Type: 'AWS::Logs::LogGroup',
    ...keep,
    Properties: planned.retention === 'never-expire' ? properties : { ...properties, RetentionInDays: planned.retention },
  };
}
