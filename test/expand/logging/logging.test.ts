import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandLogging } from '../../../compiler/expand/logging.js';
import type { PlatformSpec } from '../../../compiler/model/spec.js';
import { cfnLint, envOf, expectGolden, platformOf, rolesOf, templateOf } from './helpers.js';

const here = import.meta.dirname;

const spec: Partial<PlatformSpec> = {
  logging: {
    groups: ['system', { name: 'management', retentionDays: 90 }, { name: 'audit', retentionDays: 'never-expire' }],
    archive: {
      transitions: [{ days: 30, storageClass: 'STANDARD_IA' }, { days: 90, storageClass: 'GLACIER' }],
      expireDays: 2557,
    },
    alarms: [{ name: 'overlay-errors', group: 'system', pattern: '"ERROR"', threshold: 5, email: 'ops@example.com' }],
  },
  pipelines: {
    platform: {
      source: { github: 'example-org/platform', branch: 'main', connection: 'arn:aws:codeconnections:us-west-2:111122223333:connection/abc' },
      stages: ['dev', { env: 'prod', approval: 'on-broadening' }],
    },
  },
};

function expand(envName: string) {
  const platform = platformOf(spec);
  return templateOf(expandLogging({ platform, env: envOf(platform, envName) }), 'logging');
}

describe('logging expander', () => {
  it.each([
    ['unprotected', 'dev', 'us-west-2'],
    ['protected', 'prod', 'us-east-1'],
  ])('matches the golden template of a %s environment and cfn-lint reports nothing', (_label, envName, region) => {
    const template = expand(envName);
    expectGolden(join(here, `logging-${envName}.golden.json`), template);
    expect(cfnLint(template, region)).toEqual([]);
  });

  it('gives every log group the retention of its environment unless the group overrides it', () => {
    const groups = Object.values(expand('dev').Resources).filter((r) => r.Type === 'AWS::Logs::LogGroup');
    const retention = Object.fromEntries(groups.map((r) => [r.Properties?.['LogGroupName'], r.Properties?.['RetentionInDays']]));
    expect(retention).toEqual({
      '/cloudstack/dev/system': 14,
      '/cloudstack/dev/management': 90,
      '/cloudstack/dev/audit': undefined,
      '/cloudstack/dev/hosts': 14,
      '/cloudstack/dev/codebuild/platform': 14,
    });
  });

  it('creates the CodeBuild log group only in the pipeline home environment', () => {
    const names = Object.values(expand('prod').Resources).map((r) => r.Properties?.['LogGroupName']);
    expect(names).not.toContain('/cloudstack/prod/codebuild/platform');
  });

  it('keeps the archive bucket and log groups of protected environments', () => {
    const prod = expand('prod').Resources;
    const dev = expand('dev').Resources;
    expect(prod['LogArchiveBucket']).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(prod['LogGroupSystem']).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(dev['LogArchiveBucket']).toMatchObject({ DeletionPolicy: 'Delete' });
  });

  it('subscribes every log group at most twice', () => {
    const template = expand('dev');
    const counts = new Map<string, number>();
    for (const resource of Object.values(template.Resources)) {
      if (resource.Type !== 'AWS::Logs::SubscriptionFilter') continue;
      const group = JSON.stringify(resource.Properties?.['LogGroupName']);
      counts.set(group, (counts.get(group) ?? 0) + 1);
    }
    const groups = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Logs::LogGroup');
    expect(counts.size).toBe(groups.length);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
  });

  it('gives every role the environment boundary', () => {
    const roles = rolesOf(expand('prod'));
    expect(roles.length).toBe(2);
    for (const [, properties] of roles) {
      expect(properties['PermissionsBoundary']).toEqual({
        'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/cloudstack-prod-boundary',
      });
    }
  });

  it('records an origin for every resource and role statement', () => {
    const platform = platformOf(spec);
    const [fragment] = expandLogging({ platform, env: envOf(platform, 'dev') });
    for (const resource of fragment!.resources) {
      expect(resource.origin.length).toBeGreaterThan(0);
      if (resource.resource.Type === 'AWS::IAM::Role') expect(Object.keys(resource.statementOrigins ?? {}).length).toBe(2);
    }
  });

  it('is deterministic', () => {
    expect(JSON.stringify(expand('dev'))).toBe(JSON.stringify(expand('dev')));
  });

  it('without an archive creates only log groups', () => {
    const platform = platformOf({ logging: { groups: ['system'] } });
    const template = templateOf(expandLogging({ platform, env: envOf(platform, 'dev') }), 'logging');
    expect(new Set(Object.values(template.Resources).map((r) => r.Type))).toEqual(new Set(['AWS::Logs::LogGroup']));
  });
});
