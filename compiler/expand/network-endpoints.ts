/**
 * VPC endpoints that let the overlay hosts reach the AWS services they use without public addresses: only the
 * router has an Elastic IP, so the management server and the hypervisors would otherwise have no way to Systems
 * Manager (their only access, as no SSH port is opened) nor to CloudWatch Logs (their log group). Interface
 * endpoints live in the service subnet (the host subnet is for overlay hosts only) and accept HTTPS from the
 * hosts' security group alone; S3, which the SSM agent and package repositories use, gets a gateway endpoint on
 * every route table.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Environment, Platform } from '../model/platform.js';
import type { FragmentResource } from './fragment.js';
import { nameTags } from './shared/names.js';
import { refTo, sub } from './shared/refs.js';

/** Interface endpoints by logical-id prefix: Session Manager needs the first three, log shipping the last. */
export const INTERFACE_ENDPOINTS = [
  { id: 'Ssm', service: 'ssm' },
  { id: 'SsmMessages', service: 'ssmmessages' },
  { id: 'Ec2Messages', service: 'ec2messages' },
  { id: 'Logs', service: 'logs' },
] as const;

export const ENDPOINTS_SECURITY_GROUP = 'EndpointsSecurityGroup';

/** The logical ids the network stack defines and the endpoints refer to. */
export interface EndpointTargets {
  readonly vpc: string;
  readonly serviceSubnet: string;
  readonly hostsSecurityGroup: string;
  readonly routeTables: readonly string[];
}

/** The endpoints of one environment and the security group in front of the interface endpoints. */
export function endpointResources(platform: Platform, env: Environment, ids: EndpointTargets): FragmentResource[] {
  const origin: SpecPath = ['network', 'hostSubnet'];
  const resources: FragmentResource[] = [
    {
      logicalId: ENDPOINTS_SECURITY_GROUP,
      resource: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          GroupDescription: `VPC endpoints of ${platform.name} ${env.name}: HTTPS from the overlay hosts only`,
          VpcId: refTo(ids.vpc),
          SecurityGroupIngress: [
            { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: refTo(ids.hostsSecurityGroup), Description: 'HTTPS from the overlay hosts' },
          ],
          Tags: nameTags(platform, env, 'endpoints'),
        },
      },
      origin,
    },
  ];
  for (const endpoint of INTERFACE_ENDPOINTS) {
    resources.push({
      logicalId: `${endpoint.id}Endpoint`,
      resource: {
        Type: 'AWS::EC2::VPCEndpoint',
        Properties: {
          VpcId: refTo(ids.vpc),
          ServiceName: sub(`com.amazonaws.\${AWS::Region}.${endpoint.service}`),
          VpcEndpointType: 'Interface',
          PrivateDnsEnabled: true,
          SubnetIds: [refTo(ids.serviceSubnet)],
          SecurityGroupIds: [refTo(ENDPOINTS_SECURITY_GROUP)],
        },
      },
      origin,
    });
  }
  resources.push({
    logicalId: 'S3Endpoint',
    resource: {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        VpcId: refTo(ids.vpc),
        ServiceName: sub('com.amazonaws.${AWS::Region}.s3'),
        VpcEndpointType: 'Gateway',
        RouteTableIds: ids.routeTables.map((id) => refTo(id)),
      },
    },
    origin,
  });
  return resources;
}
