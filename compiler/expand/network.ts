/**
 * The network stack of an environment: the VPC with its dedicated host subnet and a service subnet, route
 * tables that send the overlay CIDR to the router, the Transit Gateway multicast domain through which the VTEPs
 * find each other, the security groups of the hosts and the router, and the VPC endpoints through which the
 * hosts without public addresses reach Systems Manager, CloudWatch Logs and S3 (network-endpoints.ts).
 *
 * The router's network interface is created here, not with the router instance: every route table targets it,
 * and a route to an instance would make the network stack depend on the hosts stack that depends on it.
 */
import { MANAGEMENT_UI_PORT } from '../model/routing-targets.js';
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Json, JsonObject } from '../model/cfn.js';
import type { Environment, Host, Platform } from '../model/platform.js';
import type { ExpandContext, Fragment, FragmentParameter, FragmentResource } from './fragment.js';
import { endpointResources } from './network-endpoints.js';
import { nameTags } from './shared/names.js';
import { refTo } from './shared/refs.js';

/** Logical ids of the network resources other stacks refer to (through cross-stack markers). */
export const NETWORK_IDS = {
  vpc: 'Vpc',
  hostSubnet: 'HostSubnet',
  serviceSubnet: 'ServiceSubnet',
  hostRouteTable: 'HostRouteTable',
  serviceRouteTable: 'ServiceRouteTable',
  internetGateway: 'InternetGateway',
  internetGatewayAttachment: 'InternetGatewayAttachment',
  routerInterface: 'RouterNetworkInterface',
  hostsSecurityGroup: 'HostsSecurityGroup',
  routerSecurityGroup: 'RouterSecurityGroup',
  transitGateway: 'TransitGateway',
  transitGatewayAttachment: 'TransitGatewayVpcAttachment',
  multicastDomain: 'MulticastDomain',
} as const;

const IDS = NETWORK_IDS;


/** Pattern of an IPv4 CIDR in a template parameter constraint. */
export const CIDR_PATTERN = '^(\\d{1,3}\\.){3}\\d{1,3}/(\\d|[12]\\d|3[0-2])$';

/** Name of the template parameter for the client CIDR at `index` of the spec list; names count from 1. */
export function clientCidrParameter(index: number): string {
  return `ClientCidr${index + 1}`;
}

interface Builder {
  readonly platform: Platform;
  readonly env: Environment;
  readonly resources: FragmentResource[];
}

function add(
  builder: Builder,
  logicalId: string,
  type: string,
  properties: JsonObject,
  origin: SpecPath,
  extra: { readonly dependsOn?: readonly string[]; readonly metadata?: JsonObject } = {},
): void {
  const resource = {
    Type: type,
    Properties: properties,
    ...(extra.dependsOn === undefined ? {} : { DependsOn: extra.dependsOn }),
    ...(extra.metadata === undefined ? {} : { Metadata: extra.metadata }),
  };
  builder.resources.push({ logicalId, resource, origin });
}

function routerHost(env: Environment): Host | undefined {
  return env.hosts.find((host) => host.role === 'router');
}

function addVpcAndSubnets(b: Builder): void {
  const { platform, env } = b;
  const envOrigin: SpecPath = [...env.origin, 'vpcCidr'];
  const subnetOrigin: SpecPath = ['network', 'hostSubnet'];
  add(b, IDS.vpc, 'AWS::EC2::VPC', {
    CidrBlock: env.vpcCidr,
    EnableDnsHostnames: true,
    EnableDnsSupport: true,
    Tags: nameTags(platform, env, 'vpc'),
  }, envOrigin);
  add(b, IDS.hostSubnet, 'AWS::EC2::Subnet', {
    VpcId: refTo(IDS.vpc),
    CidrBlock: env.hostSubnetCidr,
    AvailabilityZone: env.availabilityZone,
    MapPublicIpOnLaunch: false,
    Tags: nameTags(platform, env, 'hosts'),
  }, subnetOrigin, { metadata: FIXED_ZONE_WAIVER });
  add(b, IDS.serviceSubnet, 'AWS::EC2::Subnet', {
    VpcId: refTo(IDS.vpc),
    CidrBlock: env.serviceSubnetCidr,
    AvailabilityZone: env.availabilityZone,
    MapPublicIpOnLaunch: false,
    Tags: nameTags(platform, env, 'services'),
  }, subnetOrigin, { metadata: FIXED_ZONE_WAIVER });
}

/**
 * cfn-lint's resource-level configuration for the subnets: W3010 (hard-coded Availability Zone) is waived. The
 * zone is chosen on purpose (metal types are not offered in every zone; the spec's availabilityZone or
 * <region>a), and a waiver in the template holds wherever cfn-lint runs, not only under a project's .cfnlintrc.
 */
const FIXED_ZONE_WAIVER: JsonObject = { 'cfn-lint': { config: { ignore_checks: ['W3010'] } } };

