/**
 * The CodeBuild buildspecs of a pipeline, built as values and serialized with the yaml package. Every value a
 * command needs (environment name, role ARNs, bucket) arrives as an environment variable set by the pipeline
 * action and is expanded inside double quotes, so no spec string is ever pasted into a shell command.
 */
import { stringify } from 'yaml';
import { PINNED_CFN_LINT } from '../lint/find-cfn-lint.js';

/** The variable the CreateChangeSets build exports for an `on-broadening` approval stage's entry condition. */
export const BROADENING_VARIABLE = 'BROADENING';
/** The one it exports for an `on-risk` stage: broadening, or hosts interrupted, resources replaced, data deleted. */
export const RISK_VARIABLE = 'RISK';

/**
 * Node, the project's dependencies and cfn-lint at the version platformc is tested with, which validation needs
 * (validate, deploy's gate). The build runs in the user's repository, which has platformc among its dependencies
 * and none of platformc's own scripts, so cfn-lint comes from PyPI directly, as in the workflow `init` writes.
 */
const INSTALL_WITH_PYTHON = {
  'runtime-versions': { nodejs: 20, python: 3.12 },
  commands: ['npm ci', `pip install --quiet --disable-pip-version-check cfn-lint==${PINNED_CFN_LINT}`],
};

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

/** The variable listing, as `<env>=<deploy role ARN>` words, the environments in other accounts whose outputs a deploy reads. */
export const OUTPUT_ROLES_VARIABLE = 'OUTPUT_ROLES';

/**
 * Stack outputs in other accounts (the routing home's records answering with another account's router address)
 * are read as that environment's deploy role, which the build role may assume: each `<env>=<role ARN>` word of
 * OUTPUT_ROLES becomes a profile `outputs-<env>` and a `--outputs-profile <env>=outputs-<env>` argument, collected
 * in the positional parameters and passed as `"$@"`. The words are environment names and role ARNs made at compile
 * time (no spaces, no shell syntax); every expansion is still quoted. Runs in the same command as the deploy.
 */
const OUTPUT_PROFILES = [
  'set --',
  `for pair in $${OUTPUT_ROLES_VARIABLE}; do`,
  '  other="${pair%%=*}"',
  '  aws configure set "profile.outputs-$other.role_arn" "${pair#*=}"',
  '  aws configure set "profile.outputs-$other.credential_source" EcsContainer',
  '  set -- "$@" --outputs-profile "$other=outputs-$other"',
  'done',
].join('\n');

/** One command: the output profiles, then `platformc deploy` with them. */
function deployCommand(deploy: string): string {
  return `${OUTPUT_PROFILES}\nAWS_PROFILE=deploy npx platformc deploy ${deploy} ${DEPLOY_TARGET} "$@"`;
}

/**
 * Reads the plan's `broadening` (what may widen IAM permissions or network access compared with the deployed
 * stacks), prints it, and prints `true` or `false` last for the exported variable. Node, because it is there.
 */
const READ_BROADENING = 'const lines = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).broadening; ' +
  'for (const line of lines) console.error("broadening: " + line); console.log(lines.length > 0);';

/** Reads the plan's `risks` (hosts interrupted, resources replaced, data deleted) the same way; any broadening counts too. */
const READ_RISKS = 'const plan = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const lines = plan.risks ?? []; ' +
  'for (const line of lines) console.error("risk: " + line); console.log(lines.length + plan.broadening.length > 0);';

/**
 * First phase of an environment's deploy: `platformc deploy --create-only` runs the gates, creates and keeps the
 * change sets (the preview is in the build log) and writes the plan, which leaves as the action's output
 * artifact. `--replace-failed` clears stacks that hold no resources (a first creation that failed, or a new
 * stack whose plan was rejected and never executed) so a pipeline never stalls on them. The plan says whether
 * the change sets broaden access compared with what is deployed (not with the previous commit, which may not be
 * what is deployed); BROADENING=true|false is exported for an `on-broadening` approval stage, RISK=true|false (that,
 * or hosts stopped and started, resources replaced, data deleted) for an `on-risk` one.
 */
export function createChangeSetsBuildspec(): string {
  return serialize({
    version: 0.2,
    env: { 'exported-variables': [BROADENING_VARIABLE, RISK_VARIABLE] },
    phases: {
      install: INSTALL_WITH_PYTHON,
      build: {
        commands: [
          ...ASSUME_DEPLOY_ROLE,
          deployCommand(`"$PLATFORMC_ENV" --create-only --plan "${PLAN_FILE}" --replace-failed`),
          `export ${BROADENING_VARIABLE}="$(node -e '${READ_BROADENING}' "${PLAN_FILE}")"`,
          `echo "access broadening in $PLATFORMC_ENV: $${BROADENING_VARIABLE}"`,
          `export ${RISK_VARIABLE}="$(node -e '${READ_RISKS}' "${PLAN_FILE}")"`,
          `echo "broadening, interruptions, replacements or data deleted in $PLATFORMC_ENV: $${RISK_VARIABLE}"`,
        ],
      },
    },
    artifacts: { files: ['plan-*.json'] },
  });
}

/**
 * Second phase, after the approval: `platformc deploy --execute-plan` executes exactly the change sets of the
 * plan artifact (a secondary input, found through CODEBUILD_SRC_DIR_<artifact>), refusing if generated/ or the
 * change sets no longer match it. `timeoutMinutes` bounds each wait for a stack operation (a rolling batch of
 * hypervisors takes a while), as long as the build itself may run.
 */
export function executeChangeSetsBuildspec(timeoutMinutes: number): string {
  return serialize({
    version: 0.2,
    phases: {
      install: INSTALL_WITH_PYTHON,
      build: {
        commands: [
          ...ASSUME_DEPLOY_ROLE,
          deployCommand(`"$PLATFORMC_ENV" --execute-plan "$(printenv "CODEBUILD_SRC_DIR_$PLAN_ARTIFACT")/${PLAN_FILE}" --timeout ${timeoutMinutes}`),
        ],
      },
    },
  });
}
