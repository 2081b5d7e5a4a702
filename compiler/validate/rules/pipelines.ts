/**
 * Pipelines: stages deploy existing environments in order, each once; protected environments always get a human.
 */
import type { CodeInfo } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../../load/loaded-spec.js';
import type { PlatformSpec } from '../../model/spec.js';
import { routedEnvironments } from '../../model/routing-targets.js';
import { environmentNames, finding, type Rule } from '../rule.js';
import { suggestionHint } from '../suggest.js';
import { partitionOf } from '../aws-regions.js';
import { pipelineHome, stageEnv } from '../../model/pipeline-stages.js';
import { EMAIL } from './logging.js';

export const PIPELINE_NAME = /^[a-z][a-z0-9-]{0,31}$/;
export const GITHUB_REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
export const CONNECTION_ARN = /^arn:aws(-[a-z]+)*:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[A-Za-z0-9-]+$/;
export const CODECOMMIT_REPOSITORY = /^[A-Za-z0-9._-]{1,100}$/;

export const PIPELINE_CODES: readonly CodeInfo[] = [
  { code: 'PIPE001', title: 'Stage names an unknown environment', why: 'A stage deploys one of the declared environments.', example: 'stages: [dev, prd]', fix: 'Use a name from environments.' },
  { code: 'PIPE002', title: 'Environment deployed twice', why: 'Each environment is deployed once per pipeline run; a second stage would redeploy it out of order.', example: 'stages: [dev, prod, dev]', fix: 'Keep each environment once.' },
  { code: 'PIPE003', title: 'No approval for a protected environment', why: 'Protected environments may not be changed without a person seeing the change; a stage written as a bare name, or without approval, deploys straight through like approval: never.', example: 'stages: [{ env: prod, approval: never }]  # prod has protect: true', fix: 'Use approval: on-broadening, on-risk or always.' },
  { code: 'PIPE004', title: 'Pipeline home is an unknown environment', why: 'The pipeline runs in the account of an existing environment.', example: 'home: tools', fix: 'Use a name from environments.' },
  { code: 'PIPE005', title: 'Invalid pipeline source', why: 'The source is either GitHub through a CodeConnections connection, or CodeCommit, on a branch git can name.', example: 'source: { github: example-org/platform, branch: main }', fix: 'Give github with connection, or codecommit, and well-formed names; the branch as git names it.' },
  { code: 'PIPE006', title: 'Invalid pipeline name', why: 'Pipeline names become part of resource names.', example: 'pipelines:\n  Main_Pipeline: {...}', fix: 'Use [a-z][a-z0-9-]*, at most 32 characters.' },
  { code: 'PIPE007', title: 'Invalid notification address', why: 'Approvals and failures are sent to this email address.', example: 'notify: platform-team', fix: 'Write an email address.' },
  { code: 'PIPE008', title: 'Pipeline cannot read a router address in another account', why: 'The routing home\'s records answer with other environments\' router addresses, read from their stacks at deploy time. In another account the pipeline reads them as that environment\'s deploy role, which exists only for environments the pipeline deploys.', example: 'routing: { home: prod, records: [{ ..., target: { env: dev } }] }  # dev in another account\npipelines: { main: { stages: [prod] } }', fix: 'Add the environment to the pipeline\'s stages, before the routing home.' },
  { code: 'PIPE009', title: 'Routing home deployed before an environment it answers with', why: 'The routing home\'s dns stack needs the other environments\' router addresses; before they are deployed there is nothing to read, so the first run stops at the routing home.', example: 'stages: [prod, dr]  # prod holds the zone, its records answer with dr', fix: 'Deploy the environments the records answer with before the routing home.' },
  { code: 'PIPE010', title: 'Stage in another partition than the pipeline', why: 'The pipeline deploys each environment through a role it assumes there; partitions (aws, aws-cn, aws-us-gov) are separate, and no role can be assumed across them.', example: 'home: dev  # us-east-1\nstages: [dev, gov]  # gov in us-gov-west-1', fix: 'Give the other partition a pipeline of its own, with a home there.' },
];

