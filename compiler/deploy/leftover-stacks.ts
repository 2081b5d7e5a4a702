/**
 * Stacks of an environment that generated/ no longer holds: a `hosts-2` after the fleet shrank, the pipeline stack
 * after the pipeline was taken out of the spec. CloudFormation keeps such a stack, and its hosts running, until
 * someone deletes it. Deploy finds them by the tags it puts on every stack (`platformc:platform`,
 * `platformc:environment`), shows them in the preview and, with --prune, deletes them (prune.ts).
 */
import { findDeletions } from '../diff/deletions.js';
import type { Deletion } from '../diff/model.js';
import type { CfnResource } from '../model/cfn.js';
import { instanceRounds } from '../model/rolling-time.js';
import { ENVIRONMENT_TAG, PLATFORM_TAG } from '../model/stack-tags.js';
import type { DeployedStack } from './aws-api.js';
import type { DeployContext } from './context.js';
import type { Assessment } from './inspect-stack.js';
import { asDeployError } from './deploy-error.js';
import { withRetry } from './retry.js';

export interface LeftoverStack {
  readonly stackName: string;
  readonly stackId: string;
  readonly status: string;
  readonly terminationProtection: boolean;
  /** Resources of its deployed template; undefined when the template cannot be read as JSON. */
  readonly resources?: number;
  /** Its resources that a deletion takes with their data (hosts and their disks, buckets without Retain...). */
  readonly deletions: readonly Deletion[];
  /** The export names its template declares, and those it imports (literal names, as platformc writes them). */
  readonly exports: readonly string[];
  readonly imports: readonly string[];
  /** Rounds its hypervisors are deleted in (a rolling batch reversed): the deletion is waited for that long. */
  readonly rollingRounds: number;
}

/** Whether `stack` was deployed by platformc for this platform and environment. */
export function belongsTo(stack: Pick<DeployedStack, 'stackName' | 'tags'>, platform: string, env: string): boolean {
  return stack.tags[PLATFORM_TAG] === platform && stack.tags[ENVIRONMENT_TAG] === env && stack.stackName.startsWith(`${platform}-${env}-`);
}

/** Every literal `Fn::ImportValue` name in a parsed template. */
export function importedNames(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) importedNames(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Fn::ImportValue' && typeof inner === 'string') into.push(inner);
      else importedNames(inner, into);
    }
  }
  return into;
}

interface ParsedTemplate {
  readonly Resources?: Readonly<Record<string, CfnResource>>;
  readonly Outputs?: Readonly<Record<string, { readonly Export?: { readonly Name?: unknown } }>>;
}

function parseTemplate(text: string): ParsedTemplate | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as ParsedTemplate) : undefined;
  } catch {
    return undefined;
  }
}

/** What a leftover stack holds, from its deployed template. */
export function describeLeftover(stack: DeployedStack, templateBody: string): LeftoverStack {
  const template = parseTemplate(templateBody);
  const resources = template?.Resources ?? {};
  const exports = Object.values(template?.Outputs ?? {}).flatMap((o) => (typeof o.Export?.Name === 'string' ? [o.Export.Name] : []));
  return {
    stackName: stack.stackName,
    stackId: stack.stackId,
    status: stack.status,
    terminationProtection: stack.terminationProtection,
    ...(template ? { resources: Object.keys(resources).length } : {}),
    deletions: findDeletions(Object.keys(resources).sort(), resources),
    exports: [...new Set(exports)].sort(),
    imports: [...new Set(importedNames(template?.Resources))].sort(),
    rollingRounds: instanceRounds(resources),
  };
}

/** The environment's deployed stacks that are not among `kept` (stack names), sorted by name. */
export async function findLeftoverStacks(ctx: DeployContext, options: { readonly platform: string; readonly env: string; readonly kept: ReadonlySet<string> }): Promise<LeftoverStack[]> {
  const cf = ctx.clients.cloudFormation;
  const all = await withRetry(() => cf.listStacks(`${options.platform}-${options.env}-`), { timing: ctx.timing, what: 'ListStacks' }).catch((error: unknown) => {
    throw asDeployError(error, { call: 'ListStacks' });
  });
  const leftovers = all.filter((s) => belongsTo(s, options.platform, options.env) && !options.kept.has(s.stackName)).sort((a, b) => (a.stackName < b.stackName ? -1 : 1));
  const described: LeftoverStack[] = [];
  for (const stack of leftovers) {
    const body = await withRetry(() => cf.getTemplate(stack.stackId), { timing: ctx.timing, what: 'GetTemplate', stack: stack.stackName }).catch(() => '');
    described.push(describeLeftover(stack, body));
  }
  return described;
}

/**
 * When each leftover can be deleted. A stack whose export another stack still imports cannot go: CloudFormation
 * refuses. So a leftover goes *first*, before any stack is updated (an update may drop an export it imports),
 * unless a kept stack, as deployed now, imports from it; then it goes *last*, after the updates that stop importing
 * (and so does every leftover it imports from). Within each group, importers go before what they import from.
 */
export function pruneOrder(leftovers: readonly LeftoverStack[], keptImports: ReadonlySet<string>): { readonly first: LeftoverStack[]; readonly last: LeftoverStack[] } {
  const importsFrom = (a: LeftoverStack, b: LeftoverStack): boolean => a !== b && a.imports.some((name) => b.exports.includes(name));
  const last = new Set(leftovers.filter((l) => l.exports.some((name) => keptImports.has(name))));
  for (let grew = true; grew; ) {
    grew = false;
    for (const l of leftovers) {
      if (!last.has(l) && [...last].some((late) => importsFrom(late, l))) {
        last.add(l);
        grew = true;
      }
    }
  }
  const ordered = (group: readonly LeftoverStack[]): LeftoverStack[] => {
    const out: LeftoverStack[] = [];
    const remaining = [...group];
    while (remaining.length > 0) {
      // The first (by name) that no remaining stack imports from; a cycle, which CloudFormation cannot hold, falls back to name order.
      const index = Math.max(0, remaining.findIndex((l) => !remaining.some((other) => importsFrom(other, l))));
      out.push(...remaining.splice(index, 1));
    }
    return out;
  };
  return { first: ordered(leftovers.filter((l) => !last.has(l))), last: ordered(leftovers.filter((l) => last.has(l))) };
}

/** Export names the kept stacks import as deployed now: a left-over stack exporting one of them must wait. */
export function keptImports(states: readonly { readonly assessment?: Assessment }[]): Set<string> {
  const names = new Set<string>();
  for (const state of states) {
    const a = state.assessment;
    if (a === undefined || a.action === 'create') continue;
    try {
      for (const name of importedNames(JSON.parse(a.deployedTemplate))) names.add(name);
    } catch {
      // A template that is not JSON imports nothing platformc wrote.
    }
  }
  return names;
}

