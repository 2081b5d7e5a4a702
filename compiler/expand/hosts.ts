/**
 * The hosts stack of an environment: the router, the management server and the metal hypervisors, all in the
 * host subnet with fixed addresses, each booting with user data that sets up its part of the overlay.
 *
 * Settings shared by a kind of host (instance profile, IMDSv2, encrypted gp3 root volume) live in one launch
 * template per kind. Each hypervisor is its own group, so a large fleet can be split across stacks at
 * CloudFormation's quotas without separating anything that belongs together.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { JsonObject } from '../model/cfn.js';
import type { Environment, Host, HostRole, Platform } from '../model/platform.js';
import type { ExpandContext, Fragment, FragmentOutput, FragmentParameter, FragmentResource } from './fragment.js';
import { hostScripts, type HostScripts } from './hosts-user-data.js';
import { HOST_ROLE_KEY, hostRoleResources, instanceProfileId } from './hosts-roles.js';
import { NETWORK_IDS } from './network.js';
import { logicalName, nameTags } from './shared/names.js';
import { attOf, refTo } from './shared/refs.js';

/** The template parameter holding the hosts' image: an SSM parameter path or an AMI id, per environment. */
export const IMAGE_PARAMETER = 'ImageId';
export const AMI_ID_PATTERN = '^ami-[0-9a-f]{8,17}$';
export const ROUTER_EIP_ID = 'RouterEip';

/** Root device of the images the platform is built for (Amazon Linux and its relatives). */
const ROOT_DEVICE = '/dev/xvda';

/** Where the settings the overlay script carries come from (VNI, port, multicast group, MTU, CIDR). */
const OVERLAY_ORIGIN: SpecPath = ['network', 'overlay'];

/** `hypervisor` -> `HypervisorLaunchTemplate`: the settings every host of a kind shares. */
export function launchTemplateId(role: HostRole): string {
  return `${logicalName(role)}LaunchTemplate`;
}

/** `router` -> `RouterInstance`, `hypervisor07` -> `Hypervisor07Instance`. */
export function instanceId(host: Host): string {
  return `${logicalName(host.id)}Instance`;
}

function imageParameter(env: Environment): FragmentParameter {
  const image = env.image;
  if (image.kind === 'ssm') {
    return {
      name: IMAGE_PARAMETER,
      definition: {
        Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
        Description: 'SSM parameter holding the image id of the overlay hosts',
      },
      value: image.parameter,
      origin: image.origin,
    };
  }
  return {
    name: IMAGE_PARAMETER,
    definition: {
      Type: 'AWS::EC2::Image::Id',
      Description: 'Image id of the overlay hosts',
      AllowedPattern: AMI_ID_PATTERN,
      ConstraintDescription: 'an AMI id such as ami-0123456789abcdef0',
    },
    value: image.amiId,
    origin: image.origin,
  };
}

