/**
 * explain over hand-built stacks: both directions, line lookup, environment filter, path syntax.
 */
import { describe, expect, it } from 'vitest';
import type { AssembledStack } from '../../compiler/assemble/stack.js';
import { formatSpecPath, parseSpecPath } from '../../compiler/diagnostics/spec-path.js';
import { explain, renderExplanation } from '../../compiler/tooling/explain.js';
import { explainHint, type HintContext, type HintSpec } from '../../compiler/tooling/explain-hint.js';

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
      properties: {},
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

  it('answers a stack name with the stack\'s resources and where each comes from', () => {
    const answer = explain(stacks, 'demo-prod-hosts');
    expect(answer.mode).toBe('stack');
    expect(answer.matches.map((m) => `${m.env}/${m.id} ${m.location}`)).toEqual([
      'prod/RouterInstance specs/demo.platform.yaml:12:5', 'prod/RouterRole specs/demo.platform.yaml:12:5', 'prod/Hypervisor01Instance specs/demo.platform.yaml:16:5',
    ]);
    expect(renderExplanation(answer, plain).split('\n')[0]).toBe('demo-prod-hosts (stack prod/hosts) holds 3 items:');
    expect(explain(stacks, 'demo-prod-hosts', { env: 'dev' }).matches).toEqual([]);
  });

  it('answers a spec line with what that line produces', () => {
    const answer = explain(stacks, 'specs/demo.platform.yaml:16');
    expect(answer.mode).toBe('spec-line');
    expect(answer.matches.map((m) => `${m.env}/${m.id}`)).toEqual(['dev/Hypervisor01Instance', 'prod/Hypervisor01Instance']);
    // The place a finding prints, column and all, names the same line.
    expect(explain(stacks, 'specs/demo.platform.yaml:16:9').matches).toEqual(answer.matches);
  });

  it('answers a line inside a node for the nearest enclosing node that produces something', () => {
    const asked: [string, number][] = [];
    const pathAtLine = (file: string, line: number): (string | number)[] => {
      asked.push([file, line]);
      return line === 17 ? ['hosts', 'hypervisors', 'instanceType'] : [];
    };
    const inside = explain(stacks, 'specs/demo.platform.yaml:17', { env: 'dev', pathAtLine });
    expect(inside.matches.map((m) => `${m.env}/${m.id}`)).toEqual(['dev/Hypervisor01Instance']);
    // It says which field the line holds and that the answer is its node's.
    expect(inside).toMatchObject({ node: 'hosts.hypervisors.instanceType', via: 'hosts.hypervisors' });
    expect(renderExplanation(inside, plain).split('\n')[0]).toBe(
      'specs/demo.platform.yaml:17 (hosts.hypervisors.instanceType) produces nothing by itself; it is part of hosts.hypervisors, which produces 1 item:',
    );
    expect(asked).toEqual([['specs/demo.platform.yaml', 17]]);
    expect(explain(stacks, 'specs/demo.platform.yaml:3', { pathAtLine }).matches).toEqual([]);
    // A line that starts a node answers for exactly that line, without looking further.
    expect(explain(stacks, 'specs/demo.platform.yaml:12', { pathAtLine }).matches.every((m) => m.location.includes(':12:'))).toBe(true);
    expect(asked).toHaveLength(2);
  });

  it('says so when nothing matches, with the hint when there is one', () => {
    expect(renderExplanation(explain(stacks, 'logging'), plain)).toBe('nothing generated comes from logging\n');
    expect(renderExplanation({ ...explain(stacks, 'routerinstance'), hint: 'did you mean RouterInstance?' }, plain))
      .toBe('nothing generated comes from routerinstance\n  hint: did you mean RouterInstance?\n');
  });

  it('answers nothing for a node that produces something only in other environments, rather than its parent', () => {
    const prodOnly = [...stacks.filter((s) => s.env === 'dev'), stack('prod', 'hosts', {
      RouterInstance: { type: 'AWS::EC2::Instance', path: ['hosts', 'router'], line: 12 },
      DrInstance: { type: 'AWS::EC2::Instance', path: ['hosts', 'dr'], line: 30 },
    })];
    const exists = (path: readonly (string | number)[]) => ['hosts', 'hosts.dr', 'hosts.router'].includes(formatSpecPath(path));
    expect(explain(prodOnly, 'hosts.dr', { env: 'dev', pathExists: exists })).toEqual({ query: 'hosts.dr', mode: 'spec-path', matches: [] });
    expect(explain(prodOnly, 'hosts.dr', { env: 'prod', pathExists: exists }).matches.map((m) => m.id)).toEqual(['DrInstance']);
  });
});

