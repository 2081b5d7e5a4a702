/**
 * Alarms on log patterns: a metric filter per alarm counts matching events, a CloudWatch alarm fires on the
 * threshold and notifies an encrypted SNS topic. CloudWatch cannot publish to a topic encrypted with the AWS
 * managed SNS key, so the topic has its own customer managed key whose policy lets CloudWatch use it.
 */
import type { Environment, Platform } from '../model/platform.js';
import type { LogAlarmSpec } from '../model/spec.js';
import type { FragmentOutput, FragmentResource } from './fragment.js';
import { logGroupLogicalId } from './logging-names.js';
import { logicalName } from './shared/names.js';

/** Logical ids of the alarm topic and of the key that encrypts it. */
export const ALARM_TOPIC_ID = 'LogAlarmTopic';
export const ALARM_KEY_ID = 'LogAlarmTopicKey';
const DEFAULT_PERIOD_SECONDS = 300;

/** Metric filters, alarms, the topic, its key and one email subscription per distinct address. */
export function alarmResources(
  platform: Platform,
  env: Environment,
  alarms: readonly LogAlarmSpec[],
): { readonly resources: readonly FragmentResource[]; readonly outputs: readonly FragmentOutput[] } {
  if (alarms.length === 0) return { resources: [], outputs: [] };
  const namespace = `${platform.name}/${env.name}`;
  const perAlarm = alarms.flatMap((alarm, index): FragmentResource[] => {
    const origin = ['logging', 'alarms', index];
    const metricName = logicalName(alarm.name);
    return [
      {
        logicalId: `LogMetricFilter${metricName}`,
        origin,
        resource: {
          Type: 'AWS::Logs::MetricFilter',
          Properties: {
            LogGroupName: { Ref: logGroupLogicalId(alarm.group) },
            FilterPattern: alarm.pattern,
            MetricTransformations: [
              { MetricNamespace: namespace, MetricName: metricName, MetricValue: '1', DefaultValue: 0 },
            ],
          },
        },
      },
      {
        logicalId: `LogAlarm${metricName}`,
        origin,
        resource: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            AlarmName: `${platform.name}-${env.name}-${alarm.name}`,
            AlarmDescription: `Log pattern ${JSON.stringify(alarm.pattern)} in ${alarm.group} reached ${alarm.threshold}.`,
            Namespace: namespace,
            MetricName: metricName,
            Statistic: 'Sum',
            Period: alarm.periodSeconds ?? DEFAULT_PERIOD_SECONDS,
            EvaluationPeriods: 1,
            Threshold: alarm.threshold,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            TreatMissingData: 'notBreaching',
            AlarmActions: [{ Ref: ALARM_TOPIC_ID }],
          },
        },
      },
    ];
  });
  const emails = [...new Set(alarms.flatMap((alarm) => (alarm.email === undefined ? [] : [alarm.email])))].sort();
  const subscriptions = emails.map((email): FragmentResource => {
    const index = alarms.findIndex((alarm) => alarm.email === email);
    return {
      logicalId: `LogAlarmSubscription${logicalName(email)}`,
      origin: ['logging', 'alarms', index, 'email'],
      resource: {
        Type: 'AWS::SNS::Subscription',
        Properties: { TopicArn: { Ref: ALARM_TOPIC_ID }, Protocol: 'email', Endpoint: email },
      },
    };
  });
  const origin = ['logging', 'alarms'];
  const topic: FragmentResource = {
    logicalId: ALARM_TOPIC_ID,
    origin,
    resource: {
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: `${platform.name}-${env.name}-log-alarms`, KmsMasterKeyId: { Ref: ALARM_KEY_ID } },
    },
  };
  const key: FragmentResource = {
    logicalId: ALARM_KEY_ID,
    origin,
    statementOrigins: { 'Properties.KeyPolicy.Statement.0': origin, 'Properties.KeyPolicy.Statement.1': origin },
    resource: {
      Type: 'AWS::KMS::Key',
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      Properties: {
        Description: 'Encrypts the log alarm topic; CloudWatch may use it to publish alarms.',
        EnableKeyRotation: true,
        KeyPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AccountAdministers',
              Effect: 'Allow',
              Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
              Action: 'kms:*',
              Resource: '*',
            },
            {
              Sid: 'CloudWatchPublishes',
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
              Resource: '*',
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            },
          ],
        },
      },
    },
  };
  return {
    resources: [key, topic, ...perAlarm, ...subscriptions],
    outputs: [{ name: 'LogAlarmTopicArn', value: { Ref: ALARM_TOPIC_ID }, description: 'Topic notified by log alarms.' }],
  };
}
