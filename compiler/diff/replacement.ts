/**
 * Replacement risk: which resources CloudFormation will replace, directly (a replacement-causing property or the
 * type changed, see replacement-table.ts) or because a replacement-causing property refers to a replaced
 * resource (a new VPC means new subnets, then new instances and interfaces in them), across the stacks of one
 * environment through exports and imports.
 */
import type { Json } from '../model/cfn.js';
import { formatPath, isJsonObject, stableKey } from './deep-diff.js';
import type { JsonPath, ParameterChange, Replacement, ResourceChange, StackInput } from './model.js';
import { referencesIn } from './references.js';
import { replacementRule, type ReplacementRule } from './replacement-table.js';
import { compareText } from '../model/compare-text.js';

export interface EnvironmentChanges {
  readonly head: readonly StackInput[];
  /** The base stacks, for what a parameter was before (an SSM parameter is resolved only at deploy). */
  readonly base?: readonly StackInput[];
  /** Per head stack name: its resource and parameter changes. */
  readonly changes: ReadonlyMap<string, { readonly resources: readonly ResourceChange[]; readonly parameters: readonly ParameterChange[] }>;
}

interface Located {
  readonly stack: StackInput;
  readonly logicalId: string;
}

/** Replacements per head stack name, each list sorted by logical id. */
export function findReplacements(env: EnvironmentChanges): Map<string, Replacement[]> {
  const replaced = new Map<string, Replacement & { readonly stack: string }>();
  for (const stack of env.head) {
    const changes = env.changes.get(stack.stack);
    if (changes === undefined) continue;
    for (const change of changes.resources) {
      const direct = directReplacement(change);
      if (direct !== undefined) replaced.set(change.logicalId, { ...direct, stack: stack.stack });
    }
    const changedParameters = new Set(changes.parameters.filter((p) => p.kind === 'modified').map((p) => p.name));
    if (changedParameters.size === 0) continue;
    const isNew = added(env);
    for (const logicalId of Object.keys(stack.template.Resources)) {
      if (isNew.has(logicalId)) continue;
      const fed = replacementByParameter(stack, logicalId, { changed: changedParameters, before: env.base?.find((b) => b.stack === stack.stack) });
      const known = replaced.get(logicalId);
      if (fed !== undefined && (known === undefined || (known.conditional && !fed.conditional))) replaced.set(logicalId, { ...fed, stack: stack.stack });
    }
  }
  const modified = [...env.changes.values()].flatMap((c) => c.resources.filter((r) => r.kind === 'modified').map((r) => r.logicalId));
  propagate(env.head, replaced, { modified, added: added(env) });
  const byStack = new Map<string, Replacement[]>();
  for (const { stack, ...replacement } of [...replaced.values()].sort((a, b) => compareText(a.logicalId, b.logicalId))) {
    byStack.set(stack, [...(byStack.get(stack) ?? []), replacement]);
  }
  return byStack;
}

function directReplacement(change: ResourceChange): Replacement | undefined {
  if (change.kind !== 'modified') return undefined;
  const rule = replacementRule(change.type);
  const base = { logicalId: change.logicalId, type: change.type, stateful: rule.stateful === true };
  if (change.oldType !== undefined && change.oldType !== change.type) {
    return { ...base, cause: 'type-changed', because: `type changed from ${change.oldType}`, conditional: false };
  }
  let conditional: string | undefined;
  for (const c of change.changes) {
    const match = matchRule(rule, c.path);
    if (match?.certain) return { ...base, cause: 'property', because: formatPath(c.path), conditional: false };
    if (match !== undefined) conditional ??= formatPath(c.path);
  }
  return conditional === undefined ? undefined : { ...base, cause: 'property', because: conditional, conditional: true };
}

/** CloudFormation resolves a parameter of this type from SSM at deploy time: its value in the files is a name. */
const SSM_PARAMETER_TYPE = /^AWS::SSM::Parameter::Value</;

/**
 * A replacement-causing property fed by a parameter whose value changed (e.g. a new image id). Where the
 * parameter is resolved from SSM before or after, the values compared are not the ones deployed (an SSM name
 * against an AMI id that may be the one it holds): the replacement is only possible.
 */
