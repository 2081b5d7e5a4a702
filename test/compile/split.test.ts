import { describe, expect, it } from 'vitest';
import { assemble } from '../../compiler/assemble/assemble.js';
import { QUOTAS } from '../../compiler/assemble/quotas.js';
import { type Fragment, type FragmentResource } from '../../compiler/expand/fragment.js';
import { refTo } from '../../compiler/expand/shared/refs.js';
import { environment, fragment, locate, platform, resource } from './builders.js';

/** A hosts fragment like the hosts expander's: shared resources, then instance + volume + attachment per hypervisor. */
function fleet(count: number, userDataBytes = 200): Fragment {
  const resources: FragmentResource[] = [
    resource('RouterInstance', 'AWS::EC2::Instance', { SubnetId: refTo('HostSubnet'), ImageId: { Ref: 'ImageId' } }),
    resource('HostProfile', 'AWS::IAM::InstanceProfile', { Roles: ['role'] }),
  ];
  for (let i = 1; i <= count; i++) {
    const id = `Hypervisor${String(i).padStart(3, '0')}`;
    const group = `hypervisor${i}`;
    const origin = ['hosts', 'hypervisors'];
    resources.push(
      resource(`${id}Instance`, 'AWS::EC2::Instance', {
        SubnetId: refTo('HostSubnet'), ImageId: { Ref: 'ImageId' }, IamInstanceProfile: { Ref: 'HostProfile' }, UserData: 'x'.repeat(userDataBytes),
      }, { group, origin }),
      resource(`${id}Volume`, 'AWS::EC2::Volume', { Size: 500, AvailabilityZone: { 'Fn::GetAtt': [`${id}Instance`, 'AvailabilityZone'] } }, { group, origin }),
      resource(`${id}Attachment`, 'AWS::EC2::VolumeAttachment', { InstanceId: { Ref: `${id}Instance` }, VolumeId: { Ref: `${id}Volume` }, Device: '/dev/sdf' }, { group, origin }),
    );
  }
  return fragment('hosts', resources, { parameters: [{ name: 'ImageId', definition: { Type: 'AWS::EC2::Image::Id' }, value: 'ami-0123456789abcdef0', origin: ['hosts', 'image'] }] });
}

const network = fragment('network', [resource('HostSubnet', 'AWS::EC2::Subnet', { CidrBlock: '10.10.0.0/24' })]);

function run(fragments: readonly Fragment[]) {
  return assemble(platform([environment('dev')]), { fragments: new Map([['dev', fragments]]), locate });
}

describe('assemble: splitting a hypervisor fleet at the quotas', () => {
  it('keeps a fleet of up to perStack hypervisors in one hosts stack', () => {
    const { stacks, diagnostics } = run([network, fleet(100)]);
    expect(diagnostics).toEqual([]);
    expect(stacks.map((s) => s.name)).toEqual(['network', 'hosts']);
  });

  it('splits 300 hypervisors into hosts, hosts-2, hosts-3, perStack each, keeping each hypervisor together', () => {
    const { stacks, diagnostics } = run([network, fleet(300)]);
    expect(diagnostics).toEqual([]);
    expect(stacks.map((s) => s.name)).toEqual(['network', 'hosts', 'hosts-2', 'hosts-3']);
    const [, hosts, hosts2] = stacks;
    for (const stack of stacks.slice(1)) {
      const ids = Object.keys(stack.template.Resources);
      expect(ids.length).toBeLessThanOrEqual(QUOTAS.resources);
      expect(ids.filter((i) => i.endsWith('Instance') && i.startsWith('Hypervisor'))).toHaveLength(100);
      for (const id of ids.filter((i) => i.endsWith('Instance') && i.startsWith('Hypervisor'))) {
        const base = id.slice(0, -'Instance'.length);
        expect(ids).toContain(`${base}Volume`);
        expect(ids).toContain(`${base}Attachment`);
      }
    }
    expect(Object.keys(hosts?.template.Resources ?? {})).toContain('RouterInstance');
    // The second part imports what it shares with the first and only declares the parameters it uses.
    expect(hosts2?.dependsOn).toEqual(['hosts', 'network']);
    expect(Object.keys(hosts2?.template.Parameters ?? {})).toEqual(['ImageId']);
    expect(hosts2?.template.Resources.Hypervisor200Instance?.Properties?.IamInstanceProfile).toEqual({ 'Fn::ImportValue': 'demo-dev-hosts-HostProfile' });
    expect(hosts?.template.Outputs?.HostProfile).toEqual({ Value: { Ref: 'HostProfile' }, Export: { Name: 'demo-dev-hosts-HostProfile' } });
    expect(hosts2?.template.Description).toContain('(part 2)');
  });

  it('splits by count only, never by size', () => {
    const { stacks, diagnostics } = run([network, fleet(60, 20_000)]);
    // 60 hypervisors are under perStack: one stack, whatever their user data weighs (the emitted text is checked
    // against 1 MB by compile, test/compile/split-fleet.test.ts).
    expect(diagnostics).toEqual([]);
    expect(stacks.map((s) => s.name)).toEqual(['network', 'hosts']);
  });

  it('reports a stack that cannot be split', () => {
    const many = Array.from({ length: 501 }, (_, i) => resource(`Group${i}`, 'AWS::Logs::LogGroup', {}, { origin: ['logging', 'groups', i] }));
    const { diagnostics } = run([fragment('logging', many)]);
    expect(diagnostics).toMatchObject([{ code: 'COMPILE004', path: ['logging', 'groups', 0] }]);
    expect(diagnostics[0]?.message).toContain('501 resources');
  });

});
