/**
 * Builds a small generated/ tree (manifest, templates, parameter files, source maps) in a temporary directory,
 * shaped exactly like compile's output, so deploy is tested before and independently of the real examples.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest } from '../../compiler/emit/manifest.js';

export interface FixtureResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: readonly string[];
}

export interface FixtureStack {
  readonly name: string;
  readonly dependsOn?: readonly string[];
  readonly resources: Readonly<Record<string, FixtureResource>>;
  readonly outputs?: Readonly<Record<string, { readonly Value: unknown; readonly Export?: { readonly Name: unknown } }>>;
  readonly parameters?: Readonly<Record<string, { readonly Type: string; readonly Default?: string }>>;
  readonly parameterValues?: Readonly<Record<string, string>>;
  readonly crossEnvironmentParameters?: Manifest['environments'][number]['stacks'][number]['crossEnvironmentParameters'];
}

export interface FixtureEnv {
  readonly name: string;
  readonly account: string;
  readonly region?: string;
  readonly protect?: boolean;
  readonly stacks: readonly FixtureStack[];
}

export interface Fixture {
  readonly cwd: string;
  readonly generatedDir: string;
  /** Rewrites the whole tree (e.g. after changing a template). */
  write(envs: readonly FixtureEnv[]): void;
  remove(): void;
}

export const PLATFORM = 'demo';

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function writeTree(generatedDir: string, envs: readonly FixtureEnv[]): void {
  rmSync(generatedDir, { recursive: true, force: true });
  const root = join(generatedDir, PLATFORM);
  const manifest: Manifest = {
    manifestVersion: 1,
    platform: PLATFORM,
    spec: 'specs/demo.platform.yaml',
    environments: envs.map((env) => {
      mkdirSync(join(root, env.name), { recursive: true });
      return {
        name: env.name,
        account: env.account,
        region: env.region ?? 'us-east-1',
        partition: 'aws',
        protect: env.protect === true,
        boundaryPolicyName: `${PLATFORM}-${env.name}-boundary`,
        stacks: env.stacks.map((s) => {
          const base = `${env.name}/${s.name}`;
          const template = {
            AWSTemplateFormatVersion: '2010-09-09',
            Description: `${PLATFORM} ${env.name} ${s.name}`,
            ...(s.parameters ? { Parameters: s.parameters } : {}),
            Resources: s.resources,
            ...(s.outputs ? { Outputs: s.outputs } : {}),
          };
          writeFileSync(join(root, `${base}.template.json`), json(template));
          writeFileSync(
            join(root, `${base}.parameters.json`),
            json(Object.entries(s.parameterValues ?? {}).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }))),
          );
          const resources = Object.fromEntries(
            Object.keys(s.resources).map((id, i) => [id, { path: [s.name, id], location: `specs/demo.platform.yaml:${10 + i}:3` }]),
          );
          writeFileSync(join(root, `${base}.sourcemap.json`), json({ spec: 'specs/demo.platform.yaml', resources, statements: {}, parameters: {} }));
          return {
            name: s.name,
            kind: s.name,
            stackName: `${PLATFORM}-${env.name}-${s.name}`,
            template: `${base}.template.json`,
            parameters: `${base}.parameters.json`,
            sourceMap: `${base}.sourcemap.json`,
            dependsOn: s.dependsOn ?? [],
            tags: { 'platformc:platform': PLATFORM, 'platformc:environment': env.name, 'platformc:stack': s.name },
            terminationProtection: env.protect === true,
            contentHash: createHash('sha256').update(`${PLATFORM}-${env.name}-${s.name}\n${json(template)}\n${json(s.parameterValues ?? {})}`).digest('hex'),
            crossEnvironmentParameters: s.crossEnvironmentParameters ?? [],
          };
        }),
      };
    }),
  };
  writeFileSync(join(root, 'manifest.json'), json(manifest));
}

/** A temporary project directory holding generated/ for the given environments. */
export function createFixture(envs: readonly FixtureEnv[]): Fixture {
  const cwd = mkdtempSync(join(tmpdir(), 'platformc-deploy-'));
  const generatedDir = join(cwd, 'generated');
  writeTree(generatedDir, envs);
  return {
    cwd,
    generatedDir,
    write: (next) => writeTree(generatedDir, next),
    remove: () => rmSync(cwd, { recursive: true, force: true }),
  };
}

/** A small environment: iam and network independent, logging on its own, hosts after network and iam. */
export function demoEnv(options: { readonly name?: string; readonly account?: string; readonly protect?: boolean; readonly retentionDays?: number } = {}): FixtureEnv {
  const name = options.name ?? 'dev';
  const prefix = `${PLATFORM}-${name}`;
  return {
    name,
    account: options.account ?? '111111111111',
    protect: options.protect,
    stacks: [
      {
        name: 'iam',
        resources: {
          Boundary: {
            Type: 'AWS::IAM::ManagedPolicy',
            Properties: {
              ManagedPolicyName: `${prefix}-boundary`,
              PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
            },
          },
          HostRole: {
            Type: 'AWS::IAM::Role',
            DependsOn: ['Boundary'],
            Properties: {
              RoleName: `${prefix}-host`,
              PermissionsBoundary: { Ref: 'Boundary' },
              AssumeRolePolicyDocument: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
              },
            },
          },
        },
        outputs: { HostRoleName: { Value: { Ref: 'HostRole' }, Export: { Name: `${prefix}-HostRoleName` } } },
      },
      {
        name: 'network',
        resources: {
          Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.20.0.0/16' } },
          HostSubnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.20.1.0/24' } },
        },
        outputs: { VpcId: { Value: { Ref: 'Vpc' }, Export: { Name: `${prefix}-VpcId` } } },
      },
      {
        name: 'logging',
        resources: {
          HostLogs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: `/${prefix}/hosts`, RetentionInDays: options.retentionDays ?? 30 } },
        },
      },
      {
        name: 'hosts',
        dependsOn: ['iam', 'network'],
        parameters: { ImageId: { Type: 'String' } },
        parameterValues: { ImageId: 'ami-12345678' },
        // moto 5.2 keeps no Outputs (so no exports) for stacks made through change sets, so this fixture
        // does not use Fn::ImportValue; ordering still follows dependsOn.
        resources: {
          HostGroup: {
            Type: 'AWS::EC2::SecurityGroup',
            Properties: { GroupDescription: { 'Fn::Sub': 'hosts of ${ImageId}' } },
          },
        },
        outputs: { HostGroupId: { Value: { Ref: 'HostGroup' } } },
      },
    ],
  };
}
