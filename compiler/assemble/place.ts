/**
 * Placement: which stack of an environment each resource lands in. Resources go to the stack of their fragment's
 * kind; a kind with groups (hosts: one group per hypervisor) is split into `<kind>`, `<kind>-2`, ... a fixed
 * number of groups each (`hosts.hypervisors.perStack`), so related resources never straddle stacks and a group
 * stays in its stack whatever else the spec changes.
 */
import type { Diagnostic, SpecPath } from '../diagnostics/diagnostic.js';
import { STACK_KINDS, type Fragment, type FragmentOutput, type FragmentParameter, type FragmentResource, type StackKind } from '../expand/fragment.js';

/** The resources, parameters and outputs one stack will hold, before references are resolved. */
export interface PlannedStack {
  /** `hosts`, `hosts-2`, ... */
  readonly name: string;
  readonly kind: StackKind;
  /** The first stack of its kind keeps the ungrouped resources, every parameter and every declared output. */
  readonly primary: boolean;
  readonly resources: readonly FragmentResource[];
  readonly parameters: readonly FragmentParameter[];
  readonly outputs: readonly FragmentOutput[];
}

interface KindContent {
  readonly resources: FragmentResource[];
  readonly parameters: FragmentParameter[];
  readonly outputs: FragmentOutput[];
}

export interface PlaceOptions {
  /** The spec file and environment, to address diagnostics. */
  readonly file: string;
  readonly env: string;
  /** Groups (hypervisors) per stack of a kind that has them: the first stack holds the ungrouped resources too. */
  readonly groupsPerStack: number;
}

/**
 * Gathers an environment's fragments per stack kind and splits kinds that exceed the quotas. Duplicate logical
 * ids (COMPILE001) and conflicting parameter or output names (COMPILE005) are reported and the later one dropped,
 * so the rest of the environment can still be checked.
 */
export function planStacks(fragments: readonly Fragment[], options: PlaceOptions): { stacks: PlannedStack[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const byKind = gatherByKind(fragments, options, diagnostics);
  const stacks: PlannedStack[] = [];
  for (const kind of STACK_KINDS) {
    const content = byKind.get(kind);
    if (content === undefined) continue;
    stacks.push(...splitKind(kind, content, options.groupsPerStack));
  }
  return { stacks, diagnostics };
}

function gatherByKind(fragments: readonly Fragment[], options: PlaceOptions, diagnostics: Diagnostic[]): Map<StackKind, KindContent> {
  const byKind = new Map<StackKind, KindContent>();
  const seenIds = new Map<string, FragmentResource>();
  for (const fragment of fragments) {
    let content = byKind.get(fragment.stack);
    if (content === undefined) {
      content = { resources: [], parameters: [], outputs: [] };
      byKind.set(fragment.stack, content);
    }
    for (const resource of fragment.resources) {
      const earlier = seenIds.get(resource.logicalId);
      if (earlier !== undefined) {
        diagnostics.push({
          code: 'COMPILE001',
          severity: 'error',
          message: `environment ${options.env}: two resources are named ${resource.logicalId} (${earlier.resource.Type} and ${resource.resource.Type})`,
          file: options.file,
          path: resource.origin,
          hint: `the first comes from ${formatPath(earlier.origin)}; rename one of the two spec entries`,
        });
        continue;
      }
      seenIds.set(resource.logicalId, resource);
      content.resources.push(resource);
    }
    addUnique(content.parameters, fragment.parameters ?? [], sameParameter, options, diagnostics, fragment.stack);
    addUnique(content.outputs, fragment.outputs ?? [], (a, b) => JSON.stringify(a) === JSON.stringify(b), options, diagnostics, fragment.stack);
  }
  return byKind;
}

function sameParameter(a: FragmentParameter, b: FragmentParameter): boolean {
  return a.value === b.value && JSON.stringify(a.definition) === JSON.stringify(b.definition) && JSON.stringify(a.fromOutput) === JSON.stringify(b.fromOutput);
}

function addUnique<T extends { readonly name: string }>(
  into: T[],
  items: readonly T[],
  same: (a: T, b: T) => boolean,
  options: PlaceOptions,
  diagnostics: Diagnostic[],
  kind: StackKind,
): void {
  for (const item of items) {
    const earlier = into.find((existing) => existing.name === item.name);
    if (earlier === undefined) {
      into.push(item);
    } else if (!same(earlier, item)) {
      diagnostics.push({
        code: 'COMPILE005',
        severity: 'error',
        message: `environment ${options.env}, ${kind} stack: ${item.name} is defined twice with different content`,
        file: options.file,
        path: 'origin' in item && Array.isArray(item.origin) ? (item.origin as SpecPath) : [],
      });
    }
  }
}

function splitKind(kind: StackKind, content: KindContent, perStack: number): PlannedStack[] {
  const [base, ...groups] = groupUnits(content.resources);
  if (base === undefined || groups.length === 0) return [{ name: kind, kind, primary: true, ...content }];
  // By count alone: a group's stack depends on its position, never on the size of anything, so a change that
  // makes every host's user data longer does not move the last hosts of a stack to the next (replacing them).
  // Whether each stack then fits 1 MB is checked on the emitted text (compile.ts).
  return Array.from({ length: Math.ceil(groups.length / perStack) }, (_, index): PlannedStack => {
    const bin = groups.slice(index * perStack, (index + 1) * perStack);
    return {
      name: index === 0 ? kind : `${kind}-${index + 1}`,
      kind,
      primary: index === 0,
      resources: [...(index === 0 ? base : []), ...bin.flat()],
      parameters: index === 0 ? content.parameters : [],
      outputs: index === 0 ? content.outputs : [],
    };
  });
}

/** The ungrouped resources first (they stay in the primary stack), then each group in order of appearance. */
function groupUnits(resources: readonly FragmentResource[]): FragmentResource[][] {
  const base: FragmentResource[] = [];
  const groups = new Map<string, FragmentResource[]>();
  for (const r of resources) {
    if (r.group === undefined) {
      base.push(r);
      continue;
    }
    const members = groups.get(r.group);
    if (members === undefined) groups.set(r.group, [r]);
    else members.push(r);
  }
  return [base, ...groups.values()];
}

/** A spec path as people write it in messages: `hosts.hypervisors.count`, `logging.groups[2]`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
}
