/**
 * `deploy <env> --prune --account <id> --region <region>`: an environment removed from the spec. The manifest no
 * longer says where its stacks are, so the flags do; its plan holds no stack, and every stack of it that deploy
 * finds (named `<platform>-<env>-*` and tagged with both) is left over and deleted. The same works for a platform
 * whose spec is gone, named with --platform. The environment counts as protected, so deleting is confirmed by
 * typing its name.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../emit/manifest.js';
import { partitionOf } from '../validate/aws-regions.js';
import { DeployError } from './deploy-error.js';
import { findPlatformDir, readManifest, type EnvironmentPlan } from './load-plan.js';

/** Where the stacks of an environment removed from the spec are (`--account`, `--region`). */
export interface RetiredEnvironment {
  readonly account: string;
  readonly region: string;
}

/** Platform names as the spec allows them, so a --platform that is no platform never becomes a stack prefix. */
const PLATFORM_NAME = /^[a-z][a-z0-9-]*$/;

/** The plan of an environment the manifest no longer has: no stacks, where `retired` says. */
export function loadRetiredPlan(options: {
  readonly generatedDir: string;
  readonly platform?: string;
  readonly env: string;
  readonly retired: RetiredEnvironment;
}): EnvironmentPlan {
  const { retired } = options;
  const partition = partitionOf(retired.region);
  if (partition === undefined) {
    throw new DeployError({ code: 'DEPLOY004', message: `--region ${retired.region} is not an AWS region`, hint: 'Give the region the environment was deployed to, as its manifest named it.' });
  }
  const manifest = retiredManifest(options);
  const environment = manifest.environments.find((e) => e.name === options.env);
  if (environment) {
    throw new DeployError({
      code: 'DEPLOY004',
      message: `environment "${options.env}" is in ${manifest.platform}'s manifest (account ${environment.account}, ${environment.region}); --account and --region are only for an environment removed from the spec`,
      hint: `Run \`platformc deploy ${options.env} --prune\` without them.`,
    });
  }
  return {
    platform: manifest.platform,
    manifest,
    environment: { name: options.env, account: retired.account, region: retired.region, partition, protect: true, boundaryPolicyName: '', stacks: [] },
    stacks: [],
  };
}

/** The platform's manifest; for a platform named with --platform whose output is gone, one without environments. */
function retiredManifest(options: { readonly generatedDir: string; readonly platform?: string }): Manifest {
  const { platform } = options;
  if (platform === undefined || existsSync(join(options.generatedDir, platform, 'manifest.json'))) return readManifest(findPlatformDir(options));
  if (!PLATFORM_NAME.test(platform)) {
    throw new DeployError({ code: 'DEPLOY004', message: `--platform ${platform} is not a platform name`, hint: 'Platform names are lower-case letters, digits and dashes, starting with a letter.' });
  }
  return { manifestVersion: 1, platform, spec: '', environments: [] };
}
