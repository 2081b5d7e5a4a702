/**
 * One instance role and instance profile per kind of host (router, management, hypervisor). Each role carries
 * the environment's boundary and no more than a host needs: Systems Manager for access without SSH, and writing
 * to the environment's hosts log group.
 */
import type { HostRole, Environment, Platform } from '../model/platform.js';
import type { FragmentResource } from './fragment.js';
import { HOSTS_LOG_GROUP } from './logging-names.js';
import { awsManagedPolicyArn, boundedRole, instanceProfile, serviceTrust } from './shared/iam.js';
import { logicalName, roleName } from './shared/names.js';
import { logGroupArns } from './shared/references.js';
import { refTo } from './shared/refs.js';

/** Spec key of each kind of host, for origins. */
export const HOST_ROLE_KEY: Readonly<Record<HostRole, string>> = {
  router: 'router',
  management: 'management',
  hypervisor: 'hypervisors',
};

/** `router` -> `RouterInstanceRole`: one role per kind of host, shared by every host of that kind. */
export function instanceRoleId(role: HostRole): string {
  return `${logicalName(role)}InstanceRole`;
}

/** `router` -> `RouterInstanceProfile`, referenced by the launch template of that kind. */
export function instanceProfileId(role: HostRole): string {
  return `${logicalName(role)}InstanceProfile`;
}

/** The role and profile of one kind of host. */
export function hostRoleResources(platform: Platform, env: Environment, role: HostRole): FragmentResource[] {
  const origin = ['hosts', HOST_ROLE_KEY[role]];
  const instanceRole = boundedRole({
    logicalId: instanceRoleId(role),
    env,
    roleName: roleName(platform, env, `${role}-host`),
    description: `Instance role of the ${role} hosts of ${platform.name} ${env.name}`,
    trust: [serviceTrust(env, 'ec2', origin)],
    statements: [
      {
        sid: 'WriteHostLogs',
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        resources: logGroupArns(platform, env, HOSTS_LOG_GROUP),
        origin,
      },
    ],
    managedPolicyArns: [awsManagedPolicyArn('AmazonSSMManagedInstanceCore')],
    origin,
  });
  const profile = instanceProfile({ logicalId: instanceProfileId(role), role: refTo(instanceRole.logicalId), origin });
  return [instanceRole, profile];
}
