/**
 * The real cfn-lint over the core expanders' output. The assembler is tested on its own; here the fragments of
 * one environment are put into a single template with markers turned into Ref/Fn::GetAtt, which is what the
 * assembler does for resources that share a stack, so the expanders' resource properties are checked alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Fragment } from '../../compiler/expand/fragment.js';
import { expandHosts } from '../../compiler/expand/hosts.js';
import { expandIam } from '../../compiler/expand/iam.js';
import { expandNetwork } from '../../compiler/expand/network.js';
import type { Environment, Platform } from '../../compiler/model/platform.js';
import { platform, spec } from './builders.js';

const CFN_LINT = new URL('../../.venv/bin/cfn-lint', import.meta.url).pathname;

function resolveMarkers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolveMarkers);
  if (typeof value !== 'object' || value === null) return value;
  const marker = (value as { 'platformc::Ref'?: { logicalId: string; attribute?: string } })['platformc::Ref'];
  if (marker !== undefined) {
    return marker.attribute === undefined ? { Ref: marker.logicalId } : { 'Fn::GetAtt': [marker.logicalId, marker.attribute] };
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveMarkers(v)]));
}

function singleTemplate(p: Platform, env: Environment): unknown {
  const fragments: Fragment[] = [expandIam, expandNetwork, expandHosts].flatMap((expand) => [...expand({ platform: p, env })]);
  const resources = fragments.flatMap((f) => f.resources);
  // The archive bucket belongs to the logging concern; a stand-in lets references to it resolve.
  const stand = { LogArchiveBucket: { Type: 'AWS::S3::Bucket', Properties: {} } };
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `${p.name} ${env.name} core stacks`,
    Parameters: Object.fromEntries(fragments.flatMap((f) => f.parameters ?? []).map((x) => [x.name, x.definition])),
    Resources: { ...stand, ...Object.fromEntries(resources.map((r) => [r.logicalId, resolveMarkers(r.resource)])) },
    Outputs: Object.fromEntries(fragments.flatMap((f) => f.outputs ?? []).map((o) => [o.name, { Description: o.description, Value: resolveMarkers(o.value) }])),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'platformc-expand-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync(CFN_LINT))('cfn-lint on the core expanders (skipped: run `npm run setup:python` first)', () => {
  it('accepts every environment with SSM and with AMI images, no errors and no warnings', () => {
    const variants = [
      platform(),
      platform({ hosts: { ...spec().hosts, image: { amiId: 'ami-0123456789abcdef0' }, hypervisors: { instanceType: 'c5.metal', count: 5 } } }),
    ];
    const files = variants.flatMap((p, i) =>
      p.environments.map((env) => {
        const file = join(dir, `${i}-${env.name}.json`);
        writeFileSync(file, JSON.stringify(singleTemplate(p, env), null, 2));
        return { file, region: env.region };
      }),
    );
    for (const { file, region } of files) {
      let output = '';
      try {
        execFileSync(CFN_LINT, ['--regions', region, '--format', 'parseable', '--', file], { encoding: 'utf8' });
      } catch (error) {
        output = String((error as { stdout?: string }).stdout ?? error);
      }
      expect(output).toBe('');
    }
  });
});
