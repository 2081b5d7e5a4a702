/**
 * Pipelines: stages deploy existing environments in order, each once; protected environments always get a human.
 */
import type { CodeInfo } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../../load/loaded-spec.js';
import { environmentNames, finding, type Rule } from '../rule.js';
import { suggestionHint } from '../suggest.js';
import { EMAIL } from './logging.js';

export const PIPELINE_NAME = /^[a-z][a-z0-9-]{0,31}$/;
export const GITHUB_REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
export const CONNECTION_ARN = /^arn:aws(-[a-z]+)*:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[A-Za-z0-9-]+$/;
export const CODECOMMIT_REPOSITORY = /^[A-Za-z0-9._-]{1,100}$/;

export const PIPELINE_CODES: readonly CodeInfo[] = [
  { code: 'PIPE001', title: 'Stage names an unknown environment', why: 'A stage deploys one of the declared environments.', example: 'stages: [dev, prd]', fix: 'Use a name from environments.' },
  { code: 'PIPE002', title: 'Environment deployed twice', why: 'Each environment is deployed once per pipeline run; a second stage would redeploy it out of order.', example: 'stages: [dev, prod, dev]', fix: 'Keep each environment once.' },
  { code: 'PIPE003', title: 'No approval for a protected environment', why: 'Protected environments may not be changed without a person seeing the change.', example: 'stages: [{ env: prod, approval: never }]  # prod has protect: true', fix: 'Use approval: on-broadening or always.' },
  { code: 'PIPE004', title: 'Pipeline home is an unknown environment', why: 'The pipeline runs in the account of an existing environment.', example: 'home: tools', fix: 'Use a name from environments.' },
  { code: 'PIPE005', title: 'Invalid pipeline source', why: 'The source is either GitHub through a CodeConnections connection, or CodeCommit.', example: 'source: { github: example-org/platform, branch: main }', fix: 'Give github with connection, or codecommit, and well-formed names.' },
  { code: 'PIPE006', title: 'Invalid pipeline name', why: 'Pipeline names become part of resource names.', example: 'pipelines:\n  Main_Pipeline: {...}', fix: 'Use [a-z][a-z0-9-]*, at most 32 characters.' },
  { code: 'PIPE007', title: 'Invalid notification address', why: 'Approvals and failures are sent to this email address.', example: 'notify: platform-team', fix: 'Write an email address.' },
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
    for (const [index, stage] of pipeline.stages.entries()) {
      const env = typeof stage === 'string' ? stage : stage.env;
      const path = typeof stage === 'string' ? [...base, 'stages', index] : [...base, 'stages', index, 'env'];
      if (!envs.includes(env)) {
        out.push(finding(loaded, { code: 'PIPE001', path, message: `stage ${index + 1} of pipeline ${name} deploys "${env}", which is not an environment`, hint: suggestionHint(env, envs, 'environments') }));
        continue;
      }
      if (seen.has(env)) {
        out.push(finding(loaded, { code: 'PIPE002', path, message: `pipeline ${name} deploys ${env} more than once`, hint: 'keep each environment in one stage' }));
      }
      seen.add(env);
      if (typeof stage !== 'string' && stage.approval === 'never' && spec.environments[env]?.protect === true) {
        out.push(finding(loaded, { code: 'PIPE003', path: [...base, 'stages', index, 'approval'], message: `pipeline ${name} deploys protected environment ${env} without approval`, hint: 'use approval: on-broadening or always' }));
      }
    }
    if (pipeline.notify !== undefined && !EMAIL.test(pipeline.notify)) {
      out.push(finding(loaded, { code: 'PIPE007', path: [...base, 'notify'], message: `"${pipeline.notify}" is not an email address` }));
    }
  }
  return out;
};

type Source = { readonly github?: string; readonly connection?: string; readonly codecommit?: string; readonly branch: string };

function checkSource(loaded: LoadedSpec, source: Source, path: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (key: string | undefined, message: string, hint?: string): void => {
    out.push(finding(loaded, { code: 'PIPE005', path: key === undefined ? path : [...path, key], message, ...(hint ? { hint } : {}) }));
  };
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
