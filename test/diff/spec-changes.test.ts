import { describe, expect, it } from 'vitest';
import { specChanges } from '../../compiler/diff/spec-changes.js';
import { loadSpec } from '../../compiler/load/load-spec.js';
import { parse } from 'yaml';

const FILE = 'specs/demo.platform.yaml';
const BASE = ['version: 1', 'platform: demo', 'network:', '  overlay: { vni: 100, mtu: 8951 }', 'hosts:', '  hypervisors: { count: 2 }', 'tags: { team: a }', ''].join('\n');

function head(text: string) {
  const { loaded } = loadSpec({ file: FILE, text });
  if (loaded === undefined) throw new Error('test spec does not load');
  return loaded;
}

describe('spec changes', () => {
  it('lists each changed value with its line, in the order of the lines, and removed values last', () => {
    const after = ['version: 1', 'platform: demo', '# a comment is no change', 'network:', '  overlay: { vni: 100, mtu: 1450 }', 'hosts:', '  hypervisors: { count: 3, volumeGiB: 500 }', ''].join('\n');
    expect(specChanges([{ file: FILE, base: parse(BASE), head: head(after) }])).toEqual([
      { file: FILE, path: 'network.overlay.mtu', kind: 'modified', old: 8951, new: 1450, location: `${FILE}:5:29` },
      { file: FILE, path: 'hosts.hypervisors.count', kind: 'modified', old: 2, new: 3, location: `${FILE}:7:25` },
      { file: FILE, path: 'hosts.hypervisors.volumeGiB', kind: 'added', new: 500, location: `${FILE}:7:39` },
      { file: FILE, path: 'tags', kind: 'removed', old: { team: 'a' } },
    ]);
  });

  it('shows a removed value at the node it was taken from, after what that node still holds', () => {
    const after = ['version: 1', 'platform: demo', 'network:', '  overlay: { vni: 100 }', 'hosts:', '  hypervisors: { count: 3 }', 'tags: { team: a }', ''].join('\n');
    expect(specChanges([{ file: FILE, base: parse(BASE), head: head(after) }]).map((c) => [c.path, c.kind, c.location])).toEqual([
      ['network.overlay.mtu', 'removed', `${FILE}:4:12`],
      ['hosts.hypervisors.count', 'modified', `${FILE}:6:25`],
    ]);
  });

  it('finds nothing when only comments and layout changed', () => {
    const reformatted = ['# demo', 'version: 1', 'platform: demo', 'network:', '  overlay:', '    vni: 100', '    mtu: 8951', 'hosts:', '  hypervisors:', '    count: 2', 'tags:', '  team: a', ''].join('\n');
    expect(specChanges([{ file: FILE, base: parse(BASE), head: head(reformatted) }])).toEqual([]);
  });

  it('names a new spec and a removed one as a whole', () => {
    expect(specChanges([{ file: 'specs/b.platform.yaml', base: parse(BASE) }, { file: FILE, head: head(BASE) }]).map((c) => [c.file, c.path, c.kind, c.location])).toEqual([
      ['specs/b.platform.yaml', 'the spec', 'removed', undefined],
      [FILE, 'the spec', 'added', `${FILE}:1:1`],
    ]);
  });
});

describe('spec changes in lists', () => {
  const spec = (actions: string) => ['version: 1', 'iam:', '  roles:', '    shipper:', `      allow: [{ actions: [${actions}] }]`, ''].join('\n');

  it('compares a list of plain values as a set: an action added in front is one added value', () => {
    const changes = specChanges([{ file: FILE, base: parse(spec('logs:PutLogEvents')), head: head(spec('logs:CreateLogStream, logs:PutLogEvents')) }]);
    expect(changes.map((c) => [c.path, c.kind, c.old ?? c.new])).toEqual([['iam.roles.shipper.allow[0].actions[0]', 'added', 'logs:CreateLogStream']]);
  });

  it('says nothing when a list of plain values is only reordered, and names what was removed', () => {
    expect(specChanges([{ file: FILE, base: parse(spec('a:B, a:C')), head: head(spec('a:C, a:B')) }])).toEqual([]);
    const removed = specChanges([{ file: FILE, base: parse(spec('a:B, a:C, a:B')), head: head(spec('a:B')) }]);
    expect(removed.map((c) => [c.path, c.kind, c.old])).toEqual([['iam.roles.shipper.allow[0].actions[1]', 'removed', 'a:C'], ['iam.roles.shipper.allow[0].actions[2]', 'removed', 'a:B']]);
  });
});

describe('spec changes in lists of named things', () => {
  const records = (...names: string[]) => ['version: 1', 'routing:', '  records:', ...names.map((n) => `    - { name: ${n}.example.com, type: A, policy: simple, target: { env: prod } }`), ''].join('\n');

  it('matches records by name and type: one inserted in the middle is one added record', () => {
    const changes = specChanges([{ file: FILE, base: parse(records('a', 'c')), head: head(records('a', 'b', 'c')) }]);
    expect(changes.map((c) => [c.path, c.kind, c.location])).toEqual([['routing.records[1]', 'added', `${FILE}:5:7`]]);
  });

  it('shows a new order, a change inside a named item at its place in the working tree, and a removed one at its old place', () => {
    const after = records('c', 'a').replace('c.example.com, type: A, policy: simple, target: { env: prod }', 'c.example.com, type: A, policy: simple, target: { env: dr }');
    const changes = specChanges([{ file: FILE, base: parse(records('a', 'b', 'c')), head: head(after) }]);
    expect(changes.map((c) => [c.path, c.kind, c.old, c.new])).toEqual([
      ['routing.records', 'modified', ['a.example.com:A', 'c.example.com:A'], ['c.example.com:A', 'a.example.com:A']],
      ['routing.records[0].target.env', 'modified', 'prod', 'dr'],
      ['routing.records[1]', 'removed', { name: 'b.example.com', type: 'A', policy: 'simple', target: { env: 'prod' } }, undefined],
    ]);
  });

  it('names a bare string and an object alike: a group that gains a retention is one change', () => {
    const groups = (audit: string) => ['version: 1', 'logging:', `  groups: [system, ${audit}]`, ''].join('\n');
    const changes = specChanges([{ file: FILE, base: parse(groups('audit')), head: head(groups('{ name: audit, retentionDays: 3653 }')) }]);
    expect(changes.map((c) => [c.path, c.kind, c.old, c.new])).toEqual([['logging.groups[1]', 'modified', 'audit', { name: 'audit', retentionDays: 3653 }]]);
  });
});

describe('the order of named things', () => {
  it('is one change of the list when kept items move (a pipeline runs its stages in order)', () => {
    const stages = (list: string) => ['version: 1', 'pipelines:', '  main:', `    stages: [${list}]`, ''].join('\n');
    const changes = specChanges([{ file: FILE, base: parse(stages('dev, { env: dr, approval: always }, prod')), head: head(stages('dev, prod, { env: dr, approval: always }')) }]);
    expect(changes.map((c) => [c.path, c.kind, c.old, c.new, c.location])).toEqual([
      ['pipelines.main.stages', 'modified', ['dev', 'dr', 'prod'], ['dev', 'prod', 'dr'], `${FILE}:4:13`],
    ]);
  });
});
