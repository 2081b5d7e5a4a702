/**
 * What a stack policy will refuse: the changes of a change set that replace or delete a resource the stack's
 * current policy denies `Update:Replace` or `Update:Delete` on. In a protected environment platformc's own policy
 * does so for every stateful resource; CloudFormation would fail the update half-way and roll it back, after the
 * stacks before it had already deployed. Found before anything executes, the deploy stops with nothing changed.
 */
import type { CloudFormationApi } from './aws-api.js';
import type { PreviewRow, ReportedError } from './report.js';

export interface PolicyRefusal {
  readonly logicalId: string;
  readonly action: 'Update:Replace' | 'Update:Delete';
}

interface PolicyStatement {
  readonly Effect?: unknown;
  readonly Action?: unknown;
  readonly Resource?: unknown;
}

const list = (value: unknown): string[] => (typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** `*` in a stack policy's action or resource matches any run of characters. */
function matches(pattern: string, value: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`).test(value);
}

/** The changes `policyBody` (a stack policy document's text) refuses; none when there is no readable policy. */
export function policyRefusals(policyBody: string | undefined, changes: readonly PreviewRow[]): PolicyRefusal[] {
  let statements: readonly PolicyStatement[];
  try {
    const policy: unknown = policyBody === undefined || policyBody === '' ? undefined : JSON.parse(policyBody);
    const raw = typeof policy === 'object' && policy !== null ? (policy as { Statement?: unknown }).Statement : undefined;
    statements = Array.isArray(raw) ? (raw as PolicyStatement[]) : raw !== undefined ? [raw as PolicyStatement] : [];
  } catch {
    return [];
  }
  const denied = (action: PolicyRefusal['action'], logicalId: string): boolean =>
    statements.some((s) => s.Effect === 'Deny'
      && list(s.Action).some((a) => matches(a, action))
      && list(s.Resource).some((r) => matches(r, `LogicalResourceId/${logicalId}`)));
  const refusals: PolicyRefusal[] = [];
  for (const change of changes) {
    const action = change.action === 'Remove' ? 'Update:Delete' : change.action === 'Modify' && change.replacement === 'True' ? 'Update:Replace' : undefined;
    if (action !== undefined && denied(action, change.logicalId)) refusals.push({ logicalId: change.logicalId, action });
  }
  return refusals;
}

/**
 * DEPLOY026 for the stacks whose current stack policy refuses one of their planned changes; undefined when none
 * does. A policy that cannot be read is left to CloudFormation, which still enforces it.
 */
export async function refusedByStackPolicies(
  cf: Pick<CloudFormationApi, 'getStackPolicy'>,
  stacks: readonly { readonly stackName: string; readonly changes: readonly PreviewRow[] }[],
): Promise<ReportedError | undefined> {
  const found: string[] = [];
  for (const stack of stacks) {
    if (!stack.changes.some((c) => c.action === 'Remove' || c.replacement === 'True')) continue;
    const body = await cf.getStackPolicy(stack.stackName).catch(() => undefined);
    for (const refusal of policyRefusals(body, stack.changes)) {
      found.push(`${stack.stackName}/${refusal.logicalId} (${refusal.action === 'Update:Delete' ? 'deleted' : 'replaced'})`);
    }
  }
  if (found.length === 0) return undefined;
  return {
    code: 'DEPLOY026',
    message: `the stack policy of this protected environment refuses ${found.join(', ')}; nothing was executed and the change sets were deleted`,
    hint: 'If the data may go, lift the policy of that stack on purpose (aws cloudformation set-stack-policy), deploy, and platformc puts the policy back; otherwise change the spec so the resource stays.',
    notes: [],
  };
}
