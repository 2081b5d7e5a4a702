/**
 * The COMPILE diagnostics: what `assemble` reports when the expanded fragments of an environment cannot become
 * deployable stacks. They point at the spec node whose resources caused the problem.
 */
import type { CodeInfo } from '../diagnostics/codes.js';

export const COMPILE_CODES: readonly CodeInfo[] = [
  {
    code: 'COMPILE001',
    title: 'Two resources of one environment share a logical id',
    why: 'Logical ids name resources across the stacks of an environment (exports and imports are keyed by them); two resources with one id would silently replace each other.',
    example: 'iam:\n  roles:\n    router: { service: ec2.amazonaws.com, allow: [] }   # clashes with the router host\'s role',
    fix: 'Rename one of the spec entries so the generated names differ.',
  },
  {
    code: 'COMPILE002',
    title: 'A reference names a resource that no stack of the environment defines',
    why: 'A Ref, Fn::GetAtt, Fn::Sub variable or DependsOn to a missing resource would fail at deploy time; it is caught at compile time instead.',
    example: 'iam:\n  roles:\n    shipper: { service: ec2.amazonaws.com, allow: [{ actions: [logs:PutLogEvents], resources: [logGroup:missing] }] }',
    fix: 'Declare the referenced item in the spec (for example the log group), or remove the reference.',
  },
  {
    code: 'COMPILE003',
    title: 'The stacks of an environment depend on each other in a cycle',
    why: 'Stacks are deployed one after another in dependency order; a cycle (A imports from B, B imports from A) has no order that CloudFormation can deploy.',
    example: 'a role in the iam stack that reads a log group of the logging stack whose delivery role the iam stack defines',
    fix: 'Remove one of the references in the cycle; the message lists one reference for every edge of the cycle.',
  },
  {
    code: 'COMPILE004',
    title: 'A stack exceeds a CloudFormation quota and cannot be split',
    why: 'CloudFormation rejects templates with more than 500 resources, 200 parameters, 200 outputs or a body over 1 MB. Hypervisor fleets are split across hosts, hosts-2, ..., hosts.hypervisors.perStack each (default 100); anything else must fit in one stack.',
    example: 'logging:\n  groups: [g1, g2, ...]   # hundreds of groups with their subscriptions',
    fix: 'For a hosts stack, lower hosts.hypervisors.perStack (the hypervisors that move to another stack are replaced). Otherwise reduce what the spec declares for that stack, or split the platform into several specs.',
  },
  {
    code: 'COMPILE005',
    title: 'Two parameters or outputs of one stack share a name with different content',
    why: 'A template has one Parameters and one Outputs section; two expanders defining the same name differently would make one of them wrong.',
    example: 'two concerns both declaring an ImageId parameter with different constraints',
    fix: 'This is a compiler defect when it comes from generated names; report it with the spec that shows it.',
  },
  {
    code: 'COMPILE006',
    title: 'Two spec files define the same platform',
    why: 'Each platform compiles into generated/<platform>/; two specs with one platform name would overwrite each other\'s stacks.',
    example: '# specs/a.platform.yaml and specs/b.platform.yaml both say\nplatform: cloudstack',
    fix: 'Give each spec its own platform name, or merge the two files.',
  },
  {
    code: 'COMPILE007',
    title: 'The output cannot be written',
    why: 'compile writes generated/<platform>/ (or --out); a path that is a file, a read-only directory or a full disk stops it before any partial output is left unexplained.',
    example: 'platformc compile --out README.md',
    fix: 'Point --out at a directory you can write, or fix its permissions.',
  },
  {
    code: 'COMPILE008',
    title: 'Two specs name the same stack in one account and region',
    why: 'Stack names are <platform>-<env>-<stack>, and a dash may sit in a platform or an environment name: platform a-b with environment c and platform a with environment b-c both make a-b-c-hosts. In one account and region, deploying one would update the other\'s stacks.',
    example: '# specs/a.platform.yaml: platform: a-b, environment c\n# specs/b.platform.yaml: platform: a, environment b-c (same account and region)',
    fix: 'Rename a platform or an environment so that <platform>-<env> differs, or deploy them to different accounts or regions.',
  },
];
