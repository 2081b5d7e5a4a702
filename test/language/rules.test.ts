/**
 * Every semantic rule and schema code, table-driven: each row edits one or two lines of the base fixture and
 * expects its diagnostic code at an exact line and column.
 */
import { describe, expect, it } from 'vitest';
import { ACKNOWLEDGE_CODES } from '../../compiler/validate/rules/acknowledge.js';
import { ENVIRONMENT_CODES } from '../../compiler/validate/rules/environments.js';
import { HOST_CODES } from '../../compiler/validate/rules/hosts.js';
import { IAM_CODES } from '../../compiler/validate/rules/iam.js';
import { LOGGING_CODES } from '../../compiler/validate/rules/logging.js';
import { NETWORK_CODES } from '../../compiler/validate/rules/network.js';
import { PIPELINE_CODES } from '../../compiler/validate/rules/pipelines.js';
import { RECORD_ANSWER_CODES } from '../../compiler/validate/rules/record-answers.js';
import { ROUTING_CODES } from '../../compiler/validate/rules/routing.js';
import { TAG_CODES } from '../../compiler/validate/rules/tags.js';
import { SCHEMA_CODES } from '../../compiler/validate/schema-codes.js';
import { BASE, check, withLines, type RuleCase } from './helpers.js';

const NINE_VALUES = Array.from({ length: 9 }, (_, i) => `        - value: 192.0.2.${i + 1}`).join('\n');

const FORTY_EIGHT_TAGS = Array.from({ length: 48 }, (_, i) => `  t${i}: v`).join('\n');

