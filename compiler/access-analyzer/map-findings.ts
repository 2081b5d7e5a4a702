/**
 * Access Analyzer's answers as findings on spec lines: a ValidatePolicy location path
 * (`Statement[1].Action[0]`) or a check's `statementIndex` picks the statement, whose origin the source map knows.
 */
import type { Severity } from '../diagnostics/diagnostic.js';
import { locateStatement, policyNote, type ExtractedPolicy } from '../iam-checks/extract-policies.js';
import { finding, type Finding } from '../iam-checks/finding.js';
import { ACCESS_ANALYZER_PREFIX } from './codes.js';

/** The parts of a ValidatePolicy finding we use (as cached: plain JSON). */
export interface PolicyFindingData {
  readonly findingDetails: string;
  readonly findingType: string;
  readonly issueCode: string;
  readonly learnMoreLink?: string;
  readonly statementIndex?: number;
  /** The action, resource or condition key the location names, as written in the policy (see `elementOfPath`). */
  readonly value?: string;
}

/** The parts of a CheckNoNewAccess / CheckAccessNotGranted answer we use. */
export interface CheckResultData {
  readonly result: string;
  readonly message?: string;
  readonly reasons: readonly { readonly description?: string; readonly statementIndex?: number; readonly statementId?: string }[];
}

const SEVERITIES: readonly Severity[] = ['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION'];

/** The statement a ValidatePolicy location path points into: `[{value: "Statement"}, {index: 1}, ...]`. */
export function statementIndexOfPath(path: readonly { value?: string; index?: number }[] | undefined): number | undefined {
  if (!path) return undefined;
  const at = path.findIndex((element) => element.value === 'Statement');
  if (at < 0) return undefined;
  return path[at + 1]?.index ?? 0;
}

type PathElement = { readonly value?: string; readonly index?: number; readonly key?: string };

/**
 * The string a ValidatePolicy location path ends at in the policy that was sent (`Statement[1].Action[0]` is an
 * action, `...Condition.StringEquals.<key>` a condition key), so the finding can point at it in the spec where
 * the spec writes it. Undefined for anything else (a whole statement, a span inside a string).
 */
export function elementOfPath(document: unknown, path: readonly PathElement[] | undefined): string | undefined {
  let node: unknown = document;
  let key: string | undefined;
  for (const element of path ?? []) {
    key = undefined;
    const record = typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Readonly<Record<string, unknown>>) : undefined;
    if (element.index !== undefined) node = Array.isArray(node) ? node[element.index] : undefined;
    else if (element.value !== undefined) node = record !== undefined && Object.hasOwn(record, element.value) ? record[element.value] : undefined;
    else if (element.key !== undefined) {
      node = record !== undefined && Object.hasOwn(record, element.key) ? record[element.key] : undefined;
      key = element.key;
    } else return undefined;
  }
  // A path that ends at a key (a condition key) names the key, not its value.
  return key ?? (typeof node === 'string' ? node : undefined);
}

/** One ValidatePolicy finding as a finding on the statement's spec line. */
export function validationFinding(policy: ExtractedPolicy, data: PolicyFindingData): Finding {
  const severity = SEVERITIES.find((s) => s === data.findingType) ?? 'ERROR';
  return finding({
    code: `${ACCESS_ANALYZER_PREFIX} ${data.issueCode}`,
    severity,
    message: data.findingDetails,
    notes: [policyNote(policy, data.statementIndex)],
    where: locateStatement(policy, data.statementIndex),
    env: policy.env,
    resource: policy.logicalId,
    ...(data.value !== undefined ? { value: data.value } : {}),
    ...(data.learnMoreLink ? { hint: `see ${data.learnMoreLink}` } : {}),
  });
}

/** A failed access check as one finding per reason (or one for the policy when no reason names a statement). */
export function checkFindings(policy: ExtractedPolicy, data: CheckResultData, options: { code: string; severity: Severity; summary: string }): Finding[] {
  if (data.result !== 'FAIL') return [];
  const reasons = data.reasons.length > 0 ? data.reasons : [{ description: data.message ?? '' }];
  return reasons.map((reason) => finding({
    code: options.code,
    severity: options.severity,
    message: `${options.summary}${reason.description ? `: ${reason.description}` : ''}`,
    notes: [policyNote(policy, reason.statementIndex)],
    where: locateStatement(policy, reason.statementIndex),
    env: policy.env,
    resource: policy.logicalId,
  }));
}
