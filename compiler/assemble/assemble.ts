/**
 * assemble: an environment's fragments -> its stacks. Places resources by concern (splitting fleets at the
 * quotas), resolves references within and across stacks, orders the stacks for deployment and builds the source
 * map that takes every resource and policy statement back to its spec line. Pure: no I/O.
 */
import type { Diagnostic, SpecPath } from '../diagnostics/diagnostic.js';
import type { Fragment, FragmentParameter } from '../expand/fragment.js';
import type { CfnOutput, CfnResource, CfnTemplate, Json } from '../model/cfn.js';
import type { Environment, Platform } from '../model/platform.js';
import { RESOURCE_ATTRIBUTES, orderKeys } from '../emit/canonical-json.js';
import { deployOrder } from './deploy-order.js';
import { planStacks, type PlannedStack } from './place.js';
import { QUOTAS } from './quotas.js';
import { resolveDependsOn, resolveRefs, type ResolveScope } from './resolve-refs.js';
import type { AssembledStack, SourceMapEntry, StackSourceMap } from './stack.js';

export interface AssembleOptions {
  /** Fragments per environment name, from running every expander on that environment. */
  readonly fragments: ReadonlyMap<string, readonly Fragment[]>;
  /** Turns a spec path into `file:line:col` for the source maps. */
  readonly locate: (path: SpecPath) => string;
}

export interface AssembleResult {
  /** Every environment's stacks, environments in platform order, each environment's stacks in deploy order. */
  readonly stacks: AssembledStack[];
  readonly diagnostics: Diagnostic[];
}

const PURPOSE: Readonly<Record<string, string>> = {
  iam: 'permission boundary and IAM roles',
  network: 'VPC, host subnet, overlay routes, Transit Gateway multicast and security groups',
  logging: 'log groups, archive bucket and log delivery',
  hosts: 'router, management server and metal hypervisors',
  dns: 'Route 53 records and health checks',
  pipeline: 'CI/CD pipeline of the platform',
};

/** Builds the deployable stacks of every environment and reports what cannot be deployed as COMPILE diagnostics. */
export function assemble(platform: Platform, options: AssembleOptions): AssembleResult {
  const stacks: AssembledStack[] = [];
  const diagnostics: Diagnostic[] = [];
  const locations = new Map<string, string>();
  const locate = (path: SpecPath): SourceMapEntry => {
    const key = path.join('\u0000');
    let location = locations.get(key);
    if (location === undefined) {
      location = options.locate(path);
      locations.set(key, location);
    }
    // Built with their keys in canonical order (as below for the maps), so emit writes them without a copy.
    return { location, path };
  };
  for (const env of platform.environments) {
    const result = assembleEnvironment(platform, env, options.fragments.get(env.name) ?? [], locate);
    stacks.push(...result.stacks);
    diagnostics.push(...result.diagnostics);
  }
  return { stacks, diagnostics };
}

const PRINCIPAL_TYPES: ReadonlySet<string> = new Set(['AWS::IAM::Role', 'AWS::IAM::User']);

interface Edge {
  readonly resource: string;
  readonly target: string;
}

interface ResolvedStack {
  readonly plan: PlannedStack;
  readonly resources: Record<string, CfnResource>;
  readonly outputs: Record<string, CfnOutput>;
  readonly usedParameters: Set<string>;
  readonly dependsOn: Map<string, Edge>;
}

