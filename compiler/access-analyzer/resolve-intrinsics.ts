/**
 * Turns a policy document with CloudFormation intrinsics into the plain JSON policy it becomes once deployed in
 * one environment: pseudo parameters from the environment, `Ref`/`Fn::GetAtt`/`Fn::ImportValue` of platform
 * resources to their deterministic names and ARNs, parameters to their parameter-file values. Whatever cannot be
 * known offline becomes a placeholder of the right shape; resolution never fails.
 */
import type { AssembledStack } from '../assemble/stack.js';
import type { Json, JsonObject } from '../model/cfn.js';
import { arnOf, nameProperty, refOf, type ArnContext } from './arn-patterns.js';

export interface ResolveContext extends ArnContext {
  readonly urlSuffix: string;
  /** The stack the policy lives in. */
  readonly stack: AssembledStack;
  /** Every stack of the environment, to follow `Fn::ImportValue` to its producer. */
  readonly environmentStacks: readonly AssembledStack[];
}

const MAX_DEPTH = 12;

/** The URL suffix of a partition (`amazonaws.com`, `amazonaws.com.cn`). */
export function urlSuffixOf(partition: string): string {
  return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}

function placeholder(what: string): string {
  return `placeholder-${what.replace(/[^A-Za-z0-9-]/g, '-')}`;
}

function pseudo(name: string, c: ResolveContext): string | undefined {
  switch (name) {
    case 'AWS::Partition': return c.partition;
    case 'AWS::AccountId': return c.account;
    case 'AWS::Region': return c.region;
    case 'AWS::URLSuffix': return c.urlSuffix;
    case 'AWS::StackName': return c.stack.stackName;
    case 'AWS::StackId': return `arn:${c.partition}:cloudformation:${c.region}:${c.account}:stack/${c.stack.stackName}/00000000-0000-0000-0000-000000000000`;
    case 'AWS::NoValue': return '';
    default: return undefined;
  }
}

function asString(value: Json): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** The physical name of a resource of the stack: its name property resolved, or its logical id. */
function physicalName(logicalId: string, c: ResolveContext, depth: number): string {
  const resource = c.stack.template.Resources[logicalId];
  const property = resource ? nameProperty(resource.Type) : undefined;
  const given = property ? resource?.Properties?.[property] : undefined;
  return given === undefined ? logicalId : asString(resolve(given, c, depth + 1));
}

function refTo(name: string, c: ResolveContext, depth: number): string {
  const p = pseudo(name, c);
  if (p !== undefined) return p;
  const resource = c.stack.template.Resources[name];
  if (resource) return refOf(c, resource.Type, physicalName(name, c, depth));
  const parameter = c.stack.parameters.find((x) => x.name === name);
  if (parameter && !parameter.fromOutput) return parameter.value;
  return placeholder(name);
}

function getAtt(logicalId: string, attribute: string, c: ResolveContext, depth: number): string {
  const resource = c.stack.template.Resources[logicalId];
  if (!resource) return placeholder(`${logicalId}-${attribute}`);
  const name = physicalName(logicalId, c, depth);
  if (attribute === 'Arn' || attribute.endsWith('Arn')) return arnOf(c, resource.Type, name);
  if (attribute.endsWith('Name')) return name;
  return placeholder(`${logicalId}-${attribute}`);
}

function importValue(exportName: string, c: ResolveContext, depth: number): Json {
  for (const producer of c.environmentStacks) {
    const producerContext: ResolveContext = { ...c, stack: producer };
    for (const output of Object.values(producer.template.Outputs ?? {})) {
      if (output.Export && asString(resolve(output.Export.Name, producerContext, depth + 1)) === exportName) {
        return resolve(output.Value, producerContext, depth + 1);
      }
    }
  }
  return placeholder(exportName);
}

function sub(template: string, variables: JsonObject, c: ResolveContext, depth: number): string {
  return template.replace(/\$\{([^}]*)\}/g, (_whole, expression: string) => {
    if (expression.startsWith('!')) return `\${${expression.slice(1)}}`;
    if (expression in variables) return asString(resolve(variables[expression] as Json, c, depth + 1));
    const dot = expression.indexOf('.');
    if (dot > 0 && !expression.startsWith('AWS::')) return getAtt(expression.slice(0, dot), expression.slice(dot + 1), c, depth);
    return refTo(expression, c, depth);
  });
}

function resolveFunction(name: string, argument: Json, c: ResolveContext, depth: number): Json | undefined {
  switch (name) {
    case 'Ref':
      return typeof argument === 'string' ? refTo(argument, c, depth) : undefined;
    case 'Fn::GetAtt': {
      const [id, attribute] = typeof argument === 'string' ? argument.split(/\.(.*)/) : Array.isArray(argument) ? argument : [];
      return typeof id === 'string' && typeof attribute === 'string' ? getAtt(id, attribute, c, depth) : undefined;
    }
    case 'Fn::Sub': {
      const [template, variables] = Array.isArray(argument) ? argument : [argument, {}];
      if (typeof template !== 'string') return undefined;
      const vars = typeof variables === 'object' && variables !== null && !Array.isArray(variables) ? (variables as JsonObject) : {};
      return sub(template, vars, c, depth);
    }
    case 'Fn::Join': {
      if (!Array.isArray(argument) || typeof argument[0] !== 'string') return undefined;
      const parts = resolve(argument[1] as Json, c, depth + 1);
      return Array.isArray(parts) ? parts.map(asString).join(argument[0]) : undefined;
    }
    case 'Fn::Select': {
      if (!Array.isArray(argument)) return undefined;
      const list = resolve(argument[1] as Json, c, depth + 1);
      return Array.isArray(list) ? list[Number(resolve(argument[0] as Json, c, depth + 1))] : undefined;
    }
    case 'Fn::Split': {
      if (!Array.isArray(argument) || typeof argument[0] !== 'string') return undefined;
      return asString(resolve(argument[1] as Json, c, depth + 1)).split(argument[0]);
    }
    case 'Fn::ImportValue':
      return importValue(asString(resolve(argument, c, depth + 1)), c, depth);
    default:
      return undefined;
  }
}

function resolve(value: Json, c: ResolveContext, depth: number): Json {
  if (depth > MAX_DEPTH) return placeholder('too-deep');
  if (Array.isArray(value)) return value.map((item: Json) => resolve(item, c, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const object = value as JsonObject;
  const keys = Object.keys(object);
  const [only] = keys;
  if (keys.length === 1 && only !== undefined && (only === 'Ref' || only.startsWith('Fn::'))) {
    return resolveFunction(only, object[only] as Json, c, depth) ?? placeholder(only.replace('Fn::', ''));
  }
  const out: Record<string, Json> = {};
  for (const key of keys) out[key] = resolve(object[key] as Json, c, depth + 1);
  return out;
}

/** Resolves every intrinsic function in `value` for the environment and stack of `context`. */
export function resolveIntrinsics(value: Json, context: ResolveContext): Json {
  return resolve(value, context, 0);
}