function launchTemplate(platform: Platform, env: Environment, role: HostRole, volumeGiB: number): FragmentResource {
  return {
    logicalId: launchTemplateId(role),
    resource: {
      Type: 'AWS::EC2::LaunchTemplate',
      Properties: {
        LaunchTemplateData: {
          IamInstanceProfile: { Arn: attOf(instanceProfileId(role), 'Arn') },
          MetadataOptions: { HttpEndpoint: 'enabled', HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
          BlockDeviceMappings: [
            { DeviceName: ROOT_DEVICE, Ebs: { VolumeSize: volumeGiB, VolumeType: 'gp3', Encrypted: true, DeleteOnTermination: true } },
          ],
        },
        TagSpecifications: [{ ResourceType: 'launch-template', Tags: nameTags(platform, env, role) }],
      },
    },
    origin: ['hosts', HOST_ROLE_KEY[role]],
  };
}

/** Where an instance sits: the router on its own interface from the network stack, the others in the host subnet. */
function placement(host: Host): JsonObject {
  if (host.role === 'router') {
    return { NetworkInterfaces: [{ DeviceIndex: '0', NetworkInterfaceId: refTo(NETWORK_IDS.routerInterface) }] };
  }
  return {
    PrivateIpAddress: host.underlayAddress,
    SecurityGroupIds: [refTo(NETWORK_IDS.hostsSecurityGroup)],
    SubnetId: refTo(NETWORK_IDS.hostSubnet),
  };
}

function instance(platform: Platform, env: Environment, host: Host, scripts: HostScripts, waitsFor?: Host): FragmentResource {
  const template = launchTemplateId(host.role);
  const resource: FragmentResource = {
    logicalId: instanceId(host),
    resource: {
      Type: 'AWS::EC2::Instance',
      ...(waitsFor === undefined ? {} : { DependsOn: [instanceId(waitsFor)] }),
      // In key order, the order they are written in: one instance per host, so no copy for each at emit.
      Properties: {
        ImageId: { Ref: IMAGE_PARAMETER },
        InstanceType: host.instanceType,
        LaunchTemplate: { LaunchTemplateId: refTo(template), Version: attOf(template, 'LatestVersionNumber') },
        ...placement(host),
        Tags: nameTags(platform, env, host.id),
        UserData: { 'Fn::Base64': scripts.userData(host) },
      },
    },
    origin: host.origin,
    // The overlay script in the user data carries the overlay's settings: a change there changes every host.
    propertyOrigins: { 'Properties.UserData': OVERLAY_ORIGIN },
  };
  return host.role === 'hypervisor' ? { ...resource, group: host.id } : resource;
}

/** The router's Elastic IP on the router's interface: the environment's public entry point (DNS points here). */
function routerAddress(platform: Platform, env: Environment): FragmentResource[] {
  const origin: SpecPath = ['hosts', 'router'];
  return [
    {
      logicalId: ROUTER_EIP_ID,
      resource: { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc', Tags: nameTags(platform, env, 'router') } },
      origin,
    },
    {
      logicalId: 'RouterEipAssociation',
      resource: {
        Type: 'AWS::EC2::EIPAssociation',
        Properties: { AllocationId: attOf(ROUTER_EIP_ID, 'AllocationId'), NetworkInterfaceId: refTo(NETWORK_IDS.routerInterface) },
      },
      origin,
    },
  ];
}

function outputs(env: Environment): FragmentOutput[] {
  const byRole = (role: HostRole): Host | undefined => env.hosts.find((host) => host.role === role);
  const router = byRole('router');
  const management = byRole('management');
  const list: FragmentOutput[] = [
    { name: 'RouterPublicIp', value: { Ref: ROUTER_EIP_ID }, description: 'Public address of the router, the environment entry point' },
  ];
  if (router !== undefined) {
    list.push({ name: 'RouterInstanceId', value: { Ref: instanceId(router) }, description: 'The router instance' });
    list.push({ name: 'OverlayGateway', value: router.overlayAddress, description: 'Overlay address of the router, the gateway of the overlay' });
  }
  if (management !== undefined) {
    list.push({ name: 'ManagementOverlayAddress', value: management.overlayAddress, description: 'Overlay address of the management server' });
  }
  return list;
}

/** Kinds of host present in the environment, in their fixed order, with the volume size of each kind. */
function hostKinds(env: Environment): { role: HostRole; volumeGiB: number }[] {
  const roles: readonly HostRole[] = ['router', 'management', 'hypervisor'];
  return roles.flatMap((role) => {
    const first = env.hosts.find((host) => host.role === role);
    return first === undefined ? [] : [{ role, volumeGiB: first.volumeGiB }];
  });
}

/**
 * With a rolling batch of n, hypervisor k waits for hypervisor k - n (DependsOn), so CloudFormation creates, stops
 * and starts, or replaces at most n at a time. A predecessor in an earlier hosts stack is dropped by assembly:
 * that stack deploys first anyway.
 */
function predecessor(env: Environment, index: number): Host | undefined {
  if (env.hosts[index]?.role !== 'hypervisor' || env.rollingBatch === undefined) return undefined;
  // Hypervisors come last and in order, so the one n places before is n places before in the host list.
  const before = env.hosts[index - env.rollingBatch];
  return before?.role === 'hypervisor' ? before : undefined;
}

/** The hosts fragment of one environment. */
export function expandHosts(context: ExpandContext): readonly Fragment[] {
  const { platform, env } = context;
  const kinds = hostKinds(env);
  const scripts = hostScripts(platform, env);
  const resources: FragmentResource[] = [
    ...kinds.flatMap(({ role }) => hostRoleResources(platform, env, role)),
    ...kinds.map(({ role, volumeGiB }) => launchTemplate(platform, env, role, volumeGiB)),
    ...routerAddress(platform, env),
    ...env.hosts.map((host, index) => instance(platform, env, host, scripts, predecessor(env, index))),
  ];
  return [{ stack: 'hosts', resources, parameters: [imageParameter(env)], outputs: outputs(env) }];
}
