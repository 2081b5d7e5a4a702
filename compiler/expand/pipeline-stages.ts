/**
 * The stage declarations of one pipeline: Source, Validate, then per environment in the declared order: create
 * change sets, approval, execute change sets, so what a person approves is exactly what executes. The
 * CreateChangeSets build runs `platformc deploy --create-only` and hands its plan (change set ids and content
 * hashes) as an artifact to the ExecuteChangeSets build, which runs `platformc deploy --execute-plan`.
 * `always` puts a manual approval between them in one stage; `on-broadening` enters its approval stage only when
 * the CreateChangeSets build found that the change sets broaden permissions or network access compared with the
 * deployed stacks (a V2 entry condition on its exported variable skips the stage otherwise), like CDK's
 * ConfirmPermissionsBroadening;
 * `never` executes straight after creating.
 */
import type { Json, JsonObject } from '../model/cfn.js';
import type { Environment, Pipeline, PipelineStage, Platform } from '../model/platform.js';
import type { PipelineSourceSpec } from '../model/spec.js';
import { BROADENING_VARIABLE, OUTPUT_ROLES_VARIABLE, RISK_VARIABLE } from './buildspec.js';
import { routedEnvironments } from '../model/routing-targets.js';
import { deployRoleName, executionRoleName, roleArn, templateBucketName } from './pipeline-names.js';
import { logicalName } from './shared/names.js';

/** The one artifact: the full clone every build works on. */
export const SOURCE_ARTIFACT = 'Source';

/** The resources the stage declarations point at. */
export interface StageRefs {
  readonly validateProject: Json;
  readonly createChangeSetsProject: Json;
  readonly executeChangeSetsProject: Json;
  readonly approvalTopic: Json;
  readonly connectionArn: Json;
}

/** All stages of the pipeline, in order. */
export function pipelineStages(
  platform: Platform,
  pipeline: Pipeline,
  source: PipelineSourceSpec,
  refs: StageRefs,
): readonly JsonObject[] {
  const stages: JsonObject[] = [
    { Name: 'Source', Actions: [sourceAction(source, refs)] },
    { Name: 'Validate', Actions: [build({ name: 'ValidateAndCheck', project: refs.validateProject, variables: {} })] },
  ];
  for (const stage of pipeline.stages) {
    const env = platform.environments.find((each) => each.name === stage.env);
    if (env !== undefined) stages.push(...environmentStages(platform, pipeline, stage, env, refs));
  }
  return stages;
}

/**
 * `<env>=<deploy role ARN>` of each environment in another account whose outputs `env`'s stacks read (its
 * routers' addresses, when `env` holds the hosted zone) and that this pipeline deploys, so the build may assume
 * its deploy role. One deployed by no stage of the pipeline has no role to assume: rule PIPE008 warns.
 */
export function crossAccountOutputRoles(platform: Platform, pipeline: Pipeline, env: Environment): string {
  const deployed = new Set(pipeline.stages.map((stage) => stage.env));
  return routedEnvironments(platform.spec.routing, env.name)
    .map((name) => platform.environments.find((each) => each.name === name))
    .filter((other): other is Environment => other !== undefined && other.account !== env.account && deployed.has(other.name))
    .map((other) => `${other.name}=${roleArn(other, deployRoleName(platform, other))}`)
    .join(' ');
}

