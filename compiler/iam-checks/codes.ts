/**
 * Codes of the offline IAM checks. Severities follow Access Analyzer's vocabulary so both sources read alike.
 */
import type { CodeInfo } from '../diagnostics/codes.js';
import type { Severity } from '../diagnostics/diagnostic.js';

export const IAM_CHECK_SEVERITY: Readonly<Record<string, Severity>> = {
  IAM101: 'ERROR',
  IAM102: 'ERROR',
  IAM103: 'ERROR',
  IAM104: 'ERROR',
  IAM105: 'SECURITY_WARNING',
  IAM106: 'SECURITY_WARNING',
  IAM107: 'SECURITY_WARNING',
  IAM108: 'SECURITY_WARNING',
  IAM109: 'ERROR',
  IAM110: 'SECURITY_WARNING',
  IAM111: 'SECURITY_WARNING',
};

export const IAM_CHECK_CODES: readonly CodeInfo[] = [
  {
    code: 'IAM101', title: 'Unknown service in an action',
    why: 'An action whose service prefix does not exist grants nothing; it is almost always a typo that leaves the intended permission missing.',
    example: 'allow: [{ actions: ["logz:PutLogEvents"], resources: [logGroup:overlay] }]',
    fix: 'Use the service prefix from the Service Authorization Reference (such as `logs` or `s3`).',
  },
  {
    code: 'IAM102', title: 'Unknown action',
    why: 'IAM silently ignores actions that do not exist, so the role lacks the permission the author meant to give.',
    example: 'allow: [{ actions: ["sqs:ReceiveMessages"], resources: ["*"] }]',
    fix: 'Spell the action as the Service Authorization Reference lists it (such as `sqs:ReceiveMessage`).',
  },
  {
    code: 'IAM103', title: 'Action pattern matches no action',
    why: 'A wildcard pattern that matches nothing grants nothing.',
    example: 'allow: [{ actions: ["s3:Fetch*"], resources: ["*"] }]',
    fix: 'Correct the pattern so it matches the intended actions (e.g. `s3:Get*`).',
  },
  {
    code: 'IAM104', title: 'Unknown condition key',
    why: 'A condition on a key that never exists in the request context is never true (or always true with IfExists), so the condition does not restrict what it seems to.',
    example: 'Condition: { StringEquals: { "aws:SourceAcount": "111122223333" } }',
    fix: 'Use a global `aws:` key or a key the service documents.',
  },
  {
    code: 'IAM105', title: 'iam:PassRole on every role',
    why: 'Passing any role lets the holder hand a more privileged role to a service and act through it.',
    example: 'allow: [{ actions: ["iam:PassRole"], resources: ["*"] }]',
    fix: 'List the role ARNs that may be passed, and add an `iam:PassedToService` condition.',
  },
  {
    code: 'IAM106', title: 'Allow with NotAction',
    why: 'Allow with NotAction grants every action except the listed ones, including actions added to AWS later.',
    example: 'Statement: [{ Effect: Allow, NotAction: "iam:*", Resource: "*" }]',
    fix: 'List the actions to allow instead.',
  },
  {
    code: 'IAM107', title: 'Allow with NotResource',
    why: 'Allow with NotResource grants the actions on every resource except the listed ones, including resources created later.',
    example: 'Statement: [{ Effect: Allow, Action: "s3:*", NotResource: "arn:aws:s3:::private/*" }]',
    fix: 'List the resources to allow instead.',
  },
  {
    code: 'IAM108', title: 'Administrator access',
    why: 'All actions on all resources (or the AdministratorAccess managed policy) makes the boundary the only control; only the boundary itself may allow everything.',
    example: 'allow: [{ actions: ["*"], resources: ["*"] }]',
    fix: 'Grant the actions and resources the role needs.',
  },
  {
    code: 'IAM109', title: 'Role or user without the environment\'s permission boundary',
    why: 'Every principal the platform creates carries its environment\'s boundary, so nothing it does can exceed what the boundary allows.',
    example: 'An AWS::IAM::Role whose PermissionsBoundary is missing or names another policy.',
    fix: 'Set PermissionsBoundary to the environment\'s `<platform>-<env>-boundary` policy ARN (platformc does this for every role it generates).',
  },
  {
    code: 'IAM110', title: 'Trust policy allows any principal',
    why: 'A role that anyone can assume gives its permissions to every AWS account.',
    example: 'AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: "*", Action: "sts:AssumeRole" }] }',
    fix: 'Name the service or account that may assume the role.',
  },
  {
    code: 'IAM111', title: 'Trust policy allows an undeclared account',
    why: 'Only the environment\'s own account, its declared trustedAccounts and the platform\'s other environments may assume its roles.',
    example: 'Principal: { AWS: "arn:aws:iam::999988887777:root" }',
    fix: 'Add the account to the environment\'s `trustedAccounts` if it is meant to be trusted, or remove it.',
  },
];
