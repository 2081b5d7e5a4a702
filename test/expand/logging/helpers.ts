/**
 * Test builders for the logging, dns and pipeline expanders: a small normalized platform, a naive template
 * wrapper (markers to Ref/GetAtt within the stack, ImportValue otherwise) so the real cfn-lint can run, and
 * golden files (rewrite with UPDATE_GOLDEN=1).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CfnTemplate, Json } from '../../../compiler/model/cfn.js';
import type { Environment, Platform } from '../../../compiler/model/platform.js';
import { normalize } from '../../../compiler/normalize/normalize.js';
import type { EnvironmentSpec, PlatformSpec } from '../../../compiler/model/spec.js';
import { isCrossRef, type Fragment, type StackKind } from '../../../compiler/expand/fragment.js';

export interface EnvOptions {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly protect?: boolean;
  readonly logRetentionDays?: number | 'never-expire';
}

export const DEV: EnvOptions = { name: 'dev', account: '111122223333', region: 'us-west-2', logRetentionDays: 14 };
export const PROD: EnvOptions = { name: 'prod', account: '444455556666', region: 'us-east-1', protect: true, logRetentionDays: 365 };
export const DR: EnvOptions = { name: 'dr', account: '444455556666', region: 'us-west-2', protect: true, logRetentionDays: 365 };

/** A platform from the parts of a spec these expanders read, normalized by the real `normalize`. */
export function platformOf(spec: Partial<PlatformSpec>, envs: readonly EnvOptions[] = [DEV, PROD, DR]): Platform {
  const envSpecs: Record<string, EnvironmentSpec> = Object.fromEntries(
    envs.map((env, index) => [env.name, {
      account: env.account, region: env.region, vpcCidr: `10.${10 + index * 10}.0.0/16`, boundary: 'strict',
      logRetentionDays: env.logRetentionDays ?? 30, protect: env.protect ?? false,
    }]),
  );
  const full: PlatformSpec = {
    version: 1,
    platform: 'cloudstack',
    environments: envSpecs,
    network: { hostSubnet: { prefixLength: 24 }, overlay: { cidr: '172.16.0.0/16', vni: 100, port: 4789, multicastGroup: '239.255.0.1', mtu: 8951 } },
    hosts: {
      router: { instanceType: 'c5n.large' }, management: { instanceType: 'm5.xlarge' },
      hypervisors: { instanceType: 'c5.metal', count: 1 }, image: { ssmParameter: '/platform/cloudstack/ami' },
    },
    iam: { boundaries: { strict: {} } },
    ...spec,
  };
  return normalize(full, { file: 'specs/fixture.platform.yaml' });
}

export function envOf(platform: Platform, name: string): Environment {
  const env = platform.environments.find((each) => each.name === name);
  if (env === undefined) throw new Error(`fixture has no environment ${name}`);
  return env;
}

/** Wraps the fragments of one stack into a template, resolving markers naively. */
export function templateOf(fragments: readonly Fragment[], stack: StackKind): CfnTemplate {
  const mine = fragments.filter((fragment) => fragment.stack === stack);
  const resources = Object.fromEntries(mine.flatMap((fragment) => fragment.resources.map((r) => [r.logicalId, r.resource])));
  const resolve = (value: Json): Json => {
    if (isCrossRef(value)) {
      const { logicalId, attribute } = value['platformc::Ref'];
      if (logicalId in resources) return attribute === undefined ? { Ref: logicalId } : { 'Fn::GetAtt': [logicalId, attribute] };
      return { 'Fn::ImportValue': `fixture-${logicalId}${attribute ?? ''}` };
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolve(inner as Json)]));
    }
    return value;
  };
  const parameters = mine.flatMap((fragment) => fragment.parameters ?? []);
  const outputs = mine.flatMap((fragment) => fragment.outputs ?? []);
  const template: Record<string, Json> = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `fixture ${stack} stack`,
  };
  if (parameters.length > 0) template['Parameters'] = Object.fromEntries(parameters.map((p) => [p.name, p.definition as unknown as Json]));
  template['Resources'] = resolve(resources as unknown as Json);
  if (outputs.length > 0) {
    template['Outputs'] = Object.fromEntries(outputs.map((o) => [o.name, { Description: o.description, Value: resolve(o.value) }]));
  }
  return template as unknown as CfnTemplate;
}

export interface LintMatch {
  readonly Rule: { readonly Id: string };
  readonly Message: string;
  readonly Level: string;
}

/** Runs the real cfn-lint over a template; returns every finding (errors, warnings and informational). */
export function cfnLint(template: CfnTemplate, region: string): readonly LintMatch[] {
  const dir = mkdtempSync(join(tmpdir(), 'platformc-lint-'));
  try {
    const file = join(dir, 'template.json');
    writeFileSync(file, JSON.stringify(template, null, 2));
    let stdout: string;
    try {
      stdout = execFileSync('.venv/bin/cfn-lint', ['--format', 'json', '--regions', region, '--', file], { encoding: 'utf8' });
    } catch (error) {
      stdout = String((error as { stdout?: string }).stdout ?? '');
      if (stdout.trim() === '') throw error;
    }
    return JSON.parse(stdout === '' ? '[]' : stdout) as LintMatch[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Compares with a golden JSON file beside the test; UPDATE_GOLDEN=1 rewrites it. */
export function expectGolden(path: string, value: unknown): void {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, text);
  expect(existsSync(path), `golden file ${path} missing; run with UPDATE_GOLDEN=1`).toBe(true);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

/** Every AWS::IAM::Role in a template, with its logical id. */
export function rolesOf(template: CfnTemplate): readonly [string, Record<string, Json>][] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::IAM::Role')
    .map(([id, resource]) => [id, (resource.Properties ?? {}) as Record<string, Json>]);
}
