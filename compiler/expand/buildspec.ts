/**
 * The CodeBuild buildspecs of a pipeline, built as values and serialized with the yaml package. Every value a
 * command needs (environment name, role ARNs, bucket) arrives as an environment variable set by the pipeline
 * action and is expanded inside double quotes, so no spec string is ever pasted into a shell command.
 */
import { stringify } from 'yaml';

/** The variable the broadening check exports for the approval stage's entry condition. */
export const BROADENING_VARIABLE = 'BROADENING';

/** Node and the project's dependencies; the Python tools (cfn-lint) where validation runs (validate, deploy's gate). */
const INSTALL = { 'runtime-versions': { nodejs: 20 }, commands: ['npm ci'] };
const INSTALL_WITH_PYTHON = { 'runtime-versions': { nodejs: 20 }, commands: ['npm ci', 'npm run setup:python'] };

function serialize(spec: object): string {
  return stringify(spec, { lineWidth: 0 });
}

/** Validate stage: the spec rules, cfn-lint and the IAM checks, then generated/ must match the spec. */
export function validateBuildspec(): string {
  return serialize({
    version: 0.2,
    phases: {
      install: INSTALL_WITH_PYTHON,
      build: { commands: ['npx platformc validate', 'npx platformc check'] },
    },
  });
}

/**
 * Broadening check of one environment: `platformc diff --fail-on-broadening` exits 0 when the commit adds no IAM
 * permission and opens no network access for the environment, 1 when it does. Any other outcome (2, a crash)
 * also counts as broadening, so a failing check asks a human instead of waving the change through. The result is
 * exported as BROADENING=true|false for the approval stage's entry condition.
 */
export function broadeningBuildspec(): string {
  return serialize({
    version: 0.2,
    env: { 'exported-variables': [BROADENING_VARIABLE] },
    phases: {
      install: INSTALL,
      build: {
        commands: [
          `if npx platformc diff --base HEAD~1 --env "$PLATFORMC_ENV" --fail-on-broadening; ` +
            `then export ${BROADENING_VARIABLE}=false; else export ${BROADENING_VARIABLE}=true; fi`,
          `echo "permissions broadening in $PLATFORMC_ENV: $${BROADENING_VARIABLE}"`,
        ],
      },
    },
  });
}

/** The plan file of one environment, written by the change-set build and read by the execute build. */
export const PLAN_FILE = 'plan-$PLATFORMC_ENV.json';

/**
 * Both phases act as the environment's deploy role: an AWS profile that assumes the role from the build's own
 * credentials; CloudFormation acts as the environment's execution role.
 */
const ASSUME_DEPLOY_ROLE = [
  'aws configure set profile.deploy.role_arn "$DEPLOY_ROLE_ARN"',
  'aws configure set profile.deploy.credential_source EcsContainer',
  'aws configure set profile.deploy.region "$DEPLOY_REGION"',
];
const DEPLOY_TARGET = '--role-arn "$CFN_ROLE_ARN" --artifact-bucket "$TEMPLATE_BUCKET"';

/**
 * First phase of an environment's deploy: `platformc deploy --create-only` runs the gates, creates and keeps the
 * change sets (the preview is in the build log) and writes the plan, which leaves as the action's output
 * artifact. `--replace-failed` clears stacks that hold no resources (a first creation that failed, or a new
 * stack whose plan was rejected and never executed) so a pipeline never stalls on them.
 */
export function createChangeSetsBuildspec(): string {
  return serialize({
    version: 0.2,
    phases: {
      install: INSTALL_WITH_PYTHON,
      build: {
        commands: [
          ...ASSUME_DEPLOY_ROLE,
          `AWS_PROFILE=deploy npx platformc deploy "$PLATFORMC_ENV" --create-only --plan "${PLAN_FILE}" --replace-failed ${DEPLOY_TARGET}`,
        ],
      },
    },
    artifacts: { files: ['plan-*.json'] },
  });
}

/**
 * Second phase, after the approval: `platformc deploy --execute-plan` executes exactly the change sets of the
 * plan artifact (a secondary input, found through CODEBUILD_SRC_DIR_<artifact>), refusing if generated/ or the
 * change sets no longer match it.
 */
export function executeChangeSetsBuildspec(): string {
  return serialize({
    version: 0.2,
    phases: {
      install: INSTALL_WITH_PYTHON,
      build: {
        commands: [
          ...ASSUME_DEPLOY_ROLE,
          `AWS_PROFILE=deploy npx platformc deploy "$PLATFORMC_ENV" --execute-plan "$(printenv "CODEBUILD_SRC_DIR_$PLAN_ARTIFACT")/${PLAN_FILE}" ${DEPLOY_TARGET}`,
        ],
      },
    },
  });
}