const TABLES: Readonly<Record<string, readonly RuleCase[]>> = {
  tags: [
    { name: 'key with the prefix AWS reserves', edit: { 2: 'platform: demo\ntags: { "aws:owner": x }' }, code: 'TAG001', line: 3, col: 9, says: 'aws:' },
    { name: 'key with the prefix AWS reserves, in capitals', edit: { 2: 'platform: demo\ntags: { "AWS:owner": x }' }, code: 'TAG001', line: 3, col: 9 },
    { name: 'key platformc sets itself', edit: { 2: 'platform: demo\ntags: { "platformc:platform": other }' }, code: 'TAG001', line: 3, col: 9, says: 'platformc:' },
    { name: 'key with a character IAM refuses', edit: { 2: 'platform: demo\ntags: { "team#": x }' }, code: 'TAG002', line: 3, col: 9, says: '"#" (U+0023)' },
    { name: 'value with a character IAM refuses', edit: { 2: 'platform: demo\ntags: { owner: "team #7" }' }, code: 'TAG002', line: 3, col: 16, says: 'value of tag owner' },
    { name: 'value with a control character', edit: { 2: 'platform: demo\ntags: { owner: "a\\u0001b" }' }, code: 'TAG002', line: 3, col: 16, says: 'control character U+0001' },
    { name: 'more tags than fit beside platformc\'s own', edit: { 2: `platform: demo\ntags:\n${FORTY_EIGHT_TAGS}` }, code: 'TAG003', line: 3, col: 1, says: '48 tags' },
    { name: 'keys that differ only in case', edit: { 2: 'platform: demo\ntags: { Team: a, owner: b, team: c }' }, code: 'TAG004', line: 3, col: 28, says: '"Team" and "team"' },
  ],
  environments: [
    { name: 'name with capitals and underscore', edit: { 4: '  Dev_1:' }, code: 'ENV001', line: 4, col: 3 },
    { name: 'short account id', edit: { 5: '    account: "12345"' }, code: 'ENV002', line: 5, col: 14 },
    { name: 'unknown region', edit: { 6: '    region: us-wset-2' }, code: 'ENV003', line: 6, col: 13, says: 'did you mean "us-west-2"' },
    { name: 'CIDR with host bits', edit: { 7: '    vpcCidr: 10.10.0.1/16' }, code: 'ENV004', line: 7, col: 14, says: '10.10.0.0/16' },
    { name: 'CIDR not an address', edit: { 7: '    vpcCidr: 10.10.0/16' }, code: 'ENV004', line: 7, col: 14 },
    { name: 'VPC larger than /16', edit: { 7: '    vpcCidr: 10.0.0.0/8' }, code: 'ENV005', line: 7, col: 14 },
    { name: 'VPC smaller than /28', edit: { 7: '    vpcCidr: 10.10.0.0/29' }, code: 'ENV005', line: 7, col: 14 },
    { name: 'overlapping VPCs', edit: { 17: '    vpcCidr: 10.10.128.0/17' }, code: 'ENV006', line: 17, col: 14, says: 'overlaps dev' },
    { name: 'bad client CIDR', edit: { 11: '      - 203.0.113.7/24' }, code: 'ENV007', line: 11, col: 9 },
    { name: 'UI open to everyone', edit: { 11: '      - 0.0.0.0/0' }, code: 'ENV008', line: 11, col: 9 },
    { name: 'VPC in public address space', edit: { 7: '    vpcCidr: 8.8.0.0/16' }, code: 'ENV010', line: 7, col: 14, says: 'unreachable from the VPC' },
    { name: 'short trusted account', edit: { 13: '      - "1234"' }, code: 'ENV009', line: 13, col: 9 },
  ],
  network: [
    { name: 'overlay with host bits', edit: { 25: '    cidr: 172.16.0.1/16' }, code: 'NET001', line: 25, col: 11 },
    { name: 'overlay equals a VPC', edit: { 25: '    cidr: 10.10.0.0/16' }, code: 'NET002', line: 25, col: 11, says: 'overlay 10.10.0.0/16 overlaps dev vpcCidr 10.10.0.0/16' },
    { name: 'overlay inside a VPC', edit: { 25: '    cidr: 10.20.5.0/24' }, code: 'NET002', line: 25, col: 11, says: 'prod' },
    { name: 'overlay in public address space', edit: { 25: '    cidr: 8.8.0.0/16' }, code: 'NET011', line: 25, col: 11, says: 'every route table sends it to the router' },
    { name: 'overlay overlaps a client network', edit: { 11: '      - 172.16.5.0/24' }, code: 'NET003', line: 25, col: 11 },
    { name: 'overlay on link-local addresses', edit: { 25: '    cidr: 169.254.0.0/16' }, code: 'NET010', line: 25, col: 11, says: 'instance metadata' },
    { name: 'overlay on multicast addresses', edit: { 25: '    cidr: 224.0.0.0/16' }, code: 'NET010', line: 25, col: 11, says: '224.0.0.0/4' },
    { name: 'global multicast group', edit: { 28: '    multicastGroup: 224.0.0.5' }, code: 'NET004', line: 28, col: 21 },
    { name: 'multicast group not an address', edit: { 28: '    multicastGroup: 239.255.0' }, code: 'NET004', line: 28, col: 21 },
    { name: 'VNI zero', edit: { 26: '    vni: 0' }, code: 'NET005', line: 26, col: 10 },
    { name: 'VNI over 24 bits', edit: { 26: '    vni: 16777216' }, code: 'NET005', line: 26, col: 10 },
    { name: 'MTU of the underlay', edit: { 29: '    mtu: 9001' }, code: 'NET006', line: 29, col: 10 },
    { name: 'host subnet as large as the VPC', edit: { 23: '    prefixLength: 16' }, code: 'NET007', line: 23, col: 19, says: 'use /17 or longer' },
    { name: 'a /28 VPC has no room for two subnets', edit: { 7: '    vpcCidr: 10.10.0.0/28', 23: '    prefixLength: 28' }, code: 'NET007', line: 23, col: 19, says: 'use /27 or larger' },
    { name: 'overlay too small', edit: { 25: '    cidr: 172.16.0.0/30' }, code: 'NET008', line: 25, col: 11, says: 'a /29 or larger' },
    { name: 'host subnet too small', edit: { 23: '    prefixLength: 28', 39: '      prod: 20' }, code: 'NET009', line: 23, col: 19, says: 'holds at most 9 hypervisors' },
    { name: 'host subnet too small, with the length that fits', edit: { 23: '    prefixLength: 28', 39: '      prod: 20' }, code: 'NET009', line: 23, col: 19, says: 'use prefixLength 26 or shorter' },
    { name: 'a fleet no host subnet holds', edit: { 39: '      prod: 70000' }, code: 'NET009', line: 23, col: 19, says: 'no host subnet holds 70000 hypervisors (a /16 holds 65515)' },
    // Packing a /24 from offset 4 would fit 249, but re-address (replace) every host when the fleet grew past 235.
    { name: 'a fleet past the roomy layout of a /24', edit: { 39: '      prod: 236' }, code: 'NET009', line: 23, col: 19, says: 'holds at most 235 hypervisors (router at offset 10, management 11, hypervisors from 20)' },
  ],
  hosts: [
    { name: 'virtualised hypervisor', edit: { 36: '    instanceType: c5.4xlarge' }, code: 'HOST001', line: 36, col: 19, says: 'c5.metal' },
    { name: 'Xen router', edit: { 32: '    instanceType: m4.large' }, code: 'HOST002', line: 32, col: 19 },
    { name: 'Xen management', edit: { 34: '    instanceType: t2.medium' }, code: 'HOST002', line: 34, col: 19 },
    { name: 'zero hypervisors', edit: { 38: '      dev: 0' }, code: 'HOST003', line: 38, col: 12 },
    { name: 'negative global count', edit: { 37: '    count: -1', 38: '', 39: '' }, code: 'HOST003', line: 37, col: 12 },
    { name: 'count for an unknown environment', edit: { 39: '      prd: 2' }, code: 'HOST004', line: 39, col: 7, says: 'did you mean "prod"' },
    { name: 'count missing an environment', edit: { 39: '      prd: 2' }, code: 'HOST005', line: 37, col: 5 },
    { name: 'two image sources', edit: { 41: '    ssmParameter: /a\n    amiId: ami-0123456789abcdef0' }, code: 'HOST006', line: 40, col: 3 },
    { name: 'no image source', edit: { 40: '  image: {}', 41: '' }, code: 'HOST006', line: 40, col: 10 },
    { name: 'short AMI id', edit: { 41: '    amiId: ami-123' }, code: 'HOST007', line: 41, col: 12 },
    { name: 'SSM name with spaces', edit: { 41: '    ssmParameter: /my ami' }, code: 'HOST007', line: 41, col: 19 },
    { name: 'SSM name with the reserved ssm prefix', edit: { 41: '    ssmParameter: /SSM/ami' }, code: 'HOST007', line: 41, col: 19, says: 'reserved' },
    { name: 'SSM name with the reserved aws prefix outside /aws/', edit: { 41: '    ssmParameter: /awsami/x' }, code: 'HOST007', line: 41, col: 19, says: '/aws/service/' },
    { name: 'instance type without size', edit: { 34: '    instanceType: m5xlarge' }, code: 'HOST008', line: 34, col: 19 },
    { name: 'size EC2 does not have', edit: { 34: '    instanceType: m5.xlarge-x' }, code: 'HOST008', line: 34, col: 19, says: '<n>xlarge' },
    { name: 'misspelt size', edit: { 32: '    instanceType: c5n.larg' }, code: 'HOST008', line: 32, col: 19 },
    { name: 'rolling batch of zero', edit: { 39: '      prod: 2\n    rollingBatch: 0' }, code: 'HOST009', line: 40, col: 19 },
    { name: 'rolling batch of zero for one environment', edit: { 39: '      prod: 2\n    rollingBatch:\n      prod: 0' }, code: 'HOST009', line: 41, col: 13, says: 'for prod' },
    { name: 'rolling batch for an unknown environment', edit: { 39: '      prod: 2\n    rollingBatch:\n      prd: 1' }, code: 'HOST004', line: 41, col: 7, says: 'did you mean "prod"' },
    { name: 'metal size that is not metal-<n>xl', edit: { 36: '    instanceType: c7i.metal-24' }, code: 'HOST008', line: 36, col: 19 },
  ],
  logging: [
    { name: 'retention CloudWatch refuses', edit: { 9: '    logRetentionDays: 10' }, code: 'LOG001', line: 9, col: 23, says: '7' },
    { name: 'retention as a word', edit: { 9: '    logRetentionDays: forever' }, code: 'LOG001', line: 9, col: 23 },
    { name: 'transitions out of order', edit: { 50: '      - days: 20' }, code: 'LOG002', line: 50, col: 15 },
    { name: 'infrequent access before day 30', edit: { 48: '      - days: 7' }, code: 'LOG003', line: 48, col: 15 },
    { name: 'expiry before last transition', edit: { 52: '    expireDays: 60' }, code: 'LOG004', line: 52, col: 17 },
    { name: 'duplicate group', edit: { 45: '    - system' }, code: 'LOG005', line: 45, col: 7 },
    { name: 'group name with a space', edit: { 45: '    - my group' }, code: 'LOG005', line: 45, col: 7 },
    { name: 'alarm on unknown group', edit: { 55: '      group: sytem' }, code: 'LOG006', line: 55, col: 14, says: 'did you mean "system"' },
    { name: 'alarm period not a minute multiple', edit: { 58: '      periodSeconds: 45' }, code: 'LOG007', line: 58, col: 22 },
    { name: 'JSON filter pattern not closed', edit: { 56: "      pattern: '{ $.level = \"ERROR\"'" }, code: 'LOG009', line: 56, col: 16, says: '"}" is missing at the end' },
    { name: 'warmer class after colder', edit: { 49: '        storageClass: GLACIER', 51: '        storageClass: STANDARD_IA' }, code: 'LOG008', line: 51, col: 23 },
  ],
  routing: [
    { name: 'home not an environment', edit: { 61: '  home: prd' }, code: 'DNS001', line: 61, col: 9 },
    { name: 'weighted target unknown env', edit: { 74: '        - env: prd' }, code: 'DNS002', line: 74, col: 16 },
    { name: 'failover secondary unknown env', edit: { 67: '      secondary: qa' }, code: 'DNS002', line: 67, col: 18 },
    { name: 'weight over 255', edit: { 75: '          weight: 300' }, code: 'DNS003', line: 75, col: 19 },
    { name: 'weighted target without weight', edit: { 77: '' }, code: 'DNS003', line: 76, col: 11 },
    { name: 'failover without primary', edit: { 66: '      ttl: 60' }, code: 'DNS004', line: 63, col: 7 },
    { name: 'two failover records with a primary each', edit: { 69: '        port: 8080\n    - name: ui.example.com\n      type: A\n      policy: failover\n      primary: dev\n      healthCheck:\n        port: 8080' }, code: 'DNS004', line: 73, col: 16 },
    { name: 'failover primary without health check', edit: { 68: '      ttl: 60', 69: '' }, code: 'DNS005', line: 63, col: 7 },
    { name: 'nine multivalue answers', edit: { 88: NINE_VALUES }, code: 'DNS006', line: 87, col: 7 },
    { name: 'bias over 99', edit: { 83: '          bias: 150' }, code: 'DNS007', line: 83, col: 17 },
    { name: 'same name and type, different policy', edit: { 70: '    - name: ui.example.com' }, code: 'DNS008', line: 72, col: 15 },
    { name: 'target with env and value', edit: { 88: '        - { env: prod, value: 192.0.2.1 }' }, code: 'DNS009', line: 88, col: 11 },
    { name: 'simple record with targets', edit: { 72: '      policy: simple' }, code: 'DNS010', line: 70, col: 7 },
    { name: 'latency region misspelt', edit: { 108: '          region: eu-wset-1' }, code: 'DNS011', line: 108, col: 19 },
    { name: 'country as a name', edit: { 102: '            country: Germany' }, code: 'DNS012', line: 102, col: 22 },
    { name: 'country code ISO has not assigned', edit: { 102: '            country: XX' }, code: 'DNS012', line: 102, col: 22, says: 'not an assigned ISO 3166-1 code' },
    { name: 'subdivision of a country other than the US', edit: { 102: '            country: DE\n            subdivision: BY' }, code: 'DNS012', line: 103, col: 26, says: 'United States only' },
    { name: 'subdivision the US does not have', edit: { 102: '            country: US\n            subdivision: ZZ' }, code: 'DNS012', line: 103, col: 26, says: 'not a state' },
    { name: 'geoproximity without a location', edit: { 82: '        - value: 192.0.2.3' }, code: 'DNS013', line: 82, col: 11 },
    { name: 'ip-based CIDR with host bits', edit: { 95: '            - 198.51.100.7/24' }, code: 'DNS014', line: 95, col: 15 },
    { name: 'record outside the zone', edit: { 84: '    - name: multi.example.org' }, code: 'DNS015', line: 84, col: 13, says: 'such as multi.example.com' },
    { name: 'zone with an empty label', edit: { 60: '  zone: "example..com"' }, code: 'DNS016', line: 60, col: 9 },
    { name: 'wildcard not the leftmost label', edit: { 84: '    - name: "multi.*.example.com"' }, code: 'DNS016', line: 84, col: 13, says: 'leftmost label only' },
    { name: 'health check with no prefix list for its region', edit: { 109: '' }, code: 'DNS017', line: 69, col: 15, says: 'com.amazonaws.us-east-1.route53-healthchecks' },
    { name: 'weighted target health check, prefix list for another region', edit: { 75: '          weight: 90\n          healthCheck: { port: 8080 }', 109: '  healthCheckerPrefixLists: { us-west-2: pl-0123456789abcdef0 }' }, code: 'DNS017', line: 76, col: 32, says: 'no entry for us-east-1' },
    { name: 'health check on a port the router does not serve', edit: { 69: '        port: 443' }, code: 'DNS018', line: 69, col: 15, says: 'serves only 8080' },
    { name: 'AAAA record answered by an environment', edit: { 64: '      type: AAAA' }, code: 'DNS020', line: 66, col: 16, says: 'IPv4' },
    { name: 'TXT record answered by an environment', edit: { 71: '      type: TXT' }, code: 'DNS020', line: 74, col: 16 },
    { name: 'A record answered by a host name', edit: { 88: '        - value: host.example.net' }, code: 'DNS020', line: 88, col: 18, says: 'IPv4 address' },
    { name: 'AAAA record answered by an IPv4 address', edit: { 85: '      type: AAAA' }, code: 'DNS020', line: 88, col: 18, says: 'IPv6 address' },
    { name: 'CNAME answered by an address', edit: { 85: '      type: CNAME' }, code: 'DNS020', line: 88, col: 18, says: 'domain name' },
    { name: 'TXT with a character outside printable ASCII', edit: { 85: '      type: TXT', 88: '        - value: "grüße"' }, code: 'DNS020', line: 88, col: 18, says: 'printable ASCII' },
    { name: 'TXT with a double quote inside', edit: { 85: '      type: TXT', 88: '        - value: \'say "hi"\'' }, code: 'DNS020', line: 88, col: 18, says: 'without double quotes' },
    { name: 'CNAME at the zone apex', edit: { 84: '    - name: example.com', 85: '      type: CNAME', 88: '        - value: www.example.net' }, code: 'DNS021', line: 84, col: 13, says: 'apex' },
    { name: 'CNAME sharing its name with an A record', edit: { 84: '    - name: api.example.com', 85: '      type: CNAME', 88: '        - value: www.example.net' }, code: 'DNS021', line: 84, col: 13, says: 'cannot share its name' },
    { name: 'prefix list for an unknown region', edit: { 109: '  healthCheckerPrefixLists: { us-est-1: pl-0123456789abcdef0, us-east-1: pl-0123456789abcdef0 }' }, code: 'DNS019', line: 109, col: 31, says: 'us-east-1' },
  ],
  iam: [
    { name: 'boundary misspelt', edit: { 8: '    boundary: relaxd' }, code: 'IAM001', line: 8, col: 15, says: 'did you mean "relaxed"' },
    { name: 'action with a dot', edit: { 123: '            - logs.PutLogEvents' }, code: 'IAM002', line: 123, col: 15, says: 'no service prefix hint: did you mean "logs:PutLogEvents"?' },
    { name: 'action with a capital service prefix', edit: { 123: '            - S3:GetObject' }, code: 'IAM002', line: 123, col: 15, says: 'service prefixes are lower case hint: did you mean "s3:GetObject"?' },
    { name: 'action with nothing after the colon', edit: { 123: '            - "sqs:"' }, code: 'IAM002', line: 123, col: 15, says: 'the action after the colon is empty hint: write e.g.' },
    { name: 'action with a wildcard service', edit: { 123: '            - "*:Get*"' }, code: 'IAM002', line: 123, col: 15, says: 'the service prefix cannot be a wildcard' },
    { name: 'action with two colons', edit: { 123: '            - "s3:Get:Object"' }, code: 'IAM002', line: 123, col: 15, says: 'more than one colon' },
    { name: 'action with a space', edit: { 123: '            - "s3:Get Object"' }, code: 'IAM002', line: 123, col: 15, says: 'the action has characters other than letters, digits, * and ?' },
    { name: 'boundary deny malformed', edit: { 114: '        - config' }, code: 'IAM002', line: 114, col: 11, says: 'no service prefix' },
    { name: 'reference to a missing group', edit: { 125: '            - logGroup:overlays' }, code: 'IAM003', line: 125, col: 15, says: 'did you mean "overlay"' },
    { name: 'role reference to a missing role', edit: { 125: '            - role:reader' }, code: 'IAM003', line: 125, col: 15 },
    { name: 'unknown reference kind', edit: { 125: '            - loggroup:overlay' }, code: 'IAM004', line: 125, col: 15, says: 'logGroup' },
    { name: 'malformed ARN', edit: { 125: '            - arn:aws:s3' }, code: 'IAM004', line: 125, col: 15 },
    { name: 'service without domain', edit: { 120: '      service: ec2' }, code: 'IAM005', line: 120, col: 16 },
    { name: 'unused boundary', edit: { 18: '    boundary: relaxed' }, code: 'IAM006', line: 115, col: 5 },
    { name: 'role name with capitals', edit: { 119: '    Shipper:' }, code: 'IAM007', line: 119, col: 5 },
    { name: 'ARN of the China partition in aws environments', edit: { 125: '            - arn:aws-cn:s3:::reports/*' }, code: 'IAM008', line: 125, col: 15, says: 'dev, prod are in aws' },
    { name: 'ARN of the GovCloud partition when one environment is in aws-cn', edit: { 6: '    region: cn-north-1', 125: '            - arn:aws-us-gov:s3:::reports/*' }, code: 'IAM008', line: 125, col: 15, says: 'dev, prod are in aws-cn, aws' },
  ],
  pipelines: [
    { name: 'stage unknown env', edit: { 133: '      - prd' }, code: 'PIPE001', line: 133, col: 9 },
    { name: 'environment twice', edit: { 134: '      - env: dev' }, code: 'PIPE002', line: 134, col: 14 },
    { name: 'protected env without approval', edit: { 135: '        approval: never' }, code: 'PIPE003', line: 135, col: 19 },
    { name: 'stage in GovCloud, pipeline in aws', edit: { 16: '    region: us-gov-west-1' }, code: 'PIPE010', line: 134, col: 14, says: 'no role can be assumed across partitions' },
    { name: 'protected env as a bare stage name', edit: { 134: '      - prod', 135: '' }, code: 'PIPE003', line: 134, col: 9, says: 'a stage without approval deploys straight through' },
    { name: 'protected env in a stage without approval', edit: { 135: '' }, code: 'PIPE003', line: 134, col: 14, says: 'approval: on-broadening' },
    { name: 'home unknown env', edit: { 127: '  main:\n    home: tools' }, code: 'PIPE004', line: 128, col: 11 },
    { name: 'connection not a connection ARN', edit: { 131: '      connection: arn:aws:codestar:foo' }, code: 'PIPE005', line: 131, col: 19 },
    { name: 'GitHub without connection', edit: { 131: '' }, code: 'PIPE005', line: 128, col: 5 },
    { name: 'branch with a space', edit: { 130: '      branch: "release 1"' }, code: 'PIPE005', line: 130, col: 15, says: 'contains a space' },
    { name: 'branch with a double dot', edit: { 130: '      branch: main..next' }, code: 'PIPE005', line: 130, col: 15, says: 'contains ".."' },
    { name: 'pipeline name with capitals', edit: { 127: '  Main_Pipe:' }, code: 'PIPE006', line: 127, col: 3 },
    { name: 'notify not an email', edit: { 136: '    notify: team' }, code: 'PIPE007', line: 136, col: 13, says: 'such as platform-team@example.com' },
    { name: 'routing home deployed without the other-account environment its records answer with', edit: { 133: '' }, code: 'PIPE008', line: 134, col: 14, says: 'account 111122223333' },
    { name: 'routing home deployed before an environment its records answer with', edit: { 133: '      - env: prod', 134: '        approval: always', 135: '      - dev' }, code: 'PIPE009', line: 133, col: 14, says: 'move dev before prod' },
  ],
  acknowledge: [
    { name: 'lowercase code', edit: { 138: '  - code: w3005' }, code: 'ACK001', line: 138, col: 11 },
    { name: 'a spec check\'s code', edit: { 138: '  - code: NET011' }, code: 'ACK006', line: 138, col: 11, says: 'fixed in the spec' },
    { name: 'unknown env', edit: { 139: '    env: prd' }, code: 'ACK002', line: 139, col: 10 },
    { name: 'blank reason', edit: { 140: '    reason: " "' }, code: 'ACK003', line: 140, col: 13 },
    { name: 'duplicate entry', edit: { 140: '    reason: kept on purpose\n  - code: cfn-lint W3005\n    env: dev\n    reason: again' }, code: 'ACK004', line: 141, col: 5 },
  ],
  schema: [
    { name: 'misspelt key', edit: { 26: '    vnii: 100' }, code: 'SCHEMA001', line: 26, col: 5, says: 'did you mean "vni"' },
    { name: 'misspelt top-level key', edit: { 42: 'loging:' }, code: 'SCHEMA001', line: 42, col: 1, says: 'did you mean "logging"' },
    { name: 'missing key', edit: { 27: '' }, code: 'SCHEMA002', line: 24, col: 3, says: 'add port: UDP port of VXLAN' },
    { name: 'unquoted account id', edit: { 5: '    account: 111122223333' }, code: 'SCHEMA003', line: 5, col: 14, says: 'quote' },
    { name: 'number as log group', edit: { 44: '    - 42' }, code: 'SCHEMA003', line: 44, col: 7 },
    { name: 'approval not in the enum', edit: { 135: '        approval: sometimes' }, code: 'SCHEMA004', line: 135, col: 19 },
    { name: 'version 2', edit: { 1: 'version: 2' }, code: 'SCHEMA004', line: 1, col: 10 },
    { name: 'host subnet /30', edit: { 23: '    prefixLength: 30' }, code: 'SCHEMA005', line: 23, col: 19, says: 'use 28 or less' },
    { name: 'host subnet /8', edit: { 23: '    prefixLength: 8' }, code: 'SCHEMA005', line: 23, col: 19, says: 'use 16 or more' },
    { name: 'yes for a boolean', edit: { 20: '    protect: yes' }, code: 'SCHEMA003', line: 20, col: 14, says: 'write true, without quotes (YAML 1.2 reads "yes" as text)' },
    { name: 'off for a boolean', edit: { 20: '    protect: off' }, code: 'SCHEMA003', line: 20, col: 14, says: 'write false' },
    { name: 'a quoted number', edit: { 26: '    vni: "100"' }, code: 'SCHEMA003', line: 26, col: 10, says: 'write the number without quotes: 100' },
    { name: 'a fraction for a whole number', edit: { 26: '    vni: 100.5' }, code: 'SCHEMA003', line: 26, col: 10, says: 'write a whole number' },
    { name: 'a boolean for a string', edit: { 6: '    region: true' }, code: 'SCHEMA003', line: 6, col: 13, says: 'quote the value so YAML keeps it a string: "true"' },
    { name: 'platform with capitals', edit: { 2: 'platform: Demo' }, code: 'SCHEMA006', line: 2, col: 11, says: 'hint: expected lowercase letters, digits and dashes, starting with a letter' },
    { name: 'role description with a character IAM refuses', edit: { 120: '      service: ec2.amazonaws.com\n      description: "ships logs — fast"' }, code: 'SCHEMA006', line: 121, col: 20, says: 'printable ASCII and Latin-1 letters' },
    { name: 'prefix list id too short', edit: { 109: '  healthCheckerPrefixLists: { us-east-1: pl-0123 }' }, code: 'SCHEMA006', line: 109, col: 42, says: 'expected a prefix list id: pl- and 8 to 17 hexadecimal digits' },
    { name: 'same trusted account twice', edit: { 13: '      - "999988887777"\n      - "999988887777"' }, code: 'SCHEMA007', line: 14, col: 9 },
    { name: 'empty tag key', edit: { 2: 'platform: demo\ntags: { "": x }' }, code: 'SCHEMA008', line: 3, col: 9, says: 'non-empty key' },
    { name: 'prefix list under a key that is no region code', edit: { 109: '  healthCheckerPrefixLists: { US-east-1: pl-0123456789abcdef0 }' }, code: 'SCHEMA008', line: 109, col: 31, says: 'key "US-east-1" in routing.healthCheckerPrefixLists is not allowed' },
    { name: 'prefix list under a region name with a typo', edit: { 109: '  healthCheckerPrefixLists: { us-east: pl-0123456789abcdef0 }' }, code: 'SCHEMA008', line: 109, col: 31, says: 'hint: expected an AWS region name (e.g. us-east-1)' },
  ],
};

