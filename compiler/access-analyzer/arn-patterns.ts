/**
 * What `Ref` and `Fn::GetAtt ... Arn` of a platform resource evaluate to once deployed, in the shape AWS gives
 * them. Access Analyzer needs concrete ARNs; names come from the resource's own name property (platformc names
 * everything deterministically), else the logical id stands in: Access Analyzer checks the shape, not the name.
 */
export interface ArnContext {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

interface Pattern {
  /** The property that holds the physical name, if any. */
  readonly nameProperty?: string;
  readonly arn?: (c: ArnContext, name: string) => string;
  /** What Ref returns: the name (default), the ARN, or a literal id shape. */
  readonly ref?: 'name' | 'arn' | ((c: ArnContext, name: string) => string);
}

const PATTERNS: Readonly<Record<string, Pattern>> = {
  'AWS::IAM::Role': { nameProperty: 'RoleName', arn: (c, n) => `arn:${c.partition}:iam::${c.account}:role/${n}` },
  'AWS::IAM::User': { nameProperty: 'UserName', arn: (c, n) => `arn:${c.partition}:iam::${c.account}:user/${n}` },
  'AWS::IAM::ManagedPolicy': { nameProperty: 'ManagedPolicyName', arn: (c, n) => `arn:${c.partition}:iam::${c.account}:policy/${n}`, ref: 'arn' },
  'AWS::IAM::InstanceProfile': { nameProperty: 'InstanceProfileName', arn: (c, n) => `arn:${c.partition}:iam::${c.account}:instance-profile/${n}` },
  'AWS::S3::Bucket': { nameProperty: 'BucketName', arn: (c, n) => `arn:${c.partition}:s3:::${n.toLowerCase()}` },
  'AWS::Logs::LogGroup': { nameProperty: 'LogGroupName', arn: (c, n) => `arn:${c.partition}:logs:${c.region}:${c.account}:log-group:${n}:*` },
  'AWS::SNS::Topic': { nameProperty: 'TopicName', arn: (c, n) => `arn:${c.partition}:sns:${c.region}:${c.account}:${n}`, ref: 'arn' },
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName', arn: (c, n) => `arn:${c.partition}:sqs:${c.region}:${c.account}:${n}`,
    ref: (c, n) => `https://sqs.${c.region}.amazonaws.com/${c.account}/${n}`,
  },
  'AWS::KMS::Key': { arn: (c) => `arn:${c.partition}:kms:${c.region}:${c.account}:key/00000000-0000-0000-0000-000000000000`, ref: () => '00000000-0000-0000-0000-000000000000' },
  'AWS::Lambda::Function': { nameProperty: 'FunctionName', arn: (c, n) => `arn:${c.partition}:lambda:${c.region}:${c.account}:function:${n}` },
  'AWS::CodeBuild::Project': { nameProperty: 'Name', arn: (c, n) => `arn:${c.partition}:codebuild:${c.region}:${c.account}:project/${n}` },
  'AWS::CodePipeline::Pipeline': { nameProperty: 'Name', arn: (c, n) => `arn:${c.partition}:codepipeline:${c.region}:${c.account}:${n}` },
  'AWS::CloudWatch::Alarm': { nameProperty: 'AlarmName', arn: (c, n) => `arn:${c.partition}:cloudwatch:${c.region}:${c.account}:alarm:${n}` },
  'AWS::EC2::Instance': { arn: (c, n) => `arn:${c.partition}:ec2:${c.region}:${c.account}:instance/${n}`, ref: () => 'i-0123456789abcdef0' },
  'AWS::EC2::VPC': { arn: (c, n) => `arn:${c.partition}:ec2:${c.region}:${c.account}:vpc/${n}`, ref: () => 'vpc-0123456789abcdef0' },
  'AWS::EC2::Subnet': { arn: (c, n) => `arn:${c.partition}:ec2:${c.region}:${c.account}:subnet/${n}`, ref: () => 'subnet-0123456789abcdef0' },
  'AWS::EC2::SecurityGroup': { arn: (c, n) => `arn:${c.partition}:ec2:${c.region}:${c.account}:security-group/${n}`, ref: () => 'sg-0123456789abcdef0' },
  'AWS::Route53::HostedZone': { arn: (c) => `arn:${c.partition}:route53:::hostedzone/Z0123456789ABCDEFGHIJ`, ref: () => 'Z0123456789ABCDEFGHIJ' },
  'AWS::KinesisFirehose::DeliveryStream': { nameProperty: 'DeliveryStreamName', arn: (c, n) => `arn:${c.partition}:firehose:${c.region}:${c.account}:deliverystream/${n}` },
  'AWS::SecretsManager::Secret': { nameProperty: 'Name', arn: (c, n) => `arn:${c.partition}:secretsmanager:${c.region}:${c.account}:secret:${n}-AbCdEf`, ref: 'arn' },
  'AWS::Events::Rule': { nameProperty: 'Name', arn: (c, n) => `arn:${c.partition}:events:${c.region}:${c.account}:rule/${n}` },
  'AWS::SSM::Parameter': { nameProperty: 'Name', arn: (c, n) => `arn:${c.partition}:ssm:${c.region}:${c.account}:parameter/${n.replace(/^\//, '')}` },
};

/** A placeholder ARN of the right service for types without a known pattern: `AWS::Svc::Thing` -> `arn:P:svc:R:A:thing/<id>`. */
function genericArn(c: ArnContext, type: string, name: string): string {
  const [, service = 'cloudformation', kind = 'resource'] = type.split('::');
  return `arn:${c.partition}:${service.toLowerCase()}:${c.region}:${c.account}:${kind.toLowerCase()}/${name}`;
}

/** The name property of a resource type (e.g. `RoleName`), if it has one. */
export function nameProperty(type: string): string | undefined {
  return PATTERNS[type]?.nameProperty;
}

/** The ARN of a resource of `type` named `name`. */
export function arnOf(c: ArnContext, type: string, name: string): string {
  return PATTERNS[type]?.arn?.(c, name) ?? genericArn(c, type, name);
}

/** What `Ref` of a resource of `type` named `name` returns. */
export function refOf(c: ArnContext, type: string, name: string): string {
  const ref = PATTERNS[type]?.ref ?? 'name';
  if (ref === 'name') return name;
  if (ref === 'arn') return arnOf(c, type, name);
  return ref(c, name);
}
