/**
 * Environments: names usable in stack and role names, real accounts and regions, VPC CIDRs that can coexist.
 */
import type { CodeInfo } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { isAwsRegion, REGION_CODES } from '../aws-regions.js';
import { isPrivateRange, overlaps, parseCidr, PRIVATE_RANGES, type Cidr } from '../cidr.js';
import { finding, type Rule } from '../rule.js';
import { suggestionHint } from '../suggest.js';

export const ENV_NAME = /^[a-z][a-z0-9-]*$/;
/** Keeps `<platform>-<env>-<purpose>` role names within IAM's 64 characters. */
export const MAX_ENV_NAME = 16;
export const ACCOUNT_ID = /^\d{12}$/;
export const MIN_VPC_PREFIX = 16;
export const MAX_VPC_PREFIX = 28;

export const ENVIRONMENT_CODES: readonly CodeInfo[] = [
  { code: 'ENV001', title: 'Invalid environment name', why: 'Environment names become part of stack, role and resource names, which allow only some characters and lengths.', example: 'environments:\n  Prod_1: {...}', fix: `Use lowercase letters, digits and dashes, starting with a letter, at most ${MAX_ENV_NAME} characters.` },
  { code: 'ENV002', title: 'Account id is not 12 digits', why: 'AWS account ids are exactly 12 digits; anything else cannot be deployed to.', example: 'account: "12345"', fix: 'Write the 12-digit account id in quotes (leading zeros matter).' },
  { code: 'ENV003', title: 'Unknown AWS region', why: 'A misspelt region would only fail at deploy time.', example: 'region: us-east-3', fix: 'Use a region code such as us-east-1.' },
  { code: 'ENV004', title: 'Invalid VPC CIDR', why: 'The VPC needs a valid IPv4 network address.', example: 'vpcCidr: 10.10.0.1/16', fix: 'Write the network address, e.g. 10.10.0.0/16.' },
  { code: 'ENV005', title: 'VPC CIDR size outside /16../28', why: 'AWS accepts VPC CIDR blocks between /16 and /28 only.', example: 'vpcCidr: 10.0.0.0/8', fix: 'Use a prefix length between 16 and 28.' },
  { code: 'ENV006', title: 'VPC CIDRs overlap', why: 'Overlapping environments cannot be peered or routed to each other, and the overlay route would be ambiguous.', example: 'dev: { vpcCidr: 10.10.0.0/16 }\nprod: { vpcCidr: 10.10.0.0/20 }', fix: 'Give every environment its own address range.' },
  { code: 'ENV007', title: 'Invalid client CIDR', why: 'Client CIDRs become security group rules, which need valid IPv4 networks.', example: 'clientCidrs: [203.0.113.7/24]', fix: 'Write the network address with its prefix.' },
  { code: 'ENV008', title: 'Management UI open to the internet', why: 'A client CIDR of 0.0.0.0/0 exposes the CloudStack UI to everyone.', example: 'clientCidrs: [0.0.0.0/0]', fix: 'List the networks that need the UI (office, VPN).' },
  { code: 'ENV009', title: 'Trusted account id is not 12 digits', why: 'Trust policies name AWS account ids, which are exactly 12 digits.', example: 'trustedAccounts: ["1234"]', fix: 'Write the 12-digit account id in quotes.' },
  { code: 'ENV010', title: 'VPC in public address space', why: 'AWS accepts a VPC in publicly routable addresses, but the internet hosts at those addresses become unreachable from it, and AWS recommends the private ranges (RFC 1918, or 100.64.0.0/10).', example: 'vpcCidr: 8.8.0.0/16', fix: 'Use a range in 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10.' },
];

/** Checks every environment on its own, then all VPC CIDRs against each other. */
export const checkEnvironments: Rule = (spec, loaded) => {
  const out: Diagnostic[] = [];
  const vpcs: { env: string; cidr: Cidr }[] = [];
  for (const [name, env] of Object.entries(spec.environments)) {
    const base = ['environments', name] as const;
    if (!ENV_NAME.test(name) || name.length > MAX_ENV_NAME) {
      out.push(finding(loaded, { code: 'ENV001', path: base, at: 'key', message: `environment name "${name}" is not valid`, hint: `use [a-z][a-z0-9-]*, at most ${MAX_ENV_NAME} characters` }));
    }
    if (!ACCOUNT_ID.test(env.account)) {
      out.push(finding(loaded, { code: 'ENV002', path: [...base, 'account'], message: `account "${env.account}" of ${name} is not a 12-digit AWS account id`, hint: 'write all 12 digits, in quotes' }));
    }
    if (!isAwsRegion(env.region)) {
      out.push(finding(loaded, { code: 'ENV003', path: [...base, 'region'], message: `region "${env.region}" of ${name} is not an AWS region`, hint: suggestionHint(env.region, REGION_CODES, 'regions') }));
    }
    const parsed = parseCidr(env.vpcCidr);
    if (parsed.cidr === undefined) {
      out.push(finding(loaded, { code: 'ENV004', path: [...base, 'vpcCidr'], message: `vpcCidr ${env.vpcCidr} of ${name} ${parsed.problem ?? 'is not valid'}`, hint: 'write a network address such as 10.10.0.0/16' }));
    } else if (parsed.cidr.prefix < MIN_VPC_PREFIX || parsed.cidr.prefix > MAX_VPC_PREFIX) {
      out.push(finding(loaded, { code: 'ENV005', path: [...base, 'vpcCidr'], message: `vpcCidr ${env.vpcCidr} of ${name} is /${parsed.cidr.prefix}; AWS accepts /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}`, hint: 'choose a prefix length between 16 and 28' }));
    } else {
      for (const other of vpcs) {
        if (overlaps(other.cidr, parsed.cidr)) {
          out.push(finding(loaded, { code: 'ENV006', path: [...base, 'vpcCidr'], message: `vpcCidr ${env.vpcCidr} of ${name} overlaps ${other.env} vpcCidr ${other.cidr.text}`, hint: 'give every environment its own address range' }));
        }
      }
      vpcs.push({ env: name, cidr: parsed.cidr });
      if (!isPrivateRange(parsed.cidr)) {
        out.push(finding(loaded, { code: 'ENV010', severity: 'warning', path: [...base, 'vpcCidr'], message: `vpcCidr ${env.vpcCidr} of ${name} is public address space: the internet hosts at these addresses are unreachable from the VPC`, hint: `use a private range (${PRIVATE_RANGES.join(', ')})` }));
      }
    }
    for (const [index, client] of (env.clientCidrs ?? []).entries()) {
      const path = [...base, 'clientCidrs', index];
      const cidr = parseCidr(client);
      if (cidr.cidr === undefined) {
        out.push(finding(loaded, { code: 'ENV007', path, message: `client CIDR ${client} of ${name} ${cidr.problem ?? 'is not valid'}` }));
      } else if (cidr.cidr.prefix === 0) {
        out.push(finding(loaded, { code: 'ENV008', severity: 'warning', path, message: `client CIDR ${client} of ${name} opens the management UI to the whole internet`, hint: 'list only the networks that need the UI' }));
      }
    }
    for (const [index, account] of (env.trustedAccounts ?? []).entries()) {
      if (!ACCOUNT_ID.test(account)) {
        out.push(finding(loaded, { code: 'ENV009', path: [...base, 'trustedAccounts', index], message: `trusted account "${account}" of ${name} is not a 12-digit AWS account id`, hint: 'write all 12 digits, in quotes' }));
      }
    }
  }
  return out;
};