describe('base fixture', () => {
  it('is valid with no findings at all', () => {
    expect(check(BASE)).toEqual([]);
  });

  it('lets a rolling batch leave environments out (they change all their hypervisors at once)', () => {
    expect(check(withLines({ 39: '      prod: 2\n    rollingBatch:\n      prod: 1' }))).toEqual([]);
    expect(check(withLines({ 39: '      prod: 2\n    rollingBatch: 2' }))).toEqual([]);
  });
});

describe('record answers of each type', () => {
  it.each([
    ['AAAA with an IPv6 address', { 85: '      type: AAAA', 88: '        - value: 2001:db8::1' }],
    ['AAAA with an IPv4-mapped address', { 85: '      type: AAAA', 88: '        - value: "::ffff:192.0.2.1"' }],
    ['CNAME with a domain name', { 85: '      type: CNAME', 88: '        - value: www.example.net.' }],
    ['TXT with text', { 85: '      type: TXT', 88: '        - value: "v=spf1 include:_spf.example.net ~all"' }],
  ])('accepts %s', (_name, edit) => {
    expect(check(withLines(edit))).toEqual([]);
  });
});

describe('address space', () => {
  it.each(['10.20.0.0/16', '172.31.0.0/16', '192.168.0.0/16', '100.64.0.0/16'])('takes the private range %s as a VPC without a word', (cidr) => {
    expect(check(withLines({ 7: `    vpcCidr: ${cidr}` })).filter((d) => d.code === 'ENV010')).toEqual([]);
  });

  it('says only NET010 for an overlay in a reserved range, not also that it is public', () => {
    expect(check(withLines({ 25: '    cidr: 127.16.0.0/16' })).map((d) => d.code)).toEqual(['NET010']);
  });

  it('warns about a range that is only partly private', () => {
    expect(check(withLines({ 25: '    cidr: 172.0.0.0/8' })).map((d) => `${d.code} ${d.severity}`)).toContain('NET011 warning');
  });
});