function addRouting(b: Builder): void {
  const { platform, env } = b;
  const overlayOrigin: SpecPath = ['network', 'overlay', 'cidr'];
  add(b, IDS.internetGateway, 'AWS::EC2::InternetGateway', { Tags: nameTags(platform, env, 'igw') }, env.origin);
  add(b, IDS.internetGatewayAttachment, 'AWS::EC2::VPCGatewayAttachment', {
    VpcId: refTo(IDS.vpc),
    InternetGatewayId: refTo(IDS.internetGateway),
  }, env.origin);
  const tables = [
    { id: IDS.hostRouteTable, subnet: IDS.hostSubnet, name: 'hosts', prefix: 'Host' },
    { id: IDS.serviceRouteTable, subnet: IDS.serviceSubnet, name: 'services', prefix: 'Service' },
  ] as const;
  for (const table of tables) {
    add(b, table.id, 'AWS::EC2::RouteTable', { VpcId: refTo(IDS.vpc), Tags: nameTags(platform, env, table.name) }, ['network', 'hostSubnet']);
    add(b, `${table.prefix}SubnetRouteTableAssociation`, 'AWS::EC2::SubnetRouteTableAssociation', {
      SubnetId: refTo(table.subnet),
      RouteTableId: refTo(table.id),
    }, ['network', 'hostSubnet']);
    // Every route table of the VPC sends the overlay to the router, so replies find their way back.
    add(b, `${table.prefix}OverlayRoute`, 'AWS::EC2::Route', {
      RouteTableId: refTo(table.id),
      DestinationCidrBlock: env.overlay.cidr,
      NetworkInterfaceId: refTo(IDS.routerInterface),
    }, overlayOrigin);
  }
  // The router's Elastic IP, the environment's public entry point, needs the internet gateway on its subnet.
  add(b, 'HostDefaultRoute', 'AWS::EC2::Route', {
    RouteTableId: refTo(IDS.hostRouteTable),
    DestinationCidrBlock: '0.0.0.0/0',
    GatewayId: refTo(IDS.internetGateway),
  }, ['hosts', 'router'], { dependsOn: [IDS.internetGatewayAttachment] });
}

function addRouterInterface(b: Builder): void {
  const router = routerHost(b.env);
  if (router === undefined) return;
  add(b, IDS.routerInterface, 'AWS::EC2::NetworkInterface', {
    Description: `Router of ${b.platform.name} ${b.env.name}: forwards between the VPC and the overlay`,
    SubnetId: refTo(IDS.hostSubnet),
    PrivateIpAddress: router.underlayAddress,
    SourceDestCheck: false,
    GroupSet: [refTo(IDS.hostsSecurityGroup), refTo(IDS.routerSecurityGroup)],
    Tags: nameTags(b.platform, b.env, 'router'),
  }, router.origin);
}

function addMulticast(b: Builder): void {
  const { platform, env } = b;
  const origin: SpecPath = ['network', 'overlay', 'multicastGroup'];
  add(b, IDS.transitGateway, 'AWS::EC2::TransitGateway', {
    Description: `VXLAN VTEP discovery by multicast for ${platform.name} ${env.name}`,
    MulticastSupport: 'enable',
    Tags: nameTags(platform, env, 'tgw'),
  }, origin);
  add(b, IDS.transitGatewayAttachment, 'AWS::EC2::TransitGatewayAttachment', {
    TransitGatewayId: refTo(IDS.transitGateway),
    VpcId: refTo(IDS.vpc),
    SubnetIds: [refTo(IDS.hostSubnet)],
    Tags: nameTags(platform, env, 'tgw-hosts'),
  }, origin);
  add(b, IDS.multicastDomain, 'AWS::EC2::TransitGatewayMulticastDomain', {
    TransitGatewayId: refTo(IDS.transitGateway),
    Options: { Igmpv2Support: 'enable', StaticSourcesSupport: 'disable', AutoAcceptSharedAssociations: 'disable' },
    Tags: nameTags(platform, env, 'multicast'),
  }, origin);
  add(b, 'MulticastDomainAssociation', 'AWS::EC2::TransitGatewayMulticastDomainAssociation', {
    TransitGatewayMulticastDomainId: refTo(IDS.multicastDomain),
    TransitGatewayAttachmentId: refTo(IDS.transitGatewayAttachment),
    SubnetId: refTo(IDS.hostSubnet),
  }, origin);
}

