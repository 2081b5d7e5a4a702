/**
 * Small builders for hand-made stacks, so each test shows only what it is about.
 */
import type { AssembledStack, SourceMapEntry } from '../../../compiler/assemble/stack.js';
import type { CfnResource, Json, JsonObject } from '../../../compiler/model/cfn.js';
import type { EnvironmentAccounts } from '../../../compiler/iam-checks/principal-rules.js';

export const SPEC = 'specs/test.platform.yaml';

export const ENVS: readonly EnvironmentAccounts[] = [
  { name: 'dev', account: '111122223333', partition: 'aws', trustedAccounts: ['777788889999'] },
  { name: 'prod', account: '444455556666', partition: 'aws', trustedAccounts: [] },
];

export function boundaryArn(env = 'dev'): Json {
  return { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/demo-${env}-boundary` };
}

export function policy(...statements: JsonObject[]): JsonObject {
  return { Version: '2012-10-17', Statement: statements };
}

export function serviceTrust(service = 'ec2.amazonaws.com'): JsonObject {
  return policy({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
}

/** An AWS::IAM::Role with the environment's boundary and the given inline statements. */
export function role(statements: readonly JsonObject[], overrides: JsonObject = {}, env = 'dev'): CfnResource {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: serviceTrust(),
      PermissionsBoundary: boundaryArn(env),
      Policies: [{ PolicyName: 'inline', PolicyDocument: policy(...statements) }],
      ...overrides,
    },
  };
}

export interface StackOptions {
  readonly env?: string;
  readonly name?: string;
  readonly resources: Readonly<Record<string, CfnResource>>;
  /** Source map entries: resource logical id -> line; `<id>/<path>` -> line for statements. */
  readonly lines?: Readonly<Record<string, number>>;
}

function entry(line: number, path: readonly (string | number)[]): SourceMapEntry {
  return { path, location: `${SPEC}:${line}:5` };
}

/** A one-template stack of platform `demo`, with a source map built from `lines`. */
export function stack(options: StackOptions): AssembledStack {
  const env = options.env ?? 'dev';
  const name = options.name ?? 'iam';
  const resources: Record<string, SourceMapEntry> = {};
  const statements: Record<string, SourceMapEntry> = {};
  for (const [key, line] of Object.entries(options.lines ?? {})) {
    if (key.includes('/')) statements[key] = entry(line, ['iam', 'roles', key]);
    else resources[key] = entry(line, ['iam', key]);
  }
  return {
    env,
    name,
    kind: 'iam',
    stackName: `demo-${env}-${name}`,
    template: { AWSTemplateFormatVersion: '2010-09-09', Description: 'test', Resources: options.resources },
    parameters: [],
    dependsOn: [],
    sourceMap: { spec: SPEC, resources, statements, properties: {}, parameters: {} },
  };
}
