/**
 * Network broadening: security group rules (inline in AWS::EC2::SecurityGroup or standalone
 * AWS::EC2::SecurityGroupIngress/Egress resources) that let more traffic through than before, and routes that
 * send traffic somewhere new. A head rule is broadening unless some base rule of the same group covers it
 * (protocol, port range and peer CIDR containment). Parameters are resolved from the parameter files, so a client
 * CIDR widened in the parameter file is found too.
 */
import { Address4, Address6 } from 'ip-address';
import type { Json, JsonObject } from '../model/cfn.js';
import { isJsonObject, stableKey } from './deep-diff.js';
import type { EnvResource } from './env-resources.js';
import type { StackFinding } from './iam-broadening.js';
import type { NetworkFinding, NetworkFindingKind } from './model.js';
import { compareText } from '../model/compare-text.js';

interface Rule {
  readonly logicalId: string;
  readonly stack: string;
  readonly target: string;
  readonly direction: 'ingress' | 'egress';
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
  readonly peer: string;
}

interface Route {
  readonly logicalId: string;
  readonly stack: string;
  readonly table: string;
  readonly destination: string;
  readonly via: string;
}

/** Broadening findings of one environment. */
export function findNetworkBroadening(base: ReadonlyMap<string, EnvResource>, head: ReadonlyMap<string, EnvResource>): StackFinding<NetworkFinding>[] {
  const findings: StackFinding<NetworkFinding>[] = [];
  const baseRules = rulesOf(base);
  for (const rule of rulesOf(head)) {
    if (baseRules.some((b) => ruleCovers(b, rule))) continue;
    const kind = classifyRule(baseRules, rule);
    const open = rule.peer === '0.0.0.0/0' || rule.peer === '::/0';
    findings.push({
      stack: rule.stack,
      finding: {
        kind,
        logicalId: rule.logicalId,
        target: rule.target,
        direction: rule.direction,
        protocol: rule.protocol,
        ports: portText(rule),
        peer: rule.peer,
        open,
        detail: `${RULE_DETAILS[kind]}${open ? ' (open to the internet)' : ''}`,
      },
    });
  }
  const baseRoutes = routesOf(base);
  for (const route of routesOf(head)) {
    const known = baseRoutes.some((b) => b.table === route.table && b.via === route.via && cidrCovers(b.destination, route.destination));
    if (known) continue;
    const open = route.destination === '0.0.0.0/0' || route.destination === '::/0';
    findings.push({
      stack: route.stack,
      finding: {
        kind: 'route-added',
        logicalId: route.logicalId,
        target: route.table,
        direction: 'route',
        protocol: 'all',
        ports: 'all',
        peer: `${route.destination} via ${route.via}`,
        open,
        detail: `${RULE_DETAILS['route-added']}${open ? ' (default route)' : ''}`,
      },
    });
  }
  return findings.sort((a, b) => compareText(a.finding.logicalId, b.finding.logicalId) || compareText(a.finding.peer, b.finding.peer));
}

const RULE_DETAILS: { readonly [kind in NetworkFindingKind]: string } = {
  'rule-added': 'rule added',
  'cidr-widened': 'peer CIDR widened',
  'port-range-widened': 'port range widened',
  'protocol-widened': 'all protocols allowed',
  'route-added': 'route added',
};

function classifyRule(base: readonly Rule[], rule: Rule): NetworkFindingKind {
  const sameGroup = base.filter((b) => b.target === rule.target && b.direction === rule.direction);
  if (sameGroup.some((b) => b.protocol === rule.protocol && b.peer === rule.peer)) return 'port-range-widened';
  if (sameGroup.some((b) => b.protocol === rule.protocol && b.from === rule.from && b.to === rule.to && cidrCovers(rule.peer, b.peer))) {
    return 'cidr-widened';
  }
  if (rule.protocol === 'all' && sameGroup.some((b) => b.peer === rule.peer)) return 'protocol-widened';
  return 'rule-added';
}

function ruleCovers(b: Rule, h: Rule): boolean {
  return (
    b.target === h.target &&
    b.direction === h.direction &&
    (b.protocol === 'all' || b.protocol === h.protocol) &&
    b.from <= h.from &&
    b.to >= h.to &&
    (b.peer === h.peer || cidrCovers(b.peer, h.peer))
  );
}

/** True when CIDR `wide` contains CIDR `narrow` (same family); false for anything that is not a CIDR. */
export function cidrCovers(wide: string, narrow: string): boolean {
  if (wide === narrow) return true;
  try {
    if (Address4.isValid(wide) && Address4.isValid(narrow)) return new Address4(narrow).isInSubnet(new Address4(wide));
    if (Address6.isValid(wide) && Address6.isValid(narrow)) return new Address6(narrow).isInSubnet(new Address6(wide));
  } catch {
    return false;
  }
  return false;
}