function addSecurityGroups(b: Builder): void {
  const { platform, env } = b;
  const overlay = env.overlay;
  add(b, IDS.hostsSecurityGroup, 'AWS::EC2::SecurityGroup', {
    GroupDescription: `Overlay hosts of ${platform.name} ${env.name}: IGMP queries and VXLAN between the hosts`,
    VpcId: refTo(IDS.vpc),
    SecurityGroupIngress: [
      { IpProtocol: '2', CidrIp: '0.0.0.0/32', Description: 'IGMP queries of the Transit Gateway multicast domain' },
    ],
    Tags: nameTags(platform, env, 'hosts'),
  }, ['network', 'overlay']);
  // VTEP discovery arrives as multicast through the Transit Gateway, and a security group cannot be the source of
  // an inbound rule for multicast UDP: the rule names the host subnet, which holds the overlay hosts and nothing else.
  add(b, 'HostsVxlanIngress', 'AWS::EC2::SecurityGroupIngress', {
    GroupId: refTo(IDS.hostsSecurityGroup),
    IpProtocol: 'udp',
    FromPort: overlay.port,
    ToPort: overlay.port,
    CidrIp: env.hostSubnetCidr,
    Description: 'VXLAN (multicast and unicast) from the overlay hosts in the host subnet',
  }, ['network', 'overlay', 'port']);
  add(b, IDS.routerSecurityGroup, 'AWS::EC2::SecurityGroup', {
    GroupDescription: `Router of ${platform.name} ${env.name}: management UI from the client CIDRs, overlay traffic from the services`,
    VpcId: refTo(IDS.vpc),
    SecurityGroupIngress: [
      { IpProtocol: '-1', CidrIp: env.serviceSubnetCidr, Description: 'Service subnet traffic routed to the overlay' },
    ],
    Tags: nameTags(platform, env, 'router'),
  }, ['network', 'overlay', 'cidr']);
  env.clientCidrs.forEach((_, index) => {
    add(b, `RouterClientIngress${index + 1}`, 'AWS::EC2::SecurityGroupIngress', {
      GroupId: refTo(IDS.routerSecurityGroup),
      IpProtocol: 'tcp',
      FromPort: MANAGEMENT_UI_PORT,
      ToPort: MANAGEMENT_UI_PORT,
      CidrIp: { Ref: clientCidrParameter(index) },
      Description: 'Management UI from a declared client CIDR',
    }, [...env.origin, 'clientCidrs', index]);
  });
}

/** Template parameter holding the id of the region's prefix list of Route 53's health checkers. */
export const HEALTH_CHECKER_PREFIX_LIST_PARAMETER = 'HealthCheckerPrefixList';

/** Route 53's health checkers reach the ports their checks probe, from their prefix list and nowhere else. */
function addHealthCheckerIngress(b: Builder): void {
  const checkers = b.env.healthCheckers;
  if (checkers === undefined) return;
  for (const { port, origin } of checkers.ports) {
    add(b, `RouterHealthCheckIngress${port}`, 'AWS::EC2::SecurityGroupIngress', {
      GroupId: refTo(IDS.routerSecurityGroup),
      IpProtocol: 'tcp',
      FromPort: port,
      ToPort: port,
      SourcePrefixListId: { Ref: HEALTH_CHECKER_PREFIX_LIST_PARAMETER },
      Description: `Route 53 health checks of port ${port}, from the health checkers' managed prefix list`,
    }, origin);
  }
}

function networkParameters(env: Environment): FragmentParameter[] {
  const parameters = clientCidrParameters(env);
  if (env.healthCheckers !== undefined) {
    parameters.push({
      name: HEALTH_CHECKER_PREFIX_LIST_PARAMETER,
      definition: {
        Type: 'String',
        Description: `Id of the AWS-managed prefix list com.amazonaws.${env.region}.route53-healthchecks (Route 53's health checkers)`,
        AllowedPattern: '^pl-[0-9a-f]{8,17}$',
        ConstraintDescription: 'a prefix list id such as pl-0123456789abcdef0',
      },
      value: env.healthCheckers.prefixList,
      origin: env.healthCheckers.origin,
    });
  }
  return parameters;
}

function clientCidrParameters(env: Environment): FragmentParameter[] {
  return env.clientCidrs.map((cidr, index) => ({
    name: clientCidrParameter(index),
    definition: {
      Type: 'String',
      Description: 'A client CIDR allowed to reach the management UI through the router',
      AllowedPattern: CIDR_PATTERN,
      ConstraintDescription: 'an IPv4 CIDR such as 203.0.113.0/24',
    },
    value: cidr,
    origin: [...env.origin, 'clientCidrs', index],
  }));
}

/** The network fragment of one environment. */
export function expandNetwork(context: ExpandContext): readonly Fragment[] {
  const b: Builder = { platform: context.platform, env: context.env, resources: [] };
  addVpcAndSubnets(b);
  addRouting(b);
  addRouterInterface(b);
  addMulticast(b);
  addSecurityGroups(b);
  addHealthCheckerIngress(b);
  b.resources.push(...endpointResources(b.platform, b.env, {
    vpc: IDS.vpc,
    serviceSubnet: IDS.serviceSubnet,
    hostsSecurityGroup: IDS.hostsSecurityGroup,
    routeTables: [IDS.hostRouteTable, IDS.serviceRouteTable],
  }));
  const outputs: { name: string; value: Json; description: string }[] = [
    { name: 'VpcId', value: { Ref: IDS.vpc }, description: 'The environment VPC' },
    { name: 'HostSubnetId', value: { Ref: IDS.hostSubnet }, description: 'The dedicated subnet of the overlay hosts' },
    { name: 'ServiceSubnetId', value: { Ref: IDS.serviceSubnet }, description: 'The subnet for everything that is not an overlay host' },
    { name: 'RouterNetworkInterfaceId', value: { Ref: IDS.routerInterface }, description: 'The router network interface, target of the overlay routes' },
  ];
  return [{ stack: 'network', resources: b.resources, parameters: networkParameters(context.env), outputs }];
}