describe('ARN partitions', () => {
  it('accepts the environments\' own partition, and names only the environments it misses', () => {
    expect(check(withLines({ 125: '            - arn:aws:s3:::reports/*' }))).toEqual([]);
    const mixed = check(withLines({ 6: '    region: cn-north-1', 125: '            - arn:aws:s3:::reports/*' })).filter((d) => d.code === 'IAM008');
    expect(mixed.map((d) => d.message)).toEqual(['"arn:aws:s3:::reports/*" is in partition aws, but dev is in aws-cn: the permission matches nothing there']);
  });
});

describe('client CIDRs against the overlay', () => {
  it('lets 0.0.0.0/0 through with only its warning: anyone is not a client network the overlay could take over', () => {
    expect(check(withLines({ 11: '      - 0.0.0.0/0' })).map((d) => `${d.code} ${d.severity}`)).toEqual(['ENV008 warning']);
  });

  it('still refuses a client supernet that holds the overlay', () => {
    expect(check(withLines({ 11: '      - 172.16.0.0/12' })).map((d) => d.code)).toEqual(['NET003']);
  });
});

for (const [concern, cases] of Object.entries(TABLES)) {
  describe(`${concern} rules`, () => {
    it.each(cases)('$code: $name', (row) => {
      const found = check(withLines(row.edit));
      const match = found.find((d) => d.code === row.code && d.line === row.line && d.col === row.col);
      expect(match, `expected ${row.code} at ${row.line}:${row.col}, got ${JSON.stringify(found, null, 1)}`).toBeDefined();
      // Every finding says what to do: its own hint, or the fix its code documents.
      expect(match?.hint, `${row.code} without a hint`).toMatch(/\S/);
      if (row.says !== undefined) expect(`${match?.message} hint: ${match?.hint ?? ''}`).toContain(row.says);
    });
  });
}

