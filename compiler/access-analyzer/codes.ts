/**
 * Codes of the Access Analyzer step. Findings of ValidatePolicy keep Access Analyzer's own issue code
 * (`access-analyzer PASS_ROLE_WITH_STAR_IN_RESOURCE`), which AWS documents; these codes cover the checks we build
 * on its other operations and running it.
 */
import type { CodeInfo } from '../diagnostics/codes.js';

/** Prefix of codes that carry Access Analyzer's issue code. */
export const ACCESS_ANALYZER_PREFIX = 'access-analyzer';

/** Actions that would let a principal escape or remove its permission boundary; never granted by default. */
export const BOUNDARY_ESCAPING_ACTIONS: readonly string[] = [
  'iam:CreatePolicyVersion',
  'iam:DeletePolicy',
  'iam:DeletePolicyVersion',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteUserPermissionsBoundary',
  'iam:PutRolePermissionsBoundary',
  'iam:PutUserPermissionsBoundary',
  'iam:SetDefaultPolicyVersion',
];

export const ACCESS_ANALYZER_CODES: readonly CodeInfo[] = [
  {
    code: 'AA101', title: 'Policy grants new access',
    why: 'CheckNoNewAccess found access in the policy that the reference (the base revision, or the given reference policy) does not grant; a pull request should say so explicitly.',
    example: 'platformc validate --access-analyzer --base origin/main   # after adding s3:DeleteObject to a role',
    fix: 'Review the added access; if it is intended, acknowledge it in the spec (`acknowledge: [{ code: AA101, env, resource, reason }]`).',
  },
  {
    code: 'AA102', title: 'Policy grants an action that must never be granted',
    why: 'CheckAccessNotGranted found that the policy allows one of the environment\'s forbidden actions (by default the actions that escape or remove a permission boundary).',
    example: 'allow: [{ actions: ["iam:PutRolePermissionsBoundary"], resources: ["*"] }]',
    fix: 'Remove the action from the role; boundaries are managed only by the platform\'s iam stack.',
  },
  {
    code: 'AA103', title: 'Policy has no reference to compare with',
    why: 'The policy does not exist in the base revision, so all of its access is new; it is reported so a reviewer sees it.',
    example: 'platformc validate --access-analyzer --base origin/main   # after adding a role',
    fix: 'Nothing to fix; review the new policy.',
  },
  {
    code: 'AA104', title: 'No reference for CheckNoNewAccess',
    why: 'Without --base or --reference, validate compares with origin/main; where that revision does not exist (a clone without a remote), nothing is compared and the run says so rather than pass quietly.',
    example: 'platformc validate --access-analyzer   # in a repository without origin/main',
    fix: 'Fetch the base branch (`git fetch origin main`), or pass --base <git-ref> or --reference <file>.',
  },
  {
    code: 'AA900', title: 'An Access Analyzer call failed',
    why: 'Access Analyzer could not be asked (no credentials, no permission, invalid input, throttled beyond the retry bound), so the policy was not analyzed.',
    example: 'platformc validate --access-analyzer   # without AWS credentials',
    fix: 'Provide credentials allowed to call access-analyzer:ValidatePolicy, CheckNoNewAccess and CheckAccessNotGranted, then run again.',
  },
  {
    code: 'AA901', title: 'The reference could not be compiled',
    why: 'CheckNoNewAccess compares against the same spec at the base revision; that revision could not be read or compiled.',
    example: 'platformc validate --access-analyzer --base no-such-branch',
    fix: 'Give a git revision that contains the spec (e.g. `origin/main`), or a reference policy file with `--reference`.',
  },
];