/** IP protocol numbers by the names a reader knows them by (IANA's keywords); others stay numbers. */
const PROTOCOLS: { readonly [key: string]: string } = {
  '-1': 'all', all: 'all', '1': 'icmp', '2': 'igmp', '4': 'ipip', '6': 'tcp', '17': 'udp', '47': 'gre', '50': 'esp', '51': 'ah', '58': 'icmpv6', '132': 'sctp',
};

function rulesOf(resources: ReadonlyMap<string, EnvResource>): Rule[] {
  const rules: Rule[] = [];
  for (const { logicalId, stack, resource } of resources.values()) {
    const props = resource.Properties ?? {};
    const resolve = (v: Json | undefined) => resolveValue(v, stack.parameterValues);
    if (resource.Type === 'AWS::EC2::SecurityGroup') {
      for (const direction of ['ingress', 'egress'] as const) {
        const list = props[direction === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress'];
        for (const item of Array.isArray(list) ? (list as readonly Json[]) : []) {
          if (isJsonObject(item)) rules.push(toRule(item, { logicalId, stack: stack.stack, target: logicalId, direction, resolve }));
        }
      }
    }
    if (resource.Type === 'AWS::EC2::SecurityGroupIngress' || resource.Type === 'AWS::EC2::SecurityGroupEgress') {
      const direction = resource.Type.endsWith('Ingress') ? 'ingress' : 'egress';
      rules.push(toRule(props, { logicalId, stack: stack.stack, target: groupName(props.GroupId ?? props.GroupName), direction, resolve }));
    }
  }
  return rules;
}

function toRule(
  item: JsonObject,
  at: { logicalId: string; stack: string; target: string; direction: 'ingress' | 'egress'; resolve: (v: Json | undefined) => string },
): Rule {
  const rawProtocol = at.resolve(item.IpProtocol).toLowerCase();
  const protocol = PROTOCOLS[rawProtocol] ?? rawProtocol;
  const all = protocol === 'all' || item.FromPort === undefined || item.FromPort === -1;
  const from = all ? 0 : Number(at.resolve(item.FromPort));
  const to = all ? 65535 : Number(at.resolve(item.ToPort ?? item.FromPort));
  const peerKeys = ['CidrIp', 'CidrIpv6', 'SourceSecurityGroupId', 'SourcePrefixListId', 'SourceSecurityGroupName',
    'DestinationSecurityGroupId', 'DestinationPrefixListId'];
  const peerKey = peerKeys.find((k) => item[k] !== undefined);
  const peerValue = peerKey === undefined ? '' : item[peerKey];
  const peer = peerKey !== undefined && peerKey.includes('SecurityGroup') ? `sg:${groupName(peerValue)}` : at.resolve(peerValue);
  return { logicalId: at.logicalId, stack: at.stack, target: at.target, direction: at.direction, protocol, from, to, peer };
}

/** `{"Ref": "HostsSg"}` and `{"Fn::GetAtt": ["HostsSg", "GroupId"]}` both name `HostsSg`. */
function groupName(value: Json | undefined): string {
  if (isJsonObject(value)) {
    if (typeof value.Ref === 'string') return value.Ref;
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  }
  return typeof value === 'string' ? value : stableKey(value);
}

function resolveValue(value: Json | undefined, parameters: { readonly [name: string]: string }): string {
  if (value === undefined) return '';
  if (isJsonObject(value) && typeof value.Ref === 'string' && parameters[value.Ref] !== undefined) return parameters[value.Ref] ?? '';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : stableKey(value);
}

function portText(rule: Rule): string {
  if (rule.protocol === 'all' || (rule.from === 0 && rule.to === 65535)) return 'all';
  return rule.from === rule.to ? String(rule.from) : `${rule.from}-${rule.to}`;
}

const ROUTE_TARGETS = ['GatewayId', 'NatGatewayId', 'NetworkInterfaceId', 'InstanceId', 'TransitGatewayId',
  'VpcPeeringConnectionId', 'VpcEndpointId', 'EgressOnlyInternetGatewayId', 'CarrierGatewayId', 'LocalGatewayId', 'CoreNetworkArn'];

function routesOf(resources: ReadonlyMap<string, EnvResource>): Route[] {
  const routes: Route[] = [];
  for (const { logicalId, stack, resource } of resources.values()) {
    if (resource.Type !== 'AWS::EC2::Route') continue;
    const props = resource.Properties ?? {};
    const resolve = (v: Json | undefined) => resolveValue(v, stack.parameterValues);
    const destination = resolve(props.DestinationCidrBlock ?? props.DestinationIpv6CidrBlock ?? props.DestinationPrefixListId);
    const targetKey = ROUTE_TARGETS.find((k) => props[k] !== undefined);
    const via = targetKey === undefined ? '' : `${targetKey} ${groupName(props[targetKey])}`;
    routes.push({ logicalId, stack: stack.stack, table: groupName(props.RouteTableId), destination, via });
  }
  return routes;
}