describe('rule coverage', () => {
  it('has a test row for every code of every rule and of the schema', () => {
    const tested = new Set(Object.values(TABLES).flatMap((rows) => rows.map((r) => r.code)));
    const all = [TAG_CODES, ENVIRONMENT_CODES, NETWORK_CODES, HOST_CODES, LOGGING_CODES, ROUTING_CODES, RECORD_ANSWER_CODES, IAM_CODES, PIPELINE_CODES, ACKNOWLEDGE_CODES, SCHEMA_CODES]
      .flat()
      .map((info) => info.code);
    expect(all.filter((code) => !tested.has(code))).toEqual([]);
  });

  it('reports every finding at once, sorted by position', () => {
    const found = check(withLines({ 6: '    region: us-wset-2', 26: '    vni: 0', 134: '      - env: prd' }));
    expect(found.map((d) => `${d.code}@${d.line}`)).toEqual(['ENV003@6', 'NET005@26', 'PIPE001@134']);
  });

  it.each<[string, string | undefined]>([['US', 'CA'], ['US', 'DC'], ['PR', undefined], ['UA', undefined], ['GB', undefined]])('accepts the geolocation country %s, subdivision %s', (country, subdivision) => {
    const lines = [`            country: ${country}`, ...(subdivision === undefined ? [] : [`            subdivision: ${subdivision}`])];
    expect(check(withLines({ 102: lines.join('\n') }))).toEqual([]);
  });

  it('accepts a wildcard record name, as Route 53 does', () => {
    expect(check(withLines({ 84: '    - name: "*.multi.example.com"' }))).toEqual([]);
  });

  it('accepts never-expire written out', () => {
    expect(check(withLines({ 9: '    logRetentionDays: never-expire' }))).toEqual([]);
  });
});

