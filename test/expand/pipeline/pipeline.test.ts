import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { expandPipeline } from '../../../compiler/expand/pipeline.js';
import { deployRoleName } from '../../../compiler/expand/pipeline-names.js';
import type { PlatformSpec } from '../../../compiler/model/spec.js';
import type { CfnTemplate } from '../../../compiler/model/cfn.js';
import { cfnLint, envOf, expectGolden, platformOf, rolesOf, templateOf } from '../logging/helpers.js';

const here = import.meta.dirname;

const spec: Partial<PlatformSpec> = {
  pipelines: {
    platform: {
      source: { github: 'example-org/platform', branch: 'main', connection: 'arn:aws:codeconnections:us-west-2:111122223333:connection/abc' },
      stages: ['dev', { env: 'prod', approval: 'on-broadening' }, { env: 'dr', approval: 'always' }],
      notify: 'platform-approvers@example.com',
    },
  },
};

function expand(envName: string, input: Partial<PlatformSpec> = spec) {
  const platform = platformOf(input);
  return expandPipeline({ platform, env: envOf(platform, envName) });
}

function pipelineOf(template: CfnTemplate) {
  const resource = Object.values(template.Resources).find((r) => r.Type === 'AWS::CodePipeline::Pipeline');
  return resource!.Properties as { Stages: { Name: string; Actions: { Name: string; Configuration: Record<string, unknown> }[]; BeforeEntry?: unknown }[] };
}

