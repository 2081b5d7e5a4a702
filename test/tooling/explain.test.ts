/**
 * explain over hand-built stacks: both directions, line lookup, environment filter, path syntax.
 */
import { describe, expect, it } from 'vitest';
import type { AssembledStack } from '../../compiler/assemble/stack.js';
import { explain, formatSpecPath, parseSpecPath, renderExplanation } from '../../compiler/tooling/explain.js';

const plain = { bold: (text: string) => text, dim: (text: string) => text };

function stack(env: string, name: string, resources: Record<string, { type: string; path: (string | number)[]; line: number }>): AssembledStack {
  return {
    env,
    name,
    kind: 'hosts',
    stackName: `demo-${env}-${name}`,
    template: {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: name,
      Resources: Object.fromEntries(Object.entries(resources).map(([id, r]) => [id, { Type: r.type }])),
    },
    parameters: [],
    dependsOn: [],
    sourceMap: {
      spec: 'specs/demo.platform.yaml',
      resources: Object.fromEntries(Object.entries(resources).map(([id, r]) => [id, { path: r.path, location: `specs/demo.platform.yaml:${r.line}:5` }])),
      statements: { 'RouterRole/Properties.Policies.0.PolicyDocument.Statement.0': { path: ['hosts', 'router'], location: 'specs/demo.platform.yaml:12:5' } },
      parameters: { ImageId: { path: ['hosts', 'image'], location: 'specs/demo.platform.yaml:20:5' } },
    },
  } as AssembledStack;
}

const stacks = ['dev', 'prod'].map((env) => stack(env, 'hosts', {
  RouterInstance: { type: 'AWS::EC2::Instance', path: ['hosts', 'router'], line: 12 },
  RouterRole: { type: 'AWS::IAM::Role', path: ['hosts', 'router'], line: 12 },
  Hypervisor01Instance: { type: 'AWS::EC2::Instance', path: ['hosts', 'hypervisors'], line: 16 },
}));

describe('explain', () => {
  it.each([
    ['hosts.router', ['hosts', 'router']],
    ['hosts/router', ['hosts', 'router']],
    ['pipelines.main.stages[1]', ['pipelines', 'main', 'stages', 1]],
    ['iam.roles.ops.allow.0', ['iam', 'roles', 'ops', 'allow', 0]],
  ])('parses %s', (text, path) => {
    expect(parseSpecPath(text)).toEqual(path);
  });

  it('answers a field that produces nothing by itself with the node it belongs to, and says so', () => {
    const exists = (path: readonly (string | number)[]) => ['hosts.hypervisors.volumeGiB', 'hosts.hypervisors'].includes(formatSpecPath(path));
    const answer = explain(stacks, 'hosts.hypervisors.volumeGiB', { pathExists: exists });
    expect(answer.via).toBe('hosts.hypervisors');
    expect(answer.matches.map((m) => `${m.env}/${m.id}`)).toEqual(['dev/Hypervisor01Instance', 'prod/Hypervisor01Instance']);
    expect(renderExplanation(answer, plain)).toMatch(/^hosts\.hypervisors\.volumeGiB produces nothing by itself; it is part of hosts\.hypervisors, which produces 2 items:/);
  });

  it('answers nothing for a path that is not in the spec, rather than its parent', () => {
    const answer = explain(stacks, 'hosts.hypervisors.volumeGib', { pathExists: () => false });
    expect(answer).toEqual({ query: 'hosts.hypervisors.volumeGib', mode: 'spec-path', matches: [] });
  });

  it('formats paths the way users type them', () => {
    expect(formatSpecPath(['pipelines', 'main', 'stages', 1, 'env'])).toBe('pipelines.main.stages[1].env');
  });

  it('goes from a spec path to everything below it, in every environment', () => {
    const answer = explain(stacks, 'hosts');
    expect(answer.mode).toBe('spec-path');
    expect(answer.matches.filter((m) => m.kind === 'resource').map((m) => `${m.env}/${m.id}`)).toEqual([
      'dev/RouterInstance', 'dev/RouterRole', 'dev/Hypervisor01Instance', 'prod/RouterInstance', 'prod/RouterRole', 'prod/Hypervisor01Instance',
    ]);
    expect(answer.matches.some((m) => m.kind === 'statement' && m.type === 'AWS::IAM::Role')).toBe(true);
    expect(answer.matches.some((m) => m.kind === 'parameter' && m.id === 'ImageId')).toBe(true);
  });

  it('matches whole path segments, not string prefixes', () => {
    expect(explain(stacks, 'hosts.route').matches).toEqual([]);
  });

  it('goes from a logical id back to its spec node and line, limited to one environment on request', () => {
    const answer = explain(stacks, 'Hypervisor01Instance', { env: 'prod' });
    expect(answer.mode).toBe('logical-id');
    expect(answer.matches).toEqual([{
      env: 'prod', stack: 'hosts', stackName: 'demo-prod-hosts', kind: 'resource', id: 'Hypervisor01Instance',
      type: 'AWS::EC2::Instance', path: ['hosts', 'hypervisors'], location: 'specs/demo.platform.yaml:16:5',
    }]);
    expect(renderExplanation(answer, plain)).toBe(
      'Hypervisor01Instance (AWS::EC2::Instance) in prod/hosts (demo-prod-hosts)\n  comes from hosts.hypervisors at specs/demo.platform.yaml:16:5\n',
    );
  });

  it('answers a spec line with what that line produces', () => {
    const answer = explain(stacks, 'specs/demo.platform.yaml:16');
    expect(answer.mode).toBe('spec-line');
    expect(answer.matches.map((m) => `${m.env}/${m.id}`)).toEqual(['dev/Hypervisor01Instance', 'prod/Hypervisor01Instance']);
  });

  it('answers a line inside a node for the nearest enclosing node that produces something', () => {
    const asked: [string, number][] = [];
    const pathAtLine = (file: string, line: number): (string | number)[] => {
      asked.push([file, line]);
      return line === 17 ? ['hosts', 'hypervisors', 'instanceType'] : [];
    };
    const inside = explain(stacks, 'specs/demo.platform.yaml:17', { env: 'dev', pathAtLine });
    expect(inside.matches.map((m) => `${m.env}/${m.id}`)).toEqual(['dev/Hypervisor01Instance']);
    expect(asked).toEqual([['specs/demo.platform.yaml', 17]]);
    expect(explain(stacks, 'specs/demo.platform.yaml:3', { pathAtLine }).matches).toEqual([]);
    // A line that starts a node answers for exactly that line, without looking further.
    expect(explain(stacks, 'specs/demo.platform.yaml:12', { pathAtLine }).matches.every((m) => m.location.includes(':12:'))).toBe(true);
    expect(asked).toHaveLength(2);
  });

  it('says so when nothing matches', () => {
    expect(renderExplanation(explain(stacks, 'logging'), plain)).toBe('nothing generated comes from logging\n');
  });
});
