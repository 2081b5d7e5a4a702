/**
 * The stage declarations of one pipeline: Source, Validate, then per environment in the declared order its
 * approval and its deploy. `always` previews the change sets, waits for a manual approval and deploys;
 * `on-broadening` runs the broadening check and enters its approval stage only when the check says the commit
 * broadens permissions or network access (a V2 entry condition skips the stage otherwise), like CDK's
 * ConfirmPermissionsBroadening; `never` deploys straight through.
 */
import type { Json, JsonObject } from '../model/cfn.js';
import type { Environment, Pipeline, PipelineStage, Platform } from '../model/platform.js';
import type { PipelineSourceSpec } from '../model/spec.js';
import { BROADENING_VARIABLE } from './buildspec.js';
import { deployRoleName, executionRoleName, roleArn, templateBucketName } from './pipeline-names.js';
import { logicalName } from './shared/names.js';

/** The one artifact: the full clone every build works on. */
export const SOURCE_ARTIFACT = 'Source';

/** The resources the stage declarations point at. */
export interface StageRefs {
  readonly validateProject: Json;
  readonly deployProject: Json;
  readonly broadeningProject: Json;
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
    if (env !== undefined) stages.push(...environmentStages(platform, stage, env, refs));
  }
  return stages;
}

function environmentStages(platform: Platform, stage: PipelineStage, env: Environment, refs: StageRefs): JsonObject[] {
  const deploy = (runOrder: number, flags: string, name: string) =>
    build({
      name,
      project: refs.deployProject,
      runOrder,
      variables: {
        PLATFORMC_ENV: env.name,
        DEPLOY_REGION: env.region,
        DEPLOY_ROLE_ARN: roleArn(env, deployRoleName(platform, env)),
        CFN_ROLE_ARN: roleArn(env, executionRoleName(platform, env)),
        TEMPLATE_BUCKET: templateBucketName(platform, env),
        DEPLOY_FLAGS: flags,
      },
    });
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
            deploy(1, '--dry-run', 'Preview'),
            approve(2, `Review the change sets of ${env.name} in the Preview build log, then approve to deploy.`),
            deploy(3, '--yes', 'Deploy'),
          ],
        },
      ];
    case 'on-broadening': {
      const namespace = `Broadening${logicalName(env.name)}`;
      return [
        {
          Name: `Check-${env.name}`,
          Actions: [build({ name: 'BroadeningCheck', project: refs.broadeningProject, variables: { PLATFORMC_ENV: env.name }, namespace })],
        },
        {
          Name: `Approve-${env.name}`,
          BeforeEntry: {
            Conditions: [
              {
                Result: 'SKIP',
                Rules: [
                  {
                    Name: 'OnlyWhenBroadening',
                    RuleTypeId: { Category: 'Rule', Owner: 'AWS', Provider: 'VariableCheck', Version: '1' },
                    Configuration: { Variable: `#{${namespace}.${BROADENING_VARIABLE}}`, Value: 'true', Operator: 'EQ' },
                  },
                ],
              },
            ],
          },
          Actions: [approve(1, `This commit broadens IAM permissions or network access in ${env.name}; see the BroadeningCheck build log.`)],
        },
        { Name: `Deploy-${env.name}`, Actions: [deploy(1, '--yes', 'Deploy')] },
      ];
    }
    case 'never':
      return [{ Name: `Deploy-${env.name}`, Actions: [deploy(1, '--yes', 'Deploy')] }];
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
}

function build(action: BuildAction): JsonObject {
  const variables = Object.entries(action.variables).map(([name, value]) => ({ name, value, type: 'PLAINTEXT' }));
  const configuration: { [key: string]: Json } = { ProjectName: action.project };
  if (variables.length > 0) configuration['EnvironmentVariables'] = JSON.stringify(variables);
  return {
    Name: action.name,
    RunOrder: action.runOrder ?? 1,
    ActionTypeId: { Category: 'Build', Owner: 'AWS', Provider: 'CodeBuild', Version: '1' },
    InputArtifacts: [{ Name: SOURCE_ARTIFACT }],
    Configuration: configuration,
    ...(action.namespace === undefined ? {} : { Namespace: action.namespace }),
  };
}