function replacementByParameter(
  stack: StackInput,
  logicalId: string,
  parameters: { readonly changed: ReadonlySet<string>; readonly before?: StackInput | undefined },
): Replacement | undefined {
  const { changed } = parameters;
  const resource = stack.template.Resources[logicalId];
  if (resource === undefined) return undefined;
  const rule = replacementRule(resource.Type);
  let conditional: Replacement | undefined;
  for (const [property, certain] of ruleProperties(rule)) {
    const parameter = referencesIn(valueAt(resource.Properties ?? {}, property.split('.'))).names.find((n) => changed.has(n));
    if (parameter === undefined) continue;
    const types = [stack.template.Parameters?.[parameter]?.Type, parameters.before?.template.Parameters?.[parameter]?.Type];
    const resolved = types.some((type) => type !== undefined && SSM_PARAMETER_TYPE.test(type));
    const found: Replacement = {
      logicalId, type: resource.Type, cause: 'property',
      because: `Properties.${property} (parameter ${parameter}${resolved ? ', resolved from SSM at deploy' : ''})`,
      stateful: rule.stateful === true, conditional: !certain || resolved,
    };
    if (certain) return found;
    conditional ??= found;
  }
  return conditional;
}

/** Resources new in head: created, not replaced. */
function added(env: EnvironmentChanges): Set<string> {
  return new Set([...env.changes.values()].flatMap((c) => c.resources.filter((r) => r.kind === 'added').map((r) => r.logicalId)));
}

function propagate(
  head: readonly StackInput[],
  replaced: Map<string, Replacement & { readonly stack: string }>,
  changes: { readonly modified: readonly string[]; readonly added: ReadonlySet<string> },
): void {
  const resources = new Map<string, Located>();
  for (const stack of head) {
    for (const logicalId of Object.keys(stack.template.Resources)) resources.set(logicalId, { stack, logicalId });
  }
  const exports = exportedReferences(head);
  const updated = new Set(changes.modified);
  let changed = true;
  while (changed) {
    changed = false;
    for (const { stack, logicalId } of resources.values()) {
      if (replaced.has(logicalId) || changes.added.has(logicalId)) continue;
      const resource = stack.template.Resources[logicalId];
      if (resource === undefined) continue;
      const rule = replacementRule(resource.Type);
      for (const [property, certain] of ruleProperties(rule)) {
        const refs = referencesIn(valueAt(resource.Properties ?? {}, property.split('.')));
        const names = [...refs.names, ...refs.imports.flatMap((i) => exports.get(stableKey(i)) ?? [])];
        const cause = names.find((n) => replaced.has(n) && n !== logicalId);
        const attribute = refs.attributes.find((a) => {
          const [target = '', name = ''] = a.split('.');
          const type = resources.get(target)?.stack.template.Resources[target]?.Type ?? '';
          return updated.has(target) && (replacementRule(type).updatedAttributes ?? []).includes(name);
        });
        if (cause === undefined && attribute === undefined) continue;
        replaced.set(logicalId, {
          logicalId,
          type: resource.Type,
          cause: 'dependency',
          because: cause !== undefined
            ? `Properties.${property} refers to ${cause}, which is replaced`
            : `Properties.${property} reads ${attribute}, which changes with every update of ${attribute?.split('.')[0]}`,
          stateful: rule.stateful === true,
          conditional: !certain || (cause !== undefined && replaced.get(cause)?.conditional === true),
          stack: stack.stack,
        });
        changed = true;
        break;
      }
    }
  }
}

/** Export name (stable key) -> logical ids the exported value refers to. */
function exportedReferences(head: readonly StackInput[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const stack of head) {
    for (const output of Object.values(stack.template.Outputs ?? {})) {
      if (output.Export === undefined) continue;
      map.set(stableKey(output.Export.Name), [...referencesIn(output.Value).names]);
    }
  }
  return map;
}

function matchRule(rule: ReplacementRule, path: JsonPath): { readonly certain: boolean } | undefined {
  if (path[0] !== 'Properties') return undefined;
  for (const [property, certain] of ruleProperties(rule)) {
    const segments = property.split('.');
    if (segments.every((s, i) => path[i + 1] === s)) return { certain };
  }
  return undefined;
}

function ruleProperties(rule: ReplacementRule): [string, boolean][] {
  return [...rule.replace.map((p) => [p, true] as [string, boolean]), ...(rule.conditional ?? []).map((p) => [p, false] as [string, boolean])];
}

function valueAt(value: Json, segments: readonly string[]): Json | undefined {
  let current: Json | undefined = value;
  for (const s of segments) current = isJsonObject(current) ? current[s] : undefined;
  return current;
}