describe('explain hints', () => {
  const doc: Record<string, readonly string[]> = { '': ['version', 'hosts', 'iam'], hosts: ['router', 'hypervisors'], 'hosts.router': ['instanceType'], iam: ['boundaries'] };
  const spec: HintSpec = {
    file: 'specs/demo.platform.yaml',
    lines: 40,
    pathExists: (path) => {
      const parent = formatSpecPath(path.slice(0, -1));
      return doc[parent]?.includes(String(path[path.length - 1])) === true;
    },
    childKeys: (path) => doc[formatSpecPath(path)],
  };
  const context: HintContext = { specs: [spec], ids: ['Hypervisor01Instance', 'ImageId', 'RouterInstance'] };

  it.each([
    ['a logical id in the wrong case', 'routerinstance', context, 'did you mean RouterInstance?'],
    ['a logical id with a typo', 'RouterInstanse', context, 'did you mean RouterInstance?'],
    ['a stack name with a typo', 'demo-dev-hsts', { ...context, ids: [...context.ids, 'demo-dev-hosts'] }, 'did you mean demo-dev-hosts?'],
    ['a spec key with a typo, deeper segments kept', 'hosts.routr.instanceType', context, 'the spec has no hosts.routr.instanceType; did you mean hosts.router.instanceType?'],
    ['a spec key nothing is close to', 'hosts.xyzzy', context, 'the spec has no hosts.xyzzy; hosts has router, hypervisors'],
    ['a section the spec lacks names the first missing segment', 'iam.roles.ops', context, 'the spec has no iam.roles; iam has boundaries'],
    ['an index into a mapping', 'hosts[0]', context, 'the spec has no hosts[0]; hosts has router, hypervisors'],
    ['a field that produces nothing', 'version', context, 'version is in the spec but generates no resource by itself'],
    ['a line past the end', 'specs/demo.platform.yaml:99', context, 'specs/demo.platform.yaml has 40 lines'],
    ['line zero', 'specs/demo.platform.yaml:0', context, 'specs/demo.platform.yaml has 40 lines'],
    ['a line of something else', 'specs/other.yaml:3', context, 'specs/other.yaml is not a spec that was compiled; name a line of specs/demo.platform.yaml'],
    ['a line holding nothing', 'specs/demo.platform.yaml:2', context, 'line 2 of specs/demo.platform.yaml is not part of anything that generates a resource (a comment, a blank line, or a field such as version)'],
    ['a line number alone, with several specs', '12', { ...context, specs: [spec, { ...spec, file: 'specs/other.platform.yaml' }] }, 'name the spec of line 12: specs/demo.platform.yaml:12, specs/other.platform.yaml:12'],
    ['only separators', '.', context, 'name a spec path (hosts.router), a spec line (specs/x.platform.yaml:42), a logical id (RouterInstance) or a stack name'],
    ['an environment filter that hid the answer', 'hosts.router', { ...context, env: 'dev', elsewhere: ['dr', 'prod'] }, 'nothing in dev, only in dr, prod'],
  ])('%s: %s', (_name, query, given, hint) => {
    expect(explainHint(query, given)).toBe(hint);
  });

  it('suggests no logical id for a key the spec has, and nothing when nothing is close', () => {
    expect(explainHint('hosts', { ...context, ids: ['Hosts'] })).toBe('hosts is in the spec but generates no resource by itself');
    expect(explainHint('Zzzzzz', context)).toBe('the spec has no Zzzzzz; the top level has version, hosts, iam');
  });
});
