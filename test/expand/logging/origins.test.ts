import { describe, expect, it } from 'vitest';
import { expandDns } from '../../../compiler/expand/dns.js';
import type { Fragment, FragmentResource } from '../../../compiler/expand/fragment.js';
import { expandLogging } from '../../../compiler/expand/logging.js';
import { expandPipeline } from '../../../compiler/expand/pipeline.js';
import type { Json } from '../../../compiler/model/cfn.js';
import type { PlatformSpec } from '../../../compiler/model/spec.js';
import { platformOf } from './helpers.js';

const spec: Partial<PlatformSpec> = {
  logging: {
    groups: ['system'],
    archive: { transitions: [{ days: 30, storageClass: 'STANDARD_IA' }], expireDays: 400 },
    alarms: [{ name: 'errors', group: 'system', pattern: 'ERROR', threshold: 1, email: 'ops@example.com' }],
  },
  routing: { zone: 'example.com', home: 'prod', records: [{ name: 'www.example.com', type: 'A', policy: 'simple', target: { env: 'dr' } }] },
  pipelines: {
    platform: {
      source: { github: 'example-org/platform', branch: 'main', connection: 'arn:aws:codeconnections:us-west-2:111122223333:connection/abc' },
      stages: ['dev', { env: 'prod', approval: 'on-broadening' }, { env: 'dr', approval: 'always' }],
    },
  },
};

/** JSON paths of every statement of every policy document inside a resource. */
function statementPaths(value: Json, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => statementPaths(item as Json, `${path}.${index}`));
  if (typeof value !== 'object' || value === null) return [];
  const object = value as Record<string, Json>;
  if ('Statement' in object && 'Version' in object) {
    return (object['Statement'] as Json[]).map((_, index) => `${path}.Statement.${index}`);
  }
  return Object.entries(object).flatMap(([key, inner]) => statementPaths(inner, path === '' ? key : `${path}.${key}`));
}

function allFragments(): { env: string; fragments: readonly Fragment[] }[] {
  const platform = platformOf(spec);
  return platform.environments.map((env) => ({
    env: env.name,
    fragments: [expandLogging, expandDns, expandPipeline].flatMap((expand) => expand({ platform, env })),
  }));
}

describe('origins of the logging, dns and pipeline expanders', () => {
  it('every resource has a spec path that starts at a section of the spec', () => {
    for (const { fragments } of allFragments()) {
      for (const resource of fragments.flatMap((fragment) => fragment.resources)) {
        expect(['logging', 'routing', 'pipelines', 'hosts']).toContain(resource.origin[0]);
      }
    }
  });

  it('every policy statement has its own origin for the source map', () => {
    let checked = 0;
    for (const { fragments } of allFragments()) {
      for (const resource of fragments.flatMap((fragment): readonly FragmentResource[] => fragment.resources)) {
        const paths = statementPaths(resource.resource as unknown as Json, '');
        for (const path of paths) {
          expect(resource.statementOrigins?.[path], `${resource.logicalId} ${path}`).toBeDefined();
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});