export const checkPipelines: Rule = (spec, loaded) => {
  const out: Diagnostic[] = [];
  const envs = environmentNames(spec);
  for (const [name, pipeline] of Object.entries(spec.pipelines ?? {})) {
    const base = ['pipelines', name];
    if (!PIPELINE_NAME.test(name)) {
      out.push(finding(loaded, { code: 'PIPE006', path: base, at: 'key', message: `pipeline name "${name}" is not valid`, hint: 'use [a-z][a-z0-9-]*, at most 32 characters' }));
    }
    if (pipeline.home !== undefined && !envs.includes(pipeline.home)) {
      out.push(finding(loaded, { code: 'PIPE004', path: [...base, 'home'], message: `pipeline ${name} home "${pipeline.home}" is not an environment`, hint: suggestionHint(pipeline.home, envs, 'environments') }));
    }
    out.push(...checkSource(loaded, pipeline.source, [...base, 'source']));
    const seen = new Set<string>();
    const home = pipelineHome(pipeline);
    const homePartition = partitionOf(spec.environments[home ?? '']?.region ?? '');
    for (const [index, stage] of pipeline.stages.entries()) {
      const env = stageEnv(stage);
      const path = typeof stage === 'string' ? [...base, 'stages', index] : [...base, 'stages', index, 'env'];
      if (!envs.includes(env)) {
        out.push(finding(loaded, { code: 'PIPE001', path, message: `stage ${index + 1} of pipeline ${name} deploys "${env}", which is not an environment`, hint: suggestionHint(env, envs, 'environments') }));
        continue;
      }
      if (seen.has(env)) {
        out.push(finding(loaded, { code: 'PIPE002', path, message: `pipeline ${name} deploys ${env} more than once`, hint: 'keep each environment in one stage' }));
      }
      seen.add(env);
      const stagePartition = partitionOf(spec.environments[env]?.region ?? '');
      if (homePartition !== undefined && stagePartition !== undefined && homePartition !== stagePartition) {
        out.push(finding(loaded, { code: 'PIPE010', path, message: `pipeline ${name} runs in ${home ?? env} (${homePartition}) and cannot deploy ${env} (${stagePartition}): no role can be assumed across partitions`, hint: `give ${stagePartition} a pipeline of its own, with a home there` }));
      }
      // A bare name, or a stage without approval, deploys straight through as much as approval: never does.
      const approval = typeof stage === 'string' ? undefined : stage.approval;
      if ((approval === undefined || approval === 'never') && spec.environments[env]?.protect === true) {
        const where = approval === undefined ? path : [...base, 'stages', index, 'approval'];
        const how = approval === undefined ? 'a stage without approval deploys straight through' : 'approval: never';
        out.push(finding(loaded, { code: 'PIPE003', path: where, message: `pipeline ${name} deploys protected environment ${env} without approval (${how})`, hint: `write { env: ${env}, approval: on-broadening } (or on-risk, or always)` }));
      }
    }
    out.push(...routedOutputFindings(spec, loaded, name));
    if (pipeline.notify !== undefined && !EMAIL.test(pipeline.notify)) {
      out.push(finding(loaded, { code: 'PIPE007', path: [...base, 'notify'], message: `"${pipeline.notify}" is not an email address`, hint: 'write one address, such as platform-team@example.com (the SNS topic of approvals and failures mails it)' }));
    }
  }
  return out;
};