describe('extension fields', () => {
  it.each([
    ['an x- key of any shape is accepted and ignored', { 2: 'platform: demo\nx-env: &env { region: us-east-1, notes: [a, b] }' }, []],
    ['any other unknown top-level key is not', { 2: 'platform: demo\ny-env: { region: us-east-1 }' }, ['SCHEMA001']],
  ] as const)('%s', (_name, edit, codes) => {
    expect(check(withLines(edit)).map((f) => f.code)).toEqual(codes);
  });
});

describe('rules beside schema errors', () => {
  const codes = (text: string): [string, number][] => check(text).map((f) => [f.code, f.line]);

  it.each([
    // Only unknown keys: the rules still run on the rest, so both edits show in one run.
    ['an unknown key and a rule finding', { 9: '    logRetentionDays: 13\n    regoin: us-east-2' }, [['LOG001', 9], ['SCHEMA001', 10]]],
    ['two unknown keys in different places and a rule finding', { 9: '    logRetentionDays: 13\n    regoin: us-east-2', 29: '    mtu: 8951\n    mut: 1500' }, [['LOG001', 9], ['SCHEMA001', 10], ['SCHEMA001', 31]]],
    ['an unknown key alone', { 9: '    logRetentionDays: 14\n    regoin: us-east-2' }, [['SCHEMA001', 10]]],
    // A misspelt key with a suggestion is read as the key meant: its own findings point at it as written.
    ['a misspelt required key and a rule finding', { 9: '    logRetentionDays: 13', 26: '    vnii: 100' }, [['LOG001', 9], ['SCHEMA001', 26]]],
    ['a misspelt key whose value breaks a rule', { 9: '    logRetentionDayz: 13' }, [['SCHEMA001', 9], ['LOG001', 9]]],
    // A wrong type or a missing key: the rules cannot rely on the spec's shape and do not run.
    ['a wrong type and a rule finding', { 9: '    logRetentionDays: 13', 5: '    account: 111122223333' }, [['SCHEMA003', 5]]],
    ['a required key missing outright and a rule finding', { 9: '    logRetentionDays: 13', 26: '' }, [['SCHEMA002', 24]]],
  ] as const)('%s', (_name, edit, expected) => {
    expect(codes(withLines(edit))).toEqual(expected);
  });
});
