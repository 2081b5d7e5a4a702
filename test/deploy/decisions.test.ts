/**
 * The small decisions deploy makes, as tables: which statuses allow what, when a deployed stack counts as
 * identical, which failure is the root cause, which resources the stack policy protects, and that every
 * DEPLOY code is documented exactly once.
 */
import { describe, expect, it } from 'vitest';
import { DEPLOY_CODES } from '../../compiler/deploy/codes.js';
import { compareStack } from '../../compiler/deploy/compare.js';
import { findRootCause } from '../../compiler/deploy/root-cause.js';
import { classifyStatus, operationOutcome } from '../../compiler/deploy/stack-status.js';
import { stackPolicy } from '../../compiler/deploy/protect.js';
import type { DeployedStack } from '../../compiler/deploy/aws-api.js';
import type { StackPlan } from '../../compiler/deploy/load-plan.js';

describe('classifyStatus', () => {
  it.each([
    ['CREATE_COMPLETE', 'updatable'],
    ['UPDATE_COMPLETE', 'updatable'],
    ['UPDATE_ROLLBACK_COMPLETE', 'updatable'],
    ['UPDATE_FAILED', 'updatable'],
    ['ROLLBACK_COMPLETE', 'failed-create'],
    ['REVIEW_IN_PROGRESS', 'failed-create'],
    ['UPDATE_ROLLBACK_FAILED', 'rollback-failed'],
    ['CREATE_IN_PROGRESS', 'in-progress'],
    ['UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'in-progress'],
    ['DELETE_IN_PROGRESS', 'in-progress'],
    ['DELETE_FAILED', 'blocked'],
    ['ROLLBACK_FAILED', 'blocked'],
  ])('%s is %s', (status, expected) => {
    expect(classifyStatus(status)).toBe(expected);
  });

  it.each([
    ['CREATE_COMPLETE', 'succeeded'],
    ['UPDATE_COMPLETE', 'succeeded'],
    ['UPDATE_ROLLBACK_COMPLETE', 'failed'],
    ['ROLLBACK_COMPLETE', 'failed'],
    ['UPDATE_ROLLBACK_IN_PROGRESS', 'running'],
  ])('after executing, %s means %s', (status, expected) => {
    expect(operationOutcome(status)).toBe(expected);
  });
});

describe('compareStack', () => {
  const template = { AWSTemplateFormatVersion: '2010-09-09', Parameters: { Size: { Type: 'String', Default: 'small' } }, Resources: { A: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 't' } } } };
  const stack = (over: Partial<DeployedStack> = {}): DeployedStack => ({
    stackId: 'id',
    stackName: 's',
    status: 'CREATE_COMPLETE',
    parameters: [{ key: 'Size', value: 'small' }],
    tags: { env: 'dev' },
    outputs: [],
    terminationProtection: false,
    ...over,
  });
  const base = { templateBody: JSON.stringify(template, null, 2), parameters: [], tags: { env: 'dev' } };

  it.each([
    ['identical, keys reordered and compact', stack(), JSON.stringify({ Resources: template.Resources, Parameters: template.Parameters, AWSTemplateFormatVersion: '2010-09-09' }), []],
    ['a property differs', stack(), JSON.stringify({ ...template, Resources: { A: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'u' } } } }), ['template']],
    ['a parameter differs from its default', stack({ parameters: [{ key: 'Size', value: 'large' }] }), JSON.stringify(template), ['parameters']],
    ['a tag differs', stack({ tags: { env: 'prod' } }), JSON.stringify(template), ['tags']],
    ['the deployed template is YAML', stack(), 'Resources: {}', ['template']],
  ])('%s', (_name, deployed, deployedTemplate, differences) => {
    expect(compareStack({ ...base, deployed, deployedTemplate }).differences).toEqual(differences);
  });
});

describe('findRootCause', () => {
  const at = (s: number): Date => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
  it('picks the earliest failed resource and skips cancellations', () => {
    const cause = findRootCause(
      [
        { eventId: '3', timestamp: at(3), logicalId: 'B', resourceType: 'AWS::S3::Bucket', status: 'CREATE_FAILED', reason: 'Resource creation cancelled' },
        { eventId: '2', timestamp: at(2), logicalId: 'A', resourceType: 'AWS::EC2::Subnet', status: 'CREATE_FAILED', reason: 'CIDR overlaps' },
        { eventId: '1', timestamp: at(1), logicalId: 's', resourceType: 'AWS::CloudFormation::Stack', status: 'CREATE_FAILED', reason: 'x' },
      ],
      { A: 'specs/x.platform.yaml:4:3' },
    );
    expect(cause).toEqual({ logicalId: 'A', resourceType: 'AWS::EC2::Subnet', status: 'CREATE_FAILED', reason: 'CIDR overlaps', location: 'specs/x.platform.yaml:4:3' });
  });
});

describe('stackPolicy', () => {
  it('denies replacing and deleting only stateful resources', () => {
    const plan = {
      resourceTypes: { Logs: 'AWS::Logs::LogGroup', Zone: 'AWS::Route53::HostedZone', Archive: 'AWS::S3::Bucket', Disk: 'AWS::EC2::Volume', Role: 'AWS::IAM::Role', Hypervisor1: 'AWS::EC2::Instance', Sg: 'AWS::EC2::SecurityGroup' },
    } as unknown as StackPlan;
    expect(stackPolicy(plan)).toEqual({
      Statement: [
        { Effect: 'Allow', Action: 'Update:*', Principal: '*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: ['Update:Replace', 'Update:Delete'],
          Principal: '*',
          Resource: ['LogicalResourceId/Archive', 'LogicalResourceId/Disk', 'LogicalResourceId/Hypervisor1', 'LogicalResourceId/Logs', 'LogicalResourceId/Zone'],
        },
      ],
    });
  });
});

describe('DEPLOY codes', () => {
  it('are unique, in order, and documented', () => {
    const codes = DEPLOY_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    for (const c of DEPLOY_CODES) expect(c.title && c.why && c.example && c.fix).toBeTruthy();
  });
});