function assembleEnvironment(
  platform: Platform,
  env: Environment,
  fragments: readonly Fragment[],
  locate: (path: SpecPath) => SourceMapEntry,
): { stacks: AssembledStack[]; diagnostics: Diagnostic[] } {
  const { stacks: plans, diagnostics } = planStacks(fragments, { file: platform.file, env: env.name, groupsPerStack: env.hypervisorsPerStack });
  const stackName = (name: string): string => `${platform.name}-${env.name}-${name}`;
  const stackOfId = new Map<string, string>();
  for (const plan of plans) for (const r of plan.resources) stackOfId.set(r.logicalId, plan.name);
  const kindParameters = new Map<string, ReadonlySet<string>>();
  for (const plan of plans) {
    if (plan.primary) kindParameters.set(plan.kind, new Set(plan.parameters.map((p) => p.name)));
  }

  const exports = new Map<string, Map<string, { logicalId: string; attribute?: string; exportName: string }>>();
  const importFrom = (producer: string, logicalId: string, attribute: string | undefined): string => {
    let produced = exports.get(producer);
    if (produced === undefined) {
      produced = new Map();
      exports.set(producer, produced);
    }
    const outputName = `${logicalId}${(attribute ?? '').replace(/[^A-Za-z0-9]/g, '')}`;
    const exportName = `${stackName(producer)}-${logicalId}${attribute === undefined ? '' : `-${attribute.replace(/[^A-Za-z0-9]/g, '-')}`}`;
    produced.set(outputName, attribute === undefined ? { logicalId, exportName } : { logicalId, attribute, exportName });
    return exportName;
  };

  // A resource may refer to the same missing thing many times; one diagnostic says it.
  const reported = new Set<string>();
  const reportOnce = (key: string, diagnostic: Diagnostic): void => {
    if (reported.has(key)) return;
    reported.add(key);
    diagnostics.push(diagnostic);
  };
  const resolved: ResolvedStack[] = plans.map((plan) => {
    const ownResources = new Set(plan.resources.map((r) => r.logicalId));
    const usedParameters = new Set<string>();
    const dependsOn = new Map<string, Edge>();
    const resources: Record<string, CfnResource> = {};
    const outputs: Record<string, CfnOutput> = {};
    /** The scope of one resource or output: where its references lead, and who is blamed for a missing one. */
    const scopeOf = (owner: string, origin: SpecPath): ResolveScope => ({
      ownResources,
      parameters: kindParameters.get(plan.kind) ?? new Set(),
      stackOf: (id) => stackOfId.get(id),
      importFrom: (producer, id, attribute) => {
        if (!dependsOn.has(producer)) dependsOn.set(producer, { resource: owner, target: id });
        return importFrom(producer, id, attribute);
      },
      useParameter: (name) => usedParameters.add(name),
      dangling: (name) => reportOnce(`${owner}\u0000${name}`, {
        code: 'COMPILE002',
        severity: 'error',
        message: `environment ${env.name}: ${owner} refers to ${name}, which no stack of the environment defines`,
        file: platform.file,
        path: origin,
        hint: 'declare the referenced item in the spec or remove the reference',
      }),
      dependOn: (producer) => {
        if (!dependsOn.has(producer)) dependsOn.set(producer, { resource: owner, target: producer });
      },
    });
    for (const fr of plan.resources) resources[fr.logicalId] = resolveResource(fr.resource, scopeOf(fr.logicalId, fr.origin));
    for (const output of plan.outputs) {
      const scope = scopeOf(`output ${output.name}`, plan.resources[0]?.origin ?? env.origin);
      outputs[output.name] = { Description: output.description, Value: resolveRefs(output.value, scope) };
    }
    // Roles and users name the boundary by ARN, not by reference; it must exist before they are created.
    const principal = plan.resources.find((r) => PRINCIPAL_TYPES.has(r.resource.Type));
    if (principal !== undefined && plan.kind !== 'iam' && plans.some((p) => p.name === 'iam') && !dependsOn.has('iam')) {
      dependsOn.set('iam', { resource: principal.logicalId, target: 'the permission boundary' });
    }
    return { plan, resources, outputs, usedParameters, dependsOn };
  });

  const nodes = resolved.map((s) => ({ name: s.plan.name, kind: s.plan.kind, dependsOn: [...s.dependsOn.keys()].sort(), stack: s }));
  const { order, cycle } = deployOrder(nodes);
  if (cycle !== undefined) diagnostics.push(cycleDiagnostic(platform, env, cycle, resolved));

  const stacks = order.map(({ stack: s, dependsOn }) => {
    const parameters = s.plan.primary
      ? s.plan.parameters
      : (plans.find((p) => p.primary && p.kind === s.plan.kind)?.parameters ?? []).filter((p) => s.usedParameters.has(p.name));
    for (const [outputName, e] of exports.get(s.plan.name) ?? []) {
      const name = outputName in s.outputs ? `${outputName}Export` : outputName;
      s.outputs[name] = {
        Value: e.attribute === undefined ? { Ref: e.logicalId } : { 'Fn::GetAtt': [e.logicalId, e.attribute] },
        Export: { Name: e.exportName },
      };
    }
    const template = buildTemplate(platform, env, s, parameters, stackName(s.plan.name));
    const assembled: AssembledStack = {
      env: env.name,
      name: s.plan.name,
      kind: s.plan.kind,
      stackName: stackName(s.plan.name),
      template,
      parameters,
      dependsOn,
      sourceMap: sourceMap(platform, s.plan, parameters, locate),
    };
    diagnostics.push(...quotaDiagnostics(platform, env, assembled, s.plan));
    return assembled;
  });
  return { stacks, diagnostics };
}

/** Resolves a resource's references; its attributes come out in canonical order (see sortedRecord). */
function resolveResource(resource: CfnResource, scope: ResolveScope): CfnResource {
  const out: Record<string, Json | readonly string[] | undefined> = {};
  for (const key of orderKeys(Object.keys(resource), RESOURCE_ATTRIBUTES)) {
    const value = (resource as unknown as Record<string, Json>)[key] as Json;
    if (key === 'DependsOn') {
      const kept = resolveDependsOn(value as readonly string[], scope);
      if (kept !== undefined) out.DependsOn = kept;
    } else {
      out[key] = resolveRefs(value, scope);
    }
  }
  return out as unknown as CfnResource;
}