/** Whether a pipeline that deploys the routing home can read the router addresses its records answer with. */
function routedOutputFindings(spec: PlatformSpec, loaded: LoadedSpec, name: string): Diagnostic[] {
  const home = spec.routing?.home;
  const stages = (spec.pipelines?.[name]?.stages ?? []).map(stageEnv);
  const at = home === undefined ? -1 : stages.indexOf(home);
  if (home === undefined || at < 0) return [];
  const stage = spec.pipelines?.[name]?.stages[at];
  const path = ['pipelines', name, 'stages', at, ...(typeof stage === 'string' ? [] : ['env'])];
  const out: Diagnostic[] = [];
  for (const other of routedEnvironments(spec.routing, home)) {
    const account = spec.environments[other]?.account;
    if (account === undefined) continue;
    const index = stages.indexOf(other);
    if (index < 0 && account !== spec.environments[home]?.account) {
      out.push(finding(loaded, {
        code: 'PIPE008',
        severity: 'warning',
        path,
        message: `pipeline ${name} deploys ${home}, whose records answer with ${other}'s router address in account ${account}, but does not deploy ${other}: it has no role there to read the address, so the deploy of ${home} stops (DEPLOY017)`,
        hint: `add ${other} to the stages before ${home}, or deploy ${home} by hand with --outputs-profile ${other}=<a profile of account ${account}>`,
      }));
    } else if (index > at) {
      out.push(finding(loaded, {
        code: 'PIPE009',
        severity: 'warning',
        path,
        message: `pipeline ${name} deploys ${home} before ${other}, whose router address ${home}'s records answer with: the first run stops at ${home}, as ${other} is not deployed yet (DEPLOY017)`,
        hint: `move ${other} before ${home} in the stages`,
      }));
    }
  }
  return out;
}

/**
 * Why `branch` is not a git branch name, or undefined when it is one: git's own rules (`git check-ref-format
 * --branch`), which CodeConnections and CodeCommit follow. A name git cannot have would never trigger the pipeline.
 */
export function branchNameProblem(branch: string): string | undefined {
  const refused = /[\u0000-\u0020\u007f~^:?*[\\]/u.exec(branch);
  if (refused !== null) {
    const character = refused[0];
    const code = character.codePointAt(0) ?? 0;
    return code === 0x20 ? 'contains a space' : code < 0x20 || code === 0x7f ? `contains the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `contains "${character}"`;
  }
  if (branch === 'HEAD') return 'is HEAD, which git does not allow as a branch name';
  if (branch.startsWith('-')) return 'starts with "-"';
  if (branch.includes('..')) return 'contains ".."';
  if (branch.includes('@{')) return 'contains "@{"';
  if (branch.startsWith('/') || branch.endsWith('/') || branch.includes('//')) return 'has an empty path component (a leading, trailing or double "/")';
  if (branch.endsWith('.')) return 'ends with "."';
  if (branch.split('/').some((part) => part.startsWith('.'))) return 'has a path component starting with "."';
  if (branch.split('/').some((part) => part.endsWith('.lock'))) return 'has a path component ending with ".lock"';
  return undefined;
}

type Source = { readonly github?: string; readonly connection?: string; readonly codecommit?: string; readonly branch: string };

function checkSource(loaded: LoadedSpec, source: Source, path: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (key: string | undefined, message: string, hint?: string): void => {
    out.push(finding(loaded, { code: 'PIPE005', path: key === undefined ? path : [...path, key], message, ...(hint ? { hint } : {}) }));
  };
  const branchProblem = branchNameProblem(source.branch);
  if (branchProblem !== undefined) report('branch', `branch ${JSON.stringify(source.branch)} ${branchProblem}, so it is not a git branch name`, 'write the branch as git names it, such as main or release/2026');
  if ((source.github === undefined) === (source.codecommit === undefined)) {
    report(undefined, 'pipeline source must name exactly one of github or codecommit');
    return out;
  }
  if (source.github !== undefined) {
    if (!GITHUB_REPOSITORY.test(source.github)) report('github', `"${source.github}" is not a GitHub repository (owner/name)`);
    if (source.connection === undefined) report(undefined, 'a GitHub source needs a CodeConnections connection ARN', 'add connection: arn:aws:codeconnections:<region>:<account>:connection/<id>');
    else if (!CONNECTION_ARN.test(source.connection)) report('connection', `"${source.connection}" is not a CodeConnections connection ARN`, 'it looks like arn:aws:codeconnections:us-east-1:111122223333:connection/abc');
  } else {
    if (source.codecommit !== undefined && !CODECOMMIT_REPOSITORY.test(source.codecommit)) report('codecommit', `"${source.codecommit}" is not a CodeCommit repository name`);
    if (source.connection !== undefined) report('connection', 'a CodeCommit source takes no connection');
  }
  return out;
}
