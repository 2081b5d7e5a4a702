/**
 * Checks that span the specs of one project: two specs naming the same platform would write over each other's
 * output (COMPILE006), and two whose stacks share a name in one account and region would deploy over each other
 * (COMPILE008). Compile and validate both claim each compiled spec in turn, so both report the same clashes, on
 * the later spec.
 */
import type { AssembledStack } from './assemble/stack.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { Platform } from './model/platform.js';

/** What a compiled spec claims: its platform name and its stacks' names where they deploy. */
export interface ClaimedSpec {
  readonly platform: Platform;
  readonly stacks: readonly AssembledStack[];
}

interface StackOwner {
  readonly platform: string;
  readonly env: string;
  readonly file: string;
}

/**
 * A claim on names for one project run: returns the clash that keeps `spec` from being used, or undefined when its
 * names are free (they are then taken). A spec with a clash takes nothing, so a third spec is compared with the
 * first only.
 */
export type ClaimNames = (spec: ClaimedSpec) => Diagnostic | undefined;

export function projectClaims(): ClaimNames {
  const platforms = new Map<string, string>();
  const stacks = new Map<string, StackOwner>();
  return (spec) => {
    const clash = platformClash(spec.platform, platforms) ?? stackNameClash(spec, stacks);
    if (clash !== undefined) return clash;
    platforms.set(spec.platform.name, spec.platform.file);
    for (const { stack, key } of keyedStacks(spec)) stacks.set(key, { platform: spec.platform.name, env: stack.env, file: spec.platform.file });
    return undefined;
  };
}

/** Each stack of `spec` with the key it is unique under: account, region and stack name. */
function keyedStacks(spec: ClaimedSpec): { readonly stack: AssembledStack; readonly key: string }[] {
  const where = new Map(spec.platform.environments.map((env) => [env.name, `${env.account} ${env.region}`]));
  return spec.stacks.map((stack) => ({ stack, key: `${where.get(stack.env) ?? ''} ${stack.stackName}` }));
}

function platformClash(platform: Platform, owners: ReadonlyMap<string, string>): Diagnostic | undefined {
  const owner = owners.get(platform.name);
  if (owner === undefined) return undefined;
  return {
    code: 'COMPILE006',
    severity: 'error',
    message: `platform ${platform.name} is already defined by ${owner}`,
    file: platform.file,
    path: ['platform'],
    hint: 'every spec needs its own platform name: the output goes to generated/<platform>/',
  };
}

/** The first stack of `spec` whose name another platform's stack already has in the same account and region. */
function stackNameClash(spec: ClaimedSpec, owners: ReadonlyMap<string, StackOwner>): Diagnostic | undefined {
  const { platform } = spec;
  for (const { stack, key } of keyedStacks(spec)) {
    const other = owners.get(key);
    if (other === undefined || other.platform === platform.name) continue;
    return {
      code: 'COMPILE008',
      severity: 'error',
      message: `stack ${stack.stackName} of environment ${stack.env} is also a stack of platform ${other.platform}, environment ${other.env} (${other.file}), in the same account and region`,
      file: platform.file,
      path: ['environments', stack.env],
      hint: `rename the platform or the environment so that ${platform.name}-${stack.env} and ${other.platform}-${other.env} differ`,
    };
  }
  return undefined;
}
