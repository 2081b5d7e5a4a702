/**
 * Builders that keep diff tests short: a template from resources, a resource from a type and properties, a
 * policy document from statements, a stack input from a template.
 */
import type { CfnResource, CfnTemplate, Json, JsonObject } from '../../compiler/model/cfn.js';
import type { StackInput } from '../../compiler/diff/model.js';

export function resource(type: string, properties: JsonObject = {}): CfnResource {
  return { Type: type, Properties: properties };
}

export function template(resources: { readonly [id: string]: CfnResource }, extra: Partial<CfnTemplate> = {}): CfnTemplate {
  return { AWSTemplateFormatVersion: '2010-09-09', Description: 'test', Resources: resources, ...extra };
}

export function policy(...statements: readonly JsonObject[]): JsonObject {
  return { Version: '2012-10-17', Statement: statements as readonly Json[] };
}

export function allow(action: string | readonly string[], resourceArn: string | readonly string[] = '*'): JsonObject {
  return { Effect: 'Allow', Action: action as Json, Resource: resourceArn as Json };
}

export function stack(
  t: CfnTemplate,
  options: { readonly stack?: string; readonly env?: string; readonly platform?: string; readonly parameters?: { readonly [k: string]: string } } = {},
): StackInput {
  return {
    platform: options.platform ?? 'demo',
    env: options.env ?? 'dev',
    stack: options.stack ?? 'iam',
    template: t,
    parameterValues: options.parameters ?? {},
  };
}

export function role(statements: readonly JsonObject[], extra: JsonObject = {}): CfnResource {
  return resource('AWS::IAM::Role', {
    AssumeRolePolicyDocument: policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    PermissionsBoundary: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/demo-dev-boundary' },
    Policies: [{ PolicyName: 'main', PolicyDocument: policy(...statements) }],
    ...extra,
  });
}

export function securityGroup(ingress: readonly JsonObject[]): CfnResource {
  return resource('AWS::EC2::SecurityGroup', { GroupDescription: 'hosts', VpcId: { Ref: 'Vpc' }, SecurityGroupIngress: ingress as readonly Json[] });
}

export function tcp(port: number | readonly [number, number], cidr: string): JsonObject {
  const [from, to] = typeof port === 'number' ? [port, port] : port;
  return { IpProtocol: 'tcp', FromPort: from, ToPort: to, CidrIp: cidr };
}
