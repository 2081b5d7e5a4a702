/**
 * The semantic diff: base and head stacks compared per platform, environment and stack, with IAM broadening,
 * network broadening and replacement risk as first-class findings. Pure: files in, a PlatformDiff value out.
 */
import type { CfnTemplate, Json, JsonObject } from '../model/cfn.js';
import { diffValues, stableKey } from './deep-diff.js';
import { environmentResources } from './env-resources.js';
import { findExportsInUse } from './exports-in-use.js';
import { findIamBroadening, type StackFinding } from './iam-broadening.js';
import { findDeletions } from './deletions.js';
import { findInterruptions } from './interruptions.js';
import type {
  EnvironmentSummary, IamFinding, NetworkFinding, OutputChange, ParameterChange, PlatformDiff, Replacement, ResourceChange,
  RetiredLocation, StackDiff, StackInput,
} from './model.js';
import { findNetworkBroadening } from './network-broadening.js';
import { findReplacements } from './replacement.js';
import { stackOrder } from './stack-inputs.js';
import { compareText } from '../model/compare-text.js';

/**
 * Compares two compiled sets; `diffStacks(a, a)` has no stacks and no broadening. `platforms`: the platforms of
 * the head and base before any filtering by environment (`diff --env`), which decide whether deploy needs
 * `--platform` to reach a removed environment; by default those of the stacks given.
 */
export function diffStacks(base: readonly StackInput[], head: readonly StackInput[], platforms?: { readonly head: ReadonlySet<string>; readonly all: ReadonlySet<string> }): PlatformDiff {
  const envKeys = [...new Set([...base, ...head].map((s) => `${s.platform}\u0000${s.env}`))].sort();
  const stacks: StackDiff[] = [];
  const environments: EnvironmentSummary[] = [];
  const headPlatforms = platforms?.head ?? new Set(head.map((s) => s.platform));
  const several = (platforms?.all ?? new Set([...base, ...head].map((s) => s.platform))).size > 1;
  for (const envKey of envKeys) {
    const inEnv = (s: StackInput) => `${s.platform}\u0000${s.env}` === envKey;
    const headEnv = head.filter(inEnv);
    const baseEnv = base.filter(inEnv);
    const deployed = baseEnv[0];
    // The whole environment is gone: deploy can reach its stacks only when told where they are.
    const retired: RetiredLocation | undefined = headEnv.length === 0 && deployed?.account !== undefined && deployed.region !== undefined
      ? { account: deployed.account, region: deployed.region, platformFlag: several || !headPlatforms.has(deployed.platform) }
      : undefined;
    const envStacks = diffEnvironment(baseEnv, headEnv, retired);
    stacks.push(...envStacks);
    const [platform = '', env = ''] = envKey.split('\u0000');
    environments.push(summarize(platform, env, envStacks));
  }
  return {
    stacks,
    environments,
    broadening: environments.some((e) => e.iamBroadening || e.networkBroadening),
    specChanges: [],
    acknowledgementsAdded: [],
  };
}

function diffEnvironment(base: readonly StackInput[], head: readonly StackInput[], retired?: RetiredLocation): StackDiff[] {
  const baseBy = new Map(base.map((s) => [s.stack, s]));
  const headBy = new Map(head.map((s) => [s.stack, s]));
  const names = [...new Set([...baseBy.keys(), ...headBy.keys()])];
  const sections = new Map(names.map((name) => [name, diffSections(baseBy.get(name), headBy.get(name))]));
  const baseResources = environmentResources(base);
  const headResources = environmentResources(head);
  const iam = groupByStack(findIamBroadening(baseResources, headResources));
  const network = groupByStack(findNetworkBroadening(baseResources, headResources));
  const replacements = findReplacements({ head, base, changes: sections });
  const interruptions = findInterruptions(sections, replacements, new Map(head.map((s) => [s.stack, s.propertySources ?? {}])));
  const exportsInUse = findExportsInUse({ head, outputs: new Map([...sections].map(([name, s]) => [name, s.outputs])), replacements });
  const result: StackDiff[] = [];
  for (const name of names) {
    const before = baseBy.get(name);
    const after = headBy.get(name);
    const identity = (after ?? before) as StackInput;
    const s = sections.get(name) ?? { resources: [], parameters: [], outputs: [], other: [] };
    const replaced = replacements.get(name) ?? [];
    const deletions = findDeletions(s.resources.filter((r) => r.kind === 'removed').map((r) => r.logicalId), before?.template.Resources ?? {});
    // Only a stack that exists can have a policy; platformc's denies replacing or deleting what holds data.
    const refusedByPolicy = before !== undefined && (after ?? before).protected === true
      ? [...replaced.filter((r) => r.stateful && !r.conditional).map((r) => r.logicalId), ...deletions.map((d) => d.logicalId)].sort(compareText)
      : [];
    const diff: Omit<StackDiff, 'sources'> = {
      platform: identity.platform,
      env: identity.env,
      stack: name,
      kind: before === undefined ? 'added' : after === undefined ? 'removed' : 'modified',
      ...s,
      iam: iam.get(name) ?? [],
      network: network.get(name) ?? [],
      replacements: replaced,
      interruptions: interruptions.get(name) ?? [],
      deletions,
      refusedByPolicy,
      exportsInUse: exportsInUse.get(name) ?? [],
      ...(retired !== undefined && after === undefined ? { retired } : {}),
    };
    const empty = [diff.resources, diff.parameters, diff.outputs, diff.other, diff.iam, diff.network, diff.replacements, diff.interruptions, diff.exportsInUse]
      .every((l) => l.length === 0);
    if (!empty || diff.kind !== 'modified') result.push({ ...diff, sources: namedSources(diff, after?.sources ?? {}) });
  }
  return result.sort((a, b) => compareText(stackOrder(a), stackOrder(b)));
}

