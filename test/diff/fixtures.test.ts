/**
 * Fixture pairs through the real compile pipeline: each asserts how the change is classified and renders a
 * golden Markdown comment (test/diff/fixtures/<case>/diff.golden.md; UPDATE_GOLDEN=1 rewrites them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlatformDiff } from '../../compiler/diff/model.js';
import { renderDiffMarkdown } from '../../compiler/diff/render-markdown.js';
import { FIXTURES, diffFixture, expectGolden, producesStack } from './fixture-diff.js';

interface Case {
  readonly name: string;
  /** The stack the case is about must be compiled for the case to mean anything. */
  readonly needs?: string;
  readonly check: (d: PlatformDiff) => void;
}

const env = (d: PlatformDiff) => d.environments[0];
const resources = (d: PlatformDiff) => d.stacks.flatMap((s) => s.resources.map((r) => ({ stack: s.stack, ...r })));

const CASES: readonly Case[] = [
  {
    name: 'no-change',
    check: (d) => {
      expect(d.stacks).toEqual([]);
      expect(env(d)).toMatchObject({ added: 0, modified: 0, removed: 0, iamBroadening: false, networkBroadening: false, replacements: 0 });
    },
  },
  {
    name: 'hypervisor-added',
    check: (d) => {
      expect(resources(d).filter((r) => r.kind === 'added').map((r) => [r.stack, r.logicalId, r.type])).toContainEqual(['hosts', 'Hypervisor02Instance', 'AWS::EC2::Instance']);
      expect(env(d)).toMatchObject({ removed: 0, iamBroadening: false, networkBroadening: false, replacements: 0 });
    },
  },
  {
    name: 'hypervisor-removed',
    check: (d) => {
      // Its instance goes with its disks; the shared launch template and role stay.
      expect(d.stacks.flatMap((s) => s.deletions.map((x) => [s.stack, x.logicalId, x.state]))).toEqual([['hosts', 'Hypervisor02Instance', 'root and instance-store disks']]);
      expect(env(d)).toMatchObject({ removed: 1, statefulDeletions: 1, replacements: 0, iamBroadening: false });
    },
  },
  {
    name: 'retention-changed',
    needs: 'logging',
    check: (d) => {
      const changes = resources(d).filter((r) => r.type === 'AWS::Logs::LogGroup').flatMap((r) => r.changes.map((c) => c.path.join('.')));
      expect(changes).toContain('Properties.RetentionInDays');
      expect(env(d)).toMatchObject({ added: 0, removed: 0, iamBroadening: false, networkBroadening: false, replacements: 0 });
    },
  },
  {
    name: 'iam-action-added',
    check: (d) => {
      const findings = d.stacks.flatMap((s) => s.iam);
      expect(findings.map((f) => [f.logicalId, f.kind, f.actions])).toEqual([['LogShipperRole', 'action-added', ['logs:CreateLogStream']]]);
      expect(env(d)).toMatchObject({ iamBroadening: true, networkBroadening: false, replacements: 0 });
      expect(d.broadening).toBe(true);
    },
  },
  {
    name: 'security-group-opened',
    check: (d) => {
      const findings = d.stacks.flatMap((s) => s.network);
      expect(findings.map((f) => [f.kind, f.direction, f.protocol, f.ports, f.peer, f.open])).toEqual([['rule-added', 'ingress', 'tcp', '8080', '198.51.100.0/24', false]]);
      expect(env(d)).toMatchObject({ iamBroadening: false, networkBroadening: true, replacements: 0 });
    },
  },
  {
    name: 'vpc-cidr-changed',
    check: (d) => {
      const replaced = new Map(d.stacks.flatMap((s) => s.replacements.map((r) => [r.logicalId, r] as const)));
      expect(replaced.get('Vpc')).toMatchObject({ cause: 'property', because: 'Properties.CidrBlock', stateful: false });
      expect(replaced.get('HostSubnet')?.cause).toBe('property');
      expect(replaced.get('HostRouteTable')).toMatchObject({ cause: 'dependency', because: 'Properties.VpcId refers to Vpc, which is replaced' });
      expect(replaced.get('RouterInstance')).toMatchObject({ stateful: true });
      expect(replaced.get('Hypervisor01Instance')).toMatchObject({ stateful: true });
      expect(env(d)?.statefulReplacements).toBeGreaterThanOrEqual(3);
      const exports = d.stacks.flatMap((s) => s.exportsInUse.map((x) => [s.stack, x.output, x.importers]));
      expect(exports).toContainEqual(['network', 'HostSubnet', ['hosts']]);
      expect(env(d)).toMatchObject({ added: 0, removed: 0, iamBroadening: false });
    },
  },
  {
    name: 'overlay-mtu-changed',
    check: (d) => {
      // New user data (and a new instance type for the router): every host is stopped and started, none replaced.
      const interrupted = d.stacks.flatMap((s) => s.interruptions.map((i) => [i.logicalId, i.interruption, i.because]));
      expect(interrupted).toEqual([
        ['Hypervisor01Instance', 'stopped and started', ['Properties.UserData']],
        ['ManagementInstance', 'stopped and started', ['Properties.UserData']],
        ['RouterInstance', 'stopped and started', ['Properties.InstanceType', 'Properties.UserData']],
      ]);
      // The user data carries the overlay's settings: each restart also points at the overlay's line, where the
      // MTU changed, not only at the host's own.
      const from = d.stacks.flatMap((s) => s.interruptions.map((i) => i.from));
      expect(from).toEqual(Array.from({ length: 3 }, () => [{ path: 'network.overlay', location: expect.stringMatching(/^specs\/fixture\.platform\.yaml:\d+:\d+$/) as unknown as string }]));
      expect(env(d)).toMatchObject({ interruptions: 3, replacements: 0, iamBroadening: false, networkBroadening: false });
    },
  },
  {
    name: 'record-routing-changed',
    needs: 'dns',
    check: (d) => {
      const dns = d.stacks.find((s) => s.stack === 'dns');
      const records = (dns?.resources ?? []).filter((r) => r.type === 'AWS::Route53::RecordSet');
      expect(records.length).toBeGreaterThan(0);
      // Route 53 cannot turn a simple record into a weighted one in place: it is recreated, one way or the other.
      const recreated = (dns?.replacements ?? []).some((r) => r.type === 'AWS::Route53::RecordSet') || records.some((r) => r.kind === 'removed');
      expect(recreated).toBe(true);
      expect(env(d)).toMatchObject({ iamBroadening: false, networkBroadening: false });
    },
  },
];

