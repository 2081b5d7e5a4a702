/**
 * `platformc deploy <env>`: deploys what generated/ holds for one environment as CloudFormation change sets.
 * The implementation (and the AWS SDK) is loaded only when the command runs.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { assertExtraCaLoaded } from '../../deploy/extra-ca.js';
import type { CliIo } from '../io.js';
import { accountId, nonEmpty, positiveInt, regionCode } from './option-values.js';
import type { RegisterCommand } from './index.js';

export interface DeployFlags {
  readonly platform?: string;
  readonly out: string;
  readonly yes?: boolean;
  readonly dryRun?: boolean;
  readonly createOnly?: boolean;
  readonly plan?: string;
  readonly executePlan?: string;
  readonly concurrency: number;
  readonly roleArn?: string;
  readonly artifactBucket?: string;
  readonly replaceFailed?: boolean;
  readonly prune?: boolean;
  /** With --prune, for an environment removed from the spec: where its stacks are, which the manifest no longer says. */
  readonly account?: string;
  readonly region?: string;
  readonly continueRollback?: boolean;
  readonly disableRollback?: boolean;
  readonly rollback?: boolean;
  readonly detectDrift?: boolean;
  readonly skipAccessAnalyzer?: boolean;
  readonly local?: boolean;
  readonly endpointUrl?: string;
  readonly timeout: number;
  readonly format: 'text' | 'json';
  readonly quiet?: boolean;
  /** `--outputs-profile dev=dev-admin,dr=dr-admin`: the AWS profile to read each environment's outputs with. */
  readonly outputsProfile?: Readonly<Record<string, string>>;
}

/** Parses `env=profile[,env=profile...]`; a malformed entry is a usage error. */
export function parseOutputsProfiles(value: string, previous: Readonly<Record<string, string>> = {}): Readonly<Record<string, string>> {
  const entries = { ...previous };
  for (const part of value.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const [env, profile, extra] = part.split('=');
    if (!env || !profile || extra !== undefined) throw new InvalidArgumentError(`expected <env>=<profile>, got "${part}"`);
    entries[env] = profile;
  }
  return entries;
}

export const registerDeploy: RegisterCommand = (program: Command, io: CliIo, result: { code: number }) => {
  program
    .command('deploy')
    .description('Deploy one environment from generated/ as change sets: preview, confirm, execute with progress.')
    .argument('<env>', 'environment to deploy', nonEmpty('an environment name'))
    .option('--platform <name>', 'platform to deploy when generated/ holds several', nonEmpty('a platform name'))
    .option('-o, --out <dir>', 'the generated output directory', nonEmpty('a directory'), 'generated')
    .option('-y, --yes', 'do not ask for confirmation (also confirms protected environments)')
    .option('--dry-run', 'create the change sets, show the preview, then delete them')
    .addOption(new Option('--create-only', 'create and keep the change sets, show the preview, write a plan; execute nothing').conflicts(['dryRun', 'executePlan']))
    .option('--plan <file>', 'where --create-only writes its plan (default plan-<env>.json)', nonEmpty('a file'))
    .addOption(new Option('--execute-plan <file>', 'execute exactly the change sets of a plan written by --create-only').conflicts(['dryRun']).argParser(nonEmpty('a plan file')))
    .option('--concurrency <n>', 'stacks deployed at once when independent', positiveInt, 4)
    .option('--role-arn <arn>', 'CloudFormation service role for the stack operations', nonEmpty('a role ARN'))
    .option('--artifact-bucket <name>', 'S3 bucket for templates above the 51,200-byte body limit', nonEmpty('a bucket name'))
    .option('--replace-failed', 'delete and recreate stacks whose first creation failed (ROLLBACK_COMPLETE, REVIEW_IN_PROGRESS)')
    .addOption(new Option('--prune', "delete the environment's stacks that generated/ no longer holds (listed in the preview)").conflicts(['createOnly', 'executePlan']))
    .option('--account <id>', 'with --prune, for an environment removed from the spec: its account, which the manifest no longer names', accountId)
    .option('--region <code>', 'with --prune, for an environment removed from the spec: its region', regionCode)
    .addOption(new Option('--disable-rollback', 'a failed stack operation keeps what succeeded (CREATE_FAILED / UPDATE_FAILED) instead of rolling back; deploy again to resume, or --rollback').conflicts(['createOnly', 'executePlan', 'rollback']))
    .addOption(new Option('--rollback', 'only roll back the stacks a --disable-rollback deploy left failed; change nothing else').conflicts(['createOnly', 'executePlan', 'prune', 'replaceFailed', 'continueRollback']))
    .addOption(new Option('--detect-drift', 'run drift detection on the deployed stacks first and show what was changed outside CloudFormation').conflicts(['executePlan', 'rollback']))
    .option('--continue-rollback', 'run continue-update-rollback on UPDATE_ROLLBACK_FAILED stacks before updating them')
    .option('--skip-access-analyzer', 'do not run IAM Access Analyzer (refused for protected environments)')
    .option('--local', 'start moto server on a free loopback port, deploy to it, stop it')
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint (moto, LocalStack, a proxy)', nonEmpty('a URL'))
    .addOption(new Option('--outputs-profile <env=profile>', 'AWS profile to read another account\'s environment outputs with (repeatable, or a,b)').argParser(parseOutputsProfiles))
    .option('--timeout <minutes>', 'bound of each wait (change set creation, stack operation); longer for hypervisors rolling in rounds', positiveInt, 60)
    .addOption(new Option('--format <fmt>', 'output format').choices(['text', 'json']).default('text'))
    .option('-q, --quiet', 'print only errors and the final summary')
    .addHelpText('after', `
Examples:
  $ platformc deploy dev --local                 # the whole flow against moto, no AWS account needed
  $ platformc deploy dev --dry-run               # preview the change sets, change nothing
  $ platformc deploy prod                        # asks you to type "prod" to confirm
  $ platformc deploy prod --yes --role-arn arn:aws:iam::111122223333:role/cfn-deploy
  $ platformc deploy prod --create-only --plan plan-prod.json   # change sets to review, nothing executed
  $ platformc deploy prod --execute-plan plan-prod.json          # execute exactly those change sets
  $ platformc deploy dev --replace-failed        # recreate a stack whose first creation failed
  $ platformc deploy dev --disable-rollback      # a failure keeps what succeeded; deploy again resumes it
  $ platformc deploy dev --rollback              # or undo such a failed operation
  $ platformc deploy prod --detect-drift --dry-run   # what changed outside CloudFormation, and what the update would do
  $ platformc deploy dev --prune                 # also delete stacks generated/ no longer holds (a hosts-2)
  $ platformc deploy qa --prune --account 111122223333 --region us-east-1   # delete every stack of qa, removed from the spec
  $ platformc deploy prod --outputs-profile dev=dev-admin   # read dev's outputs (another account) with that profile

Exit codes: 0 deployed (or nothing to do), 1 refused or failed (see the DEPLOY code), 2 usage error.`)
    .action(async (env: string, flags: DeployFlags) => {
      assertExtraCaLoaded();
      const { runDeployCommand } = await import('../../deploy/deploy-command.js');
      result.code = await runDeployCommand(io, { env, ...flags });
    });
};