/** The head locations of the resources the stack's diff names, in logical id order. */
function namedSources(diff: Omit<StackDiff, 'sources'>, sources: { readonly [logicalId: string]: string }): { [logicalId: string]: string } {
  const named = new Set([
    ...diff.resources.map((r) => r.logicalId),
    ...diff.iam.map((f) => f.logicalId),
    ...diff.network.map((f) => f.logicalId),
    ...diff.replacements.map((r) => r.logicalId),
    ...diff.interruptions.map((i) => i.logicalId),
  ]);
  const out: { [logicalId: string]: string } = {};
  for (const logicalId of [...named].sort()) {
    const location = sources[logicalId];
    if (location !== undefined) out[logicalId] = location;
  }
  return out;
}

interface Sections {
  readonly resources: readonly ResourceChange[];
  readonly parameters: readonly ParameterChange[];
  readonly outputs: readonly OutputChange[];
  readonly other: ReturnType<typeof diffValues>;
}

const EMPTY_TEMPLATE: CfnTemplate = { AWSTemplateFormatVersion: '2010-09-09', Description: '', Resources: {} };

function diffSections(before: StackInput | undefined, after: StackInput | undefined): Sections {
  const a = before?.template ?? EMPTY_TEMPLATE;
  const b = after?.template ?? EMPTY_TEMPLATE;
  const resources: ResourceChange[] = [];
  for (const id of unionKeys(a.Resources, b.Resources)) {
    const old = a.Resources[id];
    const cur = b.Resources[id];
    if (old === undefined && cur !== undefined) resources.push({ logicalId: id, kind: 'added', type: cur.Type, changes: [] });
    else if (cur === undefined && old !== undefined) resources.push({ logicalId: id, kind: 'removed', type: old.Type, changes: [] });
    else if (old !== undefined && cur !== undefined) {
      const changes = diffValues(old as unknown as Json, cur as unknown as Json);
      if (changes.length === 0) continue;
      resources.push({ logicalId: id, kind: 'modified', type: cur.Type, ...(old.Type !== cur.Type ? { oldType: old.Type } : {}), changes });
    }
  }
  const parameters: ParameterChange[] = [];
  const aParams = parameterView(before);
  const bParams = parameterView(after);
  for (const name of unionKeys(aParams, bParams)) {
    const change = namedChange(name, aParams[name], bParams[name]);
    if (change !== undefined) parameters.push(change);
  }
  const outputs: OutputChange[] = [];
  const aOut = (a.Outputs ?? {}) as unknown as JsonObject;
  const bOut = (b.Outputs ?? {}) as unknown as JsonObject;
  for (const name of unionKeys(aOut, bOut)) {
    const change = namedChange(name, aOut[name], bOut[name]);
    if (change !== undefined) outputs.push(change);
  }
  const rest = (t: CfnTemplate): Json => {
    const { Resources: _r, Parameters: _p, Outputs: _o, ...others } = t;
    return others as unknown as Json;
  };
  const other = before === undefined || after === undefined ? [] : diffValues(rest(a), rest(b));
  return { resources, parameters, outputs, other };
}

/** A parameter as the reader cares about it: the value that will be deployed, else its definition. */
function parameterView(stack: StackInput | undefined): JsonObject {
  if (stack === undefined) return {};
  const view: { [name: string]: Json } = {};
  const definitions = (stack.template.Parameters ?? {}) as unknown as JsonObject;
  for (const name of unionKeys(definitions, stack.parameterValues)) {
    const value = stack.parameterValues[name];
    view[name] = value !== undefined ? { value, definition: definitions[name] ?? null } : { definition: definitions[name] ?? null };
  }
  return view;
}

function namedChange(name: string, old: Json | undefined, cur: Json | undefined): ParameterChange | undefined {
  if (old === undefined && cur === undefined) return undefined;
  if (old === undefined) return { name, kind: 'added', new: shown(cur) };
  if (cur === undefined) return { name, kind: 'removed', old: shown(old) };
  if (stableKey(old) === stableKey(cur)) return undefined;
  return { name, kind: 'modified', old: shown(old), new: shown(cur) };
}

/** Parameters show their value when they have one; outputs show their value expression. */
function shown(v: Json | undefined): Json {
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'value' in v) return (v as JsonObject).value ?? null;
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'definition' in v) return (v as JsonObject).definition ?? null;
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'Value' in v) return (v as JsonObject).Value ?? null;
  return v ?? null;
}

function unionKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

function groupByStack<T>(findings: readonly StackFinding<T>[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const { stack, finding } of findings) map.set(stack, [...(map.get(stack) ?? []), finding]);
  return map;
}

function summarize(platform: string, env: string, stacks: readonly StackDiff[]): EnvironmentSummary {
  const count = (kind: ResourceChange['kind']) => stacks.reduce((n, s) => n + s.resources.filter((r) => r.kind === kind).length, 0);
  const replacements: readonly Replacement[] = stacks.flatMap((s) => s.replacements);
  const iam: readonly IamFinding[] = stacks.flatMap((s) => s.iam);
  const network: readonly NetworkFinding[] = stacks.flatMap((s) => s.network);
  return {
    platform,
    env,
    added: count('added'),
    modified: count('modified'),
    removed: count('removed'),
    iamBroadening: iam.length > 0,
    networkBroadening: network.length > 0,
    replacements: replacements.length,
    statefulReplacements: replacements.filter((r) => r.stateful).length,
    interruptions: stacks.reduce((n, s) => n + s.interruptions.length, 0),
    statefulDeletions: stacks.reduce((n, s) => n + s.deletions.length, 0),
  };
}
