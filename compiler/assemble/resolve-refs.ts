/**
 * Reference resolution inside one stack. Expanders write `refTo()`/`attOf()` markers for resources of other
 * concerns and plain `Ref`/`Fn::GetAtt`/`Fn::Sub` for their own; after placement (and splitting) either kind may
 * point into another stack of the environment. Within the stack a reference stays `Ref`/`Fn::GetAtt`; across
 * stacks it becomes `Fn::ImportValue` of an export the producer stack adds, and the consumer depends on it.
 */
import { isCrossRef } from '../expand/fragment.js';
import type { Json, JsonObject } from '../model/cfn.js';

export interface ResolveScope {
  /** Logical ids of the stack being resolved. */
  readonly ownResources: ReadonlySet<string>;
  /** Parameters the stack may declare (all of its kind's parameters). */
  readonly parameters: ReadonlySet<string>;
  /** The stack (short name) holding a logical id elsewhere in the environment, if any. */
  readonly stackOf: (logicalId: string) => string | undefined;
  /** Registers an export of `logicalId[.attribute]` in `producer` and returns its export name. */
  readonly importFrom: (producer: string, logicalId: string, attribute: string | undefined) => string;
  /** Records a parameter the stack uses. */
  readonly useParameter: (name: string) => void;
  /** Records a reference to something no stack defines. */
  readonly dangling: (name: string) => void;
  /** Records a DependsOn on a resource of another stack (the stack order guarantees it). */
  readonly dependOn: (producer: string) => void;
}

/** Resolves every reference in `value` for the stack described by `scope`. */
export function resolveRefs(value: Json, scope: ResolveScope): Json {
  if (Array.isArray(value)) {
    // Unchanged subtrees are shared, not copied: most of a template has no references at all.
    let out: Json[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i] as Json;
      const resolved = resolveRefs(item, scope);
      if (resolved !== item && out === undefined) out = value.slice(0, i) as Json[];
      if (out !== undefined) out.push(resolved);
    }
    return out ?? value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const object = value as JsonObject;
  if (isCrossRef(object)) {
    const { logicalId, attribute } = object['platformc::Ref'];
    return referTo(logicalId, attribute, scope);
  }
  const keys = Object.keys(object);
  if (keys.length === 1) {
    // A reference that stays as it was is returned as the same object, so its parents need no copy either.
    const ref = object.Ref;
    if (typeof ref === 'string') {
      const resolved = resolveRef(ref, scope);
      return (resolved as JsonObject).Ref === ref ? object : resolved;
    }
    const getAtt = object['Fn::GetAtt'];
    if (getAtt !== undefined) {
      const target = getAttTarget(getAtt);
      if (target !== undefined) {
        const resolved = referTo(target.logicalId, target.attribute, scope);
        return Array.isArray(getAtt) && (resolved as JsonObject)['Fn::GetAtt'] !== undefined ? object : resolved;
      }
    }
    const sub = object['Fn::Sub'];
    if (sub !== undefined) {
      const resolved = resolveSub(sub, scope);
      return typeof sub === 'string' && resolved === sub ? object : { 'Fn::Sub': resolved };
    }
  }
  let out: Record<string, Json> | undefined;
  for (const key of keys) {
    const child = object[key] as Json;
    const resolved = resolveRefs(child, scope);
    if (resolved !== child && out === undefined) out = { ...object };
    if (out !== undefined) out[key] = resolved;
  }
  return out ?? object;
}

function resolveRef(name: string, scope: ResolveScope): Json {
  if (name.startsWith('AWS::')) return { Ref: name };
  if (scope.ownResources.has(name)) return { Ref: name };
  if (scope.parameters.has(name)) {
    scope.useParameter(name);
    return { Ref: name };
  }
  return referTo(name, undefined, scope);
}

function referTo(logicalId: string, attribute: string | undefined, scope: ResolveScope): Json {
  const local: Json = attribute === undefined ? { Ref: logicalId } : { 'Fn::GetAtt': [logicalId, attribute] };
  if (scope.ownResources.has(logicalId)) return local;
  const producer = scope.stackOf(logicalId);
  if (producer === undefined) {
    scope.dangling(logicalId);
    return local;
  }
  return { 'Fn::ImportValue': scope.importFrom(producer, logicalId, attribute) };
}

function getAttTarget(getAtt: Json): { logicalId: string; attribute: string } | undefined {
  if (typeof getAtt === 'string') {
    const dot = getAtt.indexOf('.');
    return dot > 0 ? { logicalId: getAtt.slice(0, dot), attribute: getAtt.slice(dot + 1) } : undefined;
  }
  if (Array.isArray(getAtt) && getAtt.length === 2 && typeof getAtt[0] === 'string' && typeof getAtt[1] === 'string') {
    return { logicalId: getAtt[0], attribute: getAtt[1] };
  }
  return undefined;
}

const SUB_VARIABLE = /\$\{([^!}][^}]*)\}/g;

/**
 * `${Name}` and `${Name.Attr}` in a Fn::Sub string: names of this stack stay, names of another stack become a
 * variable of the two-argument form bound to `Fn::ImportValue`.
 */
function resolveSub(sub: Json, scope: ResolveScope): Json {
  const [text, variables] = Array.isArray(sub) ? [sub[0], sub[1]] : [sub, undefined];
  if (typeof text !== 'string') return resolveRefs(sub, scope);
  const given: Record<string, Json> = {};
  if (typeof variables === 'object' && variables !== null && !Array.isArray(variables)) {
    for (const [name, v] of Object.entries(variables as JsonObject)) given[name] = resolveRefs(v, scope);
  }
  const added: Record<string, Json> = {};
  const rewritten = text.replace(SUB_VARIABLE, (whole, expression: string) => {
    if (expression in given || expression.startsWith('AWS::')) return whole;
    const dot = expression.indexOf('.');
    const logicalId = dot > 0 ? expression.slice(0, dot) : expression;
    const attribute = dot > 0 ? expression.slice(dot + 1) : undefined;
    if (scope.ownResources.has(logicalId)) return whole;
    if (attribute === undefined && scope.parameters.has(logicalId)) {
      scope.useParameter(logicalId);
      return whole;
    }
    const producer = scope.stackOf(logicalId);
    if (producer === undefined) {
      scope.dangling(logicalId);
      return whole;
    }
    const name = `${logicalId}${(attribute ?? '').replace(/[^A-Za-z0-9]/g, '')}Import`;
    added[name] = { 'Fn::ImportValue': scope.importFrom(producer, logicalId, attribute) };
    return `\${${name}}`;
  });
  const allVariables = { ...given, ...added };
  return Object.keys(allVariables).length === 0 ? rewritten : [rewritten, allVariables];
}

/** DependsOn entries pointing into other stacks are dropped: the stack order already guarantees them. */
export function resolveDependsOn(dependsOn: readonly string[] | undefined, scope: ResolveScope): string[] | undefined {
  if (dependsOn === undefined) return undefined;
  const kept: string[] = [];
  for (const id of dependsOn) {
    if (scope.ownResources.has(id)) kept.push(id);
    else {
      const producer = scope.stackOf(id);
      if (producer === undefined) scope.dangling(id);
      else scope.dependOn(producer);
    }
  }
  return kept.length === 0 ? undefined : kept;
}