describe('pipeline expander', () => {
  it.each([
    ['dev', 'us-west-2'],
    ['prod', 'us-east-1'],
  ])('matches the golden pipeline stack of %s and cfn-lint reports nothing', (envName, region) => {
    const template = templateOf(expand(envName), 'pipeline');
    expectGolden(join(here, `pipeline-${envName}.golden.json`), template);
    expect(cfnLint(template, region)).toEqual([]);
  });

  it('deploys the environments in declared order with the declared approvals', () => {
    const stages = pipelineOf(templateOf(expand('dev'), 'pipeline')).Stages;
    expect(stages.map((stage) => [stage.Name, stage.Actions.map((action) => action.Name)])).toEqual([
      ['Source', ['Checkout']],
      ['Validate', ['ValidateAndCheck']],
      ['Deploy-dev', ['CreateChangeSets', 'ExecuteChangeSets']],
      ['Plan-prod', ['CreateChangeSets']],
      ['Approve-prod', ['Approve']],
      ['Deploy-prod', ['ExecuteChangeSets']],
      ['Deploy-dr', ['CreateChangeSets', 'Approve', 'ExecuteChangeSets']],
    ]);
    expect(stages.find((stage) => stage.Name === 'Approve-prod')!.BeforeEntry).toMatchObject({
      Conditions: [{ Result: 'SKIP', Rules: [{ Configuration: { Variable: '#{BroadeningProd.BROADENING}', Value: 'true', Operator: 'EQ' } }] }],
    });
    // The variable comes from the change-set build of the same environment, which compares with what is deployed.
    expect(stages.find((stage) => stage.Name === 'Plan-prod')!.Actions[0]).toMatchObject({ Name: 'CreateChangeSets', Namespace: 'BroadeningProd' });
  });

  it('on-risk: the approval stage is entered when the change-set build says RISK=true, and cfn-lint accepts it', () => {
    const risky: Partial<PlatformSpec> = { pipelines: { platform: { ...spec.pipelines!['platform']!, stages: ['dev', { env: 'prod', approval: 'on-risk' }] } } };
    const template = templateOf(expand('dev', risky), 'pipeline');
    const stages = pipelineOf(template).Stages;
    expect(stages.map((stage) => stage.Name)).toEqual(['Source', 'Validate', 'Deploy-dev', 'Plan-prod', 'Approve-prod', 'Deploy-prod']);
    expect(stages.find((stage) => stage.Name === 'Approve-prod')!.BeforeEntry).toMatchObject({
      Conditions: [{ Result: 'SKIP', Rules: [{ Name: 'OnlyWhenRisky', Configuration: { Variable: '#{RiskProd.RISK}', Value: 'true', Operator: 'EQ' } }] }],
    });
    expect(stages.find((stage) => stage.Name === 'Plan-prod')!.Actions[0]).toMatchObject({ Name: 'CreateChangeSets', Namespace: 'RiskProd' });
    expect(String(stages.find((stage) => stage.Name === 'Approve-prod')!.Actions[0]!.Configuration['CustomData'])).toContain('stop and start hosts, replace resources or delete data in prod');
    expect(cfnLint(template, 'us-west-2')).toEqual([]);
  });

  it('executes exactly the change sets the approved plan names: the plan travels as an artifact', () => {
    const template = templateOf(expand('dev'), 'pipeline');
    const stage = pipelineOf(template).Stages.find((each) => each.Name === 'Deploy-dr')!;
    const [create, approve, execute] = stage.Actions as unknown as {
      Name: string; RunOrder: number; InputArtifacts?: { Name: string }[]; OutputArtifacts?: { Name: string }[]; Configuration: Record<string, unknown>;
    }[];
    expect([create!.RunOrder, approve!.RunOrder, execute!.RunOrder]).toEqual([1, 2, 3]);
    expect(create!.OutputArtifacts).toEqual([{ Name: 'PlanDr' }]);
    expect(execute!.InputArtifacts).toEqual([{ Name: 'Source' }, { Name: 'PlanDr' }]);
    expect(execute!.Configuration['PrimarySource']).toBe('Source');
    const variables = JSON.parse(String(execute!.Configuration['EnvironmentVariables'])) as { name: string; value: string }[];
    expect(variables.find((v) => v.name === 'PLAN_ARTIFACT')?.value).toBe('PlanDr');
    const commands = (id: string): string[] =>
      (parse((template.Resources[id]!.Properties as { Source: { BuildSpec: string } }).Source.BuildSpec) as { phases: { build: { commands: string[] } } }).phases.build.commands;
    expect(commands('PipelinePlatformCreateChangeSets').find((c) => c.includes('--create-only'))).toContain('npx platformc deploy "$PLATFORMC_ENV" --create-only --plan "plan-$PLATFORMC_ENV.json"');
    expect(commands('PipelinePlatformExecuteChangeSets').at(-1)).toContain('--execute-plan "$(printenv "CODEBUILD_SRC_DIR_$PLAN_ARTIFACT")/plan-$PLATFORMC_ENV.json"');
    expect(commands('PipelinePlatformExecuteChangeSets').join('\n')).not.toMatch(/--yes|--create-only/);
  });

  it('validates with platformc validate and check before anything deploys', () => {
    const template = templateOf(expand('dev'), 'pipeline');
    const validate = template.Resources['PipelinePlatformValidate']!.Properties as { Source: { BuildSpec: string } };
    const buildspec = parse(validate.Source.BuildSpec) as { phases: { build: { commands: string[] } } };
    expect(buildspec.phases.build.commands).toEqual(['npx platformc validate', 'npx platformc check']);
  });

  it('assumes the deploy role of each target account', () => {
    const stages = pipelineOf(templateOf(expand('dev'), 'pipeline')).Stages;
    const deploy = stages.find((stage) => stage.Name === 'Deploy-prod')!.Actions[0]!;
    const variables = JSON.parse(String(deploy.Configuration['EnvironmentVariables'])) as { name: string; value: string }[];
    expect(Object.fromEntries(variables.map((v) => [v.name, v.value]))).toMatchObject({
      PLATFORMC_ENV: 'prod',
      DEPLOY_ROLE_ARN: 'arn:aws:iam::444455556666:role/cloudstack-prod-deploy',
      CFN_ROLE_ARN: 'arn:aws:iam::444455556666:role/cloudstack-prod-cfn-exec',
    });
  });

  it('creates the deploy role in every target environment, trusting only the pipeline build role', () => {
    const template = templateOf(expand('prod'), 'pipeline');
    const trust = (template.Resources['DeployRole']!.Properties as { AssumeRolePolicyDocument: { Statement: unknown[] } })
      .AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::111122223333:root'] },
        Action: ['sts:AssumeRole'],
        Condition: { ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:role/cloudstack-dev-platform-build'] } },
      },
    ]);
    expect(Object.values(template.Resources).some((r) => r.Type === 'AWS::CodePipeline::Pipeline')).toBe(false);
  });

  it('lets the routing home read the hosts outputs of routed environments in its own account', () => {
    const routed: Partial<PlatformSpec> = {
      ...spec,
      routing: {
        zone: 'example.com', home: 'prod',
        records: [{ name: 'a.example.com', type: 'A', policy: 'failover', primary: 'prod', secondary: 'dr', healthCheck: { port: 80 } }],
      },
    };
    const template = templateOf(expand('prod', routed), 'pipeline');
    const statements = (template.Resources['DeployRole']!.Properties as { Policies: { PolicyDocument: { Statement: { Sid: string; Resource: unknown }[] } }[] })
      .Policies[0]!.PolicyDocument.Statement;
    expect(statements.find((statement) => statement.Sid === 'ReadRoutedHostsOutputs')!.Resource).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:cloudformation:us-west-2:${AWS::AccountId}:stack/cloudstack-dr-hosts/*' },
    ]);
    expect(cfnLint(template, 'us-east-1')).toEqual([]);
  });

  it('gives every role the boundary of its environment', () => {
    for (const envName of ['dev', 'prod', 'dr']) {
      const roles = rolesOf(templateOf(expand(envName), 'pipeline'));
      expect(roles.length).toBeGreaterThanOrEqual(2);
      for (const [, properties] of roles) {
        expect(properties['PermissionsBoundary']).toEqual({
          'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/cloudstack-${envName}-boundary`,
        });
      }
    }
  });

  it.each([
    ['/platform/cloudstack/ami', 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/platform/cloudstack/ami'],
    ['/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', 'arn:${AWS::Partition}:ssm:${AWS::Region}::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'],
  ])('lets the deploy role read the image parameter %s in its own account (or, for AWS public parameters, none), never in any', (parameter, arn) => {
    const base = platformOf(spec);
    const template = templateOf(expand('dev', { ...spec, hosts: { ...base.spec.hosts, image: { ssmParameter: parameter } } }), 'pipeline');
    const deploy = rolesOf(template).find(([id]) => id === 'DeployRole')?.[1];
    const statements = (deploy?.['Policies'] as { PolicyDocument: { Statement: { Sid?: string; Resource: unknown }[] } }[]).flatMap((p) => p.PolicyDocument.Statement);
    expect(statements.find((st) => st.Sid === 'ResolveImageParameter')?.Resource).toEqual([{ 'Fn::Sub': arn }]);
  });

  it('takes the connection ARN from the parameter file, constrained by a pattern', () => {
    const [fragment] = expand('dev');
    expect(fragment!.parameters).toEqual([
      expect.objectContaining({ name: 'PipelinePlatformConnectionArn', value: 'arn:aws:codeconnections:us-west-2:111122223333:connection/abc' }),
    ]);
  });

  it('builds a CodeCommit source and no approval topic for a pipeline without approvals', () => {
    const template = templateOf(
      expand('dev', { pipelines: { ops: { source: { codecommit: 'platform', branch: 'main' }, stages: ['dev'] } } }),
      'pipeline',
    );
    expect(cfnLint(template, 'us-west-2')).toEqual([]);
    expect(Object.values(template.Resources).map((r) => r.Type)).not.toContain('AWS::SNS::Topic');
    expect(pipelineOf(template).Stages[0]!.Actions[0]!.Configuration).toMatchObject({ RepositoryName: 'platform' });
  });

  it('has nothing for an environment no pipeline touches', () => {
    const elsewhere: Partial<PlatformSpec> = { pipelines: { ops: { source: { codecommit: 'platform', branch: 'main' }, stages: ['prod'] } } };
    expect(expand('dev', elsewhere)).toEqual([]);
    expect(expand('prod', elsewhere).length).toBe(1);
    const platform = platformOf({}, [{ name: 'dev', account: '111122223333', region: 'us-west-2' }]);
    expect(expandPipeline({ platform, env: envOf(platform, 'dev') })).toEqual([]);
  });
  it('reads router addresses in other accounts as those environments\' deploy roles, in the builds of the routing home', () => {
    const routed: Partial<PlatformSpec> = {
      ...spec,
      routing: {
        zone: 'example.com',
        home: 'prod',
        records: [{ name: 'ui.example.com', type: 'A', policy: 'weighted', targets: [{ env: 'prod', weight: 1 }, { env: 'dev', weight: 1 }, { env: 'dr', weight: 1 }] }],
      },
    };
    const platform = platformOf(routed);
    const stages = pipelineOf(templateOf(expandPipeline({ platform, env: envOf(platform, 'dev') }), 'pipeline')).Stages;
    const variables = (stage: string, action: string) => {
      const found = stages.find((s) => s.Name === stage)!.Actions.find((a) => a.Name === action)!;
      return Object.fromEntries((JSON.parse(found.Configuration['EnvironmentVariables'] as string) as { name: string; value: string }[]).map((v) => [v.name, v.value]));
    };
    // dev is in another account than prod (dr shares prod's, where prod's own deploy role reads it).
    const expected = `dev=arn:aws:iam::111122223333:role/${deployRoleName(platform, envOf(platform, 'dev'))}`;
    expect(variables('Plan-prod', 'CreateChangeSets')['OUTPUT_ROLES']).toBe(expected);
    expect(variables('Deploy-prod', 'ExecuteChangeSets')['OUTPUT_ROLES']).toBe(expected);
    for (const [stage, action] of [['Deploy-dev', 'CreateChangeSets'], ['Deploy-dr', 'CreateChangeSets']]) {
      expect(variables(stage!, action!)).not.toHaveProperty('OUTPUT_ROLES');
    }
    // The build role may assume that deploy role: it deploys dev as well.
    const buildRole = rolesOf(templateOf(expandPipeline({ platform, env: envOf(platform, 'dev') }), 'pipeline'));
    expect(JSON.stringify(buildRole)).toContain(expected.slice('dev='.length));
  });
});