function environmentStages(platform: Platform, pipeline: Pipeline, stage: PipelineStage, env: Environment, refs: StageRefs): JsonObject[] {
  const plan = `Plan${logicalName(env.name)}`;
  const outputRoles = crossAccountOutputRoles(platform, pipeline, env);
  const target = {
    PLATFORMC_ENV: env.name,
    DEPLOY_REGION: env.region,
    DEPLOY_ROLE_ARN: roleArn(env, deployRoleName(platform, env)),
    CFN_ROLE_ARN: roleArn(env, executionRoleName(platform, env)),
    TEMPLATE_BUCKET: templateBucketName(platform, env),
    ...(outputRoles === '' ? {} : { [OUTPUT_ROLES_VARIABLE]: outputRoles }),
  };
  const create = (runOrder: number, namespace?: string) =>
    build({ name: 'CreateChangeSets', project: refs.createChangeSetsProject, runOrder, variables: target, outputs: [plan], ...(namespace ? { namespace } : {}) });
  const execute = (runOrder: number) =>
    build({ name: 'ExecuteChangeSets', project: refs.executeChangeSetsProject, runOrder, variables: { ...target, PLAN_ARTIFACT: plan }, inputs: [plan] });
  const approve = (runOrder: number, why: string) => ({
    Name: 'Approve',
    RunOrder: runOrder,
    ActionTypeId: { Category: 'Approval', Owner: 'AWS', Provider: 'Manual', Version: '1' },
    Configuration: { NotificationArn: refs.approvalTopic, CustomData: why },
  });
  switch (stage.approval) {
    case 'always':
      return [
        {
          Name: `Deploy-${env.name}`,
          Actions: [
            create(1),
            approve(2, `Review the change sets of ${env.name} in the CreateChangeSets build log; approving executes exactly those change sets.`),
            execute(3),
          ],
        },
      ];
    case 'on-broadening':
    case 'on-risk': {
      const risk = stage.approval === 'on-risk';
      const namespace = `${risk ? 'Risk' : 'Broadening'}${logicalName(env.name)}`;
      const why = risk
        ? `These change sets broaden access, stop and start hosts, replace resources or delete data in ${env.name} compared with what is deployed; see the CreateChangeSets build log.`
        : `These change sets broaden IAM permissions or network access in ${env.name} compared with what is deployed; see the CreateChangeSets build log.`;
      return [
        {
          Name: `Plan-${env.name}`,
          Actions: [create(1, namespace)],
        },
        {
          Name: `Approve-${env.name}`,
          BeforeEntry: {
            Conditions: [
              {
                Result: 'SKIP',
                Rules: [
                  {
                    Name: risk ? 'OnlyWhenRisky' : 'OnlyWhenBroadening',
                    RuleTypeId: { Category: 'Rule', Owner: 'AWS', Provider: 'VariableCheck', Version: '1' },
                    Configuration: { Variable: `#{${namespace}.${risk ? RISK_VARIABLE : BROADENING_VARIABLE}}`, Value: 'true', Operator: 'EQ' },
                  },
                ],
              },
            ],
          },
          Actions: [approve(1, `${why} Approving executes exactly those change sets.`)],
        },
        { Name: `Deploy-${env.name}`, Actions: [execute(1)] },
      ];
    }
    case 'never':
      return [{ Name: `Deploy-${env.name}`, Actions: [create(1), execute(2)] }];
  }
}

function sourceAction(source: PipelineSourceSpec, refs: StageRefs): JsonObject {
  const common = { Name: 'Checkout', RunOrder: 1, Namespace: 'SourceVariables', OutputArtifacts: [{ Name: SOURCE_ARTIFACT }] };
  if ('github' in source) {
    return {
      ...common,
      ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeStarSourceConnection', Version: '1' },
      Configuration: {
        ConnectionArn: refs.connectionArn,
        FullRepositoryId: source.github,
        BranchName: source.branch,
        OutputArtifactFormat: 'CODEBUILD_CLONE_REF',
        DetectChanges: true,
      },
    };
  }
  return {
    ...common,
    ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeCommit', Version: '1' },
    Configuration: {
      RepositoryName: source.codecommit,
      BranchName: source.branch,
      OutputArtifactFormat: 'CODEBUILD_CLONE_REF',
      PollForSourceChanges: true,
    },
  };
}

interface BuildAction {
  readonly name: string;
  readonly project: Json;
  readonly variables: Readonly<Record<string, string>>;
  readonly runOrder?: number;
  readonly namespace?: string;
  /** Artifacts besides the source clone: read (the source stays the primary one) and written. */
  readonly inputs?: readonly string[];
  readonly outputs?: readonly string[];
}

function build(action: BuildAction): JsonObject {
  const variables = Object.entries(action.variables).map(([name, value]) => ({ name, value, type: 'PLAINTEXT' }));
  const configuration: { [key: string]: Json } = { ProjectName: action.project };
  if (variables.length > 0) configuration['EnvironmentVariables'] = JSON.stringify(variables);
  const inputs = [SOURCE_ARTIFACT, ...(action.inputs ?? [])];
  if (inputs.length > 1) configuration['PrimarySource'] = SOURCE_ARTIFACT;
  return {
    Name: action.name,
    RunOrder: action.runOrder ?? 1,
    ActionTypeId: { Category: 'Build', Owner: 'AWS', Provider: 'CodeBuild', Version: '1' },
    InputArtifacts: inputs.map((name) => ({ Name: name })),
    ...(action.outputs === undefined ? {} : { OutputArtifacts: action.outputs.map((name) => ({ Name: name })) }),
    Configuration: configuration,
    ...(action.namespace === undefined ? {} : { Namespace: action.namespace }),
  };
}