function buildTemplate(platform: Platform, env: Environment, s: ResolvedStack, parameters: readonly FragmentParameter[], name: string): CfnTemplate {
  const part = s.plan.primary ? '' : ` (part ${s.plan.name.slice(s.plan.kind.length + 1)})`;
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `${name}: ${PURPOSE[s.plan.kind] ?? s.plan.kind}${part} of platform ${platform.name}, environment ${env.name}. Generated by platformc from ${platform.specName}; do not edit.`,
    ...(parameters.length > 0 ? { Parameters: sortedRecord(Object.fromEntries(parameters.map((p) => [p.name, p.definition]))) } : {}),
    Resources: sortedRecord(s.resources),
    ...(Object.keys(s.outputs).length > 0 ? { Outputs: sortedRecord(s.outputs) } : {}),
  };
}

function sourceMap(platform: Platform, plan: PlannedStack, parameters: readonly FragmentParameter[], locate: (path: SpecPath) => SourceMapEntry): StackSourceMap {
  const resources: Record<string, SourceMapEntry> = {};
  const statements: Record<string, SourceMapEntry> = {};
  const properties: Record<string, SourceMapEntry> = {};
  const params: Record<string, SourceMapEntry> = {};
  for (const r of plan.resources) {
    resources[r.logicalId] = locate(r.origin);
    for (const [jsonPath, origin] of Object.entries(r.statementOrigins ?? {})) statements[`${r.logicalId}/${jsonPath}`] = locate(origin);
    for (const [jsonPath, origin] of Object.entries(r.propertyOrigins ?? {})) properties[`${r.logicalId}/${jsonPath}`] = locate(origin);
  }
  for (const p of parameters) params[p.name] = locate(p.origin);
  return {
    parameters: sortedRecord(params), properties: sortedRecord(properties), resources: sortedRecord(resources), spec: platform.file, statements: sortedRecord(statements),
  };
}

/**
 * `record` with its keys inserted in canonical (code-unit) order. The output is canonical whatever the order
 * (emit sorts), but an object built in order is written as it is, while one built otherwise is copied first: for
 * the maps of thousands of resources that copy is a good part of a compile.
 */
function sortedRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const sorted: Record<string, T> = {};
  for (const key of orderKeys(Object.keys(record))) sorted[key] = record[key] as T;
  return sorted;
}

function cycleDiagnostic(platform: Platform, env: Environment, cycle: readonly string[], resolved: readonly ResolvedStack[]): Diagnostic {
  const notes: string[] = [];
  let origin: SpecPath = env.origin;
  for (let i = 0; i + 1 < cycle.length; i++) {
    const consumer = resolved.find((s) => s.plan.name === cycle[i]);
    const edge = consumer?.dependsOn.get(cycle[i + 1] ?? '');
    if (consumer === undefined || edge === undefined) continue;
    if (i === 0) origin = consumer.plan.resources.find((r) => r.logicalId === edge.resource)?.origin ?? origin;
    notes.push(`${cycle[i]} -> ${cycle[i + 1]}: ${edge.resource} refers to ${edge.target}`);
  }
  return {
    code: 'COMPILE003',
    severity: 'error',
    message: `environment ${env.name}: stacks depend on each other in a cycle: ${cycle.join(' -> ')}`,
    file: platform.file,
    path: origin,
    hint: 'remove one of the references listed below',
    notes,
  };
}

/** Counts only: the body size is checked on the emitted text (`templateSizeDiagnostics`), where it is exact and free. */
function quotaDiagnostics(platform: Platform, env: Environment, stack: AssembledStack, plan: PlannedStack): Diagnostic[] {
  const counts: [string, number, number][] = [
    ['resources', Object.keys(stack.template.Resources).length, QUOTAS.resources],
    ['parameters', Object.keys(stack.template.Parameters ?? {}).length, QUOTAS.parameters],
    ['outputs', Object.keys(stack.template.Outputs ?? {}).length, QUOTAS.outputs],
  ];
  const path: SpecPath = plan.resources[0]?.origin ?? env.origin;
  return counts
    .filter(([, count, limit]) => count > limit)
    .map(([what, count, limit]): Diagnostic => ({
      code: 'COMPILE004',
      severity: 'error',
      message: `environment ${env.name}: stack ${stack.stackName} has ${count} ${what}, over CloudFormation's limit of ${limit}`,
      file: platform.file,
      path,
      hint: plan.kind === 'hosts' ? `lower hosts.hypervisors.perStack (now ${env.hypervisorsPerStack}); hypervisors that move to another stack are replaced` : 'reduce what the spec declares for this stack',
    }));
}

