import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveIntrinsics, type ResolveContext } from '../../compiler/access-analyzer/resolve-intrinsics.js';
import type { AssembledStack } from '../../compiler/assemble/stack.js';
import type { Json } from '../../compiler/model/cfn.js';
import { stack } from './support/builders.js';

const iam = stack({
  resources: {
    HostRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: { 'Fn::Sub': '${AWS::StackName}-host' } } },
    Boundary: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'demo-dev-boundary' } },
    Alerts: { Type: 'AWS::SNS::Topic', Properties: {} },
    Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'work' } },
    Thing: { Type: 'AWS::Widget::Gadget', Properties: {} },
    Stream: { Type: 'AWS::KinesisFirehose::DeliveryStream', Properties: {} },
  },
});
const producer: AssembledStack = {
  ...stack({ name: 'logging', resources: { Archive: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'demo-dev-archive' } } } }),
};
const withOutputs: AssembledStack = {
  ...producer,
  template: { ...producer.template, Outputs: { ArchiveArn: { Value: { 'Fn::GetAtt': ['Archive', 'Arn'] }, Export: { Name: 'demo-dev-logging-Archive-Arn' } } } },
};
const consumer: AssembledStack = { ...iam, parameters: [{ name: 'ImageId', definition: { Type: 'String' }, value: 'ami-0123', origin: [] }] };

const context: ResolveContext = {
  partition: 'aws-us-gov', region: 'us-gov-west-1', account: '111122223333', urlSuffix: 'amazonaws.com',
  stack: consumer, environmentStacks: [consumer, withOutputs],
};

const CASES: readonly [string, Json, Json][] = [
  ['pseudo parameters in Fn::Sub', { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*' }, 'arn:aws-us-gov:logs:us-gov-west-1:111122223333:*'],
  ['Ref of a pseudo parameter', { Ref: 'AWS::URLSuffix' }, 'amazonaws.com'],
  ['GetAtt Arn of a role, its name from Fn::Sub', { 'Fn::GetAtt': ['HostRole', 'Arn'] }, 'arn:aws-us-gov:iam::111122223333:role/demo-dev-iam-host'],
  ['GetAtt in dotted form inside Fn::Sub', { 'Fn::Sub': '${HostRole.Arn}/*' }, 'arn:aws-us-gov:iam::111122223333:role/demo-dev-iam-host/*'],
  ['Ref of a managed policy is its ARN', { Ref: 'Boundary' }, 'arn:aws-us-gov:iam::111122223333:policy/demo-dev-boundary'],
  ['Ref of a topic is its ARN, named after the logical id', { Ref: 'Alerts' }, 'arn:aws-us-gov:sns:us-gov-west-1:111122223333:Alerts'],
  ['GetAtt of a queue', { 'Fn::GetAtt': 'Queue.Arn' }, 'arn:aws-us-gov:sqs:us-gov-west-1:111122223333:work'],
  ['a delivery stream is a firehose ARN', { 'Fn::GetAtt': ['Stream', 'Arn'] }, 'arn:aws-us-gov:firehose:us-gov-west-1:111122223333:deliverystream/Stream'],
  ['an unknown type gets an ARN of its service', { 'Fn::GetAtt': ['Thing', 'Arn'] }, 'arn:aws-us-gov:widget:us-gov-west-1:111122223333:gadget/Thing'],
  ['Fn::ImportValue followed to the producer stack', { 'Fn::ImportValue': 'demo-dev-logging-Archive-Arn' }, 'arn:aws-us-gov:s3:::demo-dev-archive'],
  ['Fn::Join of resolved parts', { 'Fn::Join': ['', [{ 'Fn::ImportValue': 'demo-dev-logging-Archive-Arn' }, '/*']] }, 'arn:aws-us-gov:s3:::demo-dev-archive/*'],
  ['Fn::Sub with its own variables', { 'Fn::Sub': ['${Bucket}/logs/*', { Bucket: { 'Fn::ImportValue': 'demo-dev-logging-Archive-Arn' } }] }, 'arn:aws-us-gov:s3:::demo-dev-archive/logs/*'],
  ['a parameter takes its parameter-file value', { Ref: 'ImageId' }, 'ami-0123'],
  ['escaped ${!} stays a policy variable', { 'Fn::Sub': 'home/${!aws:username}/*' }, 'home/${aws:username}/*'],
  ['an unknown reference becomes a placeholder', { Ref: 'Nowhere' }, 'placeholder-Nowhere'],
  ['an unsupported function becomes a placeholder', { 'Fn::If': ['c', 'a', 'b'] }, 'placeholder-If'],
  ['an unknown export becomes a placeholder', { 'Fn::ImportValue': 'other-stack-X' }, 'placeholder-other-stack-X'],
  ['Fn::Select over Fn::Split', { 'Fn::Select': [1, { 'Fn::Split': [':', 'a:b:c'] }] }, 'b'],
];

describe('intrinsic resolution for Access Analyzer', () => {
  it.each(CASES)('%s', (_name, input, expected) => {
    expect(resolveIntrinsics(input, context)).toEqual(expected);
  });

  it('resolves a whole policy and leaves plain values alone', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sns:Publish'], Resource: { Ref: 'Alerts' } }] };
    expect(resolveIntrinsics(policy, context)).toEqual({ ...policy, Statement: [{ ...policy.Statement[0], Resource: 'arn:aws-us-gov:sns:us-gov-west-1:111122223333:Alerts' }] });
  });

  it('never throws and never leaves an intrinsic behind, whatever the input', () => {
    const json = fc.letrec<{ value: Json }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.constantFrom<Json>({ Ref: 'HostRole' }, { Ref: 'x' }, { 'Fn::GetAtt': 'bad' }, { 'Fn::Sub': 42 }, { 'Fn::Join': 'x' }, { 'Fn::Select': [9, []] }),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('Ref', 'Fn::Sub', 'Fn::Join', 'Fn::GetAtt', 'Fn::ImportValue', 'Key'), tie('value'), { maxKeys: 1 }),
      ) as fc.Arbitrary<Json>,
    })).value;
    fc.assert(fc.property(json, (value) => {
      const text = JSON.stringify(resolveIntrinsics(value, context)) ?? '';
      return !/"(Ref|Fn::[A-Za-z]+)":/.test(text);
    }));
  });
});