/** `specs/fixture.platform.yaml:<line>:<col>` of the first line of the after spec that contains `text`, at `text`. */
function specLine(name: string, text: string): string {
  const lines = readFileSync(join(FIXTURES, name, 'after.platform.yaml'), 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(text));
  return `specs/fixture.platform.yaml:${index + 1}:${(lines[index] ?? '').indexOf(text) + 1}`;
}

describe('spec lines of findings', () => {
  it('points an IAM finding at the role that grants it', () => {
    const iam = diffFixture('iam-action-added').stacks.find((s) => s.stack === 'iam');
    expect(iam?.sources['LogShipperRole']).toBe(specLine('iam-action-added', 'log-shipper:'));
  });

  it('points a network finding at the client network that opened it', () => {
    const network = diffFixture('security-group-opened').stacks.find((s) => s.network.length > 0);
    const finding = network?.network[0];
    expect(finding && network?.sources[finding.logicalId]).toBe(specLine('security-group-opened', '198.51.100.0/24'));
  });

  it('names only resources the diff shows, and none that exist only in the base', () => {
    for (const name of ['hypervisor-added', 'vpc-cidr-changed', 'security-group-opened']) {
      for (const s of diffFixture(name).stacks) {
        const named = new Set([...s.resources, ...s.iam, ...s.network, ...s.replacements].map((x) => x.logicalId));
        const removed = new Set(s.resources.filter((r) => r.kind === 'removed').map((r) => r.logicalId));
        expect(Object.keys(s.sources).filter((id) => !named.has(id) || removed.has(id)), `${name} ${s.stack}`).toEqual([]);
        expect([...named].filter((id) => !removed.has(id) && s.sources[id] === undefined), `${name} ${s.stack}`).toEqual([]);
      }
    }
  });
});

describe('diff fixture pairs', () => {
  for (const c of CASES) {
    const ready = c.needs === undefined || producesStack(c.name, c.needs);
    it.skipIf(!ready)(`${c.name}: classification and golden Markdown`, () => {
      const d = diffFixture(c.name);
      c.check(d);
      expectGolden(join(FIXTURES, c.name, 'diff.golden.md'), renderDiffMarkdown(d, { base: 'before', head: 'after' }));
    });
  }
});
