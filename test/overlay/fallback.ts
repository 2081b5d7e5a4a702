/**
 * TEMPORARY: stands in for the compiled example and `renderOverlayScript` until they land; removed then.
 */
import type { Environment, Host, Platform } from '../../compiler/model/platform.js';
import { addressAt } from './ipv4.js';

function environment(name: string, vpc: string, hypervisors: number): Environment {
  const hostSubnetCidr = `${vpc.split('/')[0]}/24`;
  const serviceSubnetCidr = addressAt(vpc, 256) + '/24';
  const overlayCidr = '100.64.0.0/22';
  const hosts: Host[] = [
    { id: 'router', role: 'router', instanceType: 'c5n.large', volumeGiB: 20, underlayAddress: addressAt(hostSubnetCidr, 10), overlayAddress: addressAt(overlayCidr, 1), origin: ['hosts', 'router'] },
    { id: 'management', role: 'management', instanceType: 'm5.xlarge', volumeGiB: 100, underlayAddress: addressAt(hostSubnetCidr, 11), overlayAddress: addressAt(overlayCidr, 2), origin: ['hosts', 'management'] },
    ...Array.from({ length: hypervisors }, (_, i): Host => ({
      id: `hypervisor${String(i + 1).padStart(2, '0')}`, role: 'hypervisor', instanceType: 'c5.metal', volumeGiB: 500,
      underlayAddress: addressAt(hostSubnetCidr, 12 + i), overlayAddress: addressAt(overlayCidr, 3 + i), origin: ['hosts', 'hypervisors'],
    })),
  ];
  return {
    name, account: '111111111111', region: 'eu-west-1', partition: 'aws', vpcCidr: vpc, hostSubnetCidr, serviceSubnetCidr,
    availabilityZone: 'eu-west-1a', boundary: { name: 'default', policyName: `cloudstack-${name}-boundary`, deny: [], origin: [] },
    logRetentionDays: 30, protect: false, clientCidrs: [], trustedAccounts: [],
    overlay: { cidr: overlayCidr, prefixLength: 22, netmask: '255.255.252.0', gateway: addressAt(overlayCidr, 1), vni: 100, port: 4789, multicastGroup: '239.255.0.100', mtu: 8951, underlayInterface: 'eth0' },
    hosts, origin: ['environments', name],
  };
}

export function fallbackPlatform(): Platform {
  return {
    name: 'cloudstack', file: 'specs/cloudstack.platform.yaml', spec: {} as Platform['spec'], tags: {},
    environments: [environment('dev', '10.10.0.0/16', 1), environment('prod', '10.20.0.0/16', 4)], roles: [], pipelines: [],
  };
}

export function fallbackRender(_platform: Platform, env: Environment, host: Host): string {
  const o = env.overlay;
  const lines = [
    '#!/bin/bash', 'set -euo pipefail',
    `ip link add ethvxlan0 type vxlan id ${o.vni} dstport ${o.port} group ${o.multicastGroup} dev ${o.underlayInterface}`,
    `ip link set ethvxlan0 mtu ${o.mtu}`,
    'ip link add cloudbr0 type bridge stp_state 0',
    `ip link set cloudbr0 mtu ${o.mtu}`,
    'ip link set ethvxlan0 master cloudbr0',
    'ip link set ethvxlan0 up', 'ip link set cloudbr0 up',
    `ip address add ${host.overlayAddress}/${o.prefixLength} dev cloudbr0`,
    `sysctl -qw net.ipv4.conf.${o.underlayInterface}.force_igmp_version=2`,
    host.role === 'router' ? 'sysctl -qw net.ipv4.ip_forward=1' : `ip route replace default via ${o.gateway} dev cloudbr0`,
  ];
  return lines.join('\n') + '\n';
}
