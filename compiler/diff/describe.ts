/**
 * Short human wording shared by the text and Markdown renderers, so both say the same thing the same way.
 */
import { printable } from '../diagnostics/printable.js';
import type { Json } from '../model/cfn.js';
import type { Deletion, EnvironmentSummary, ExportInUse, IamFinding, Interruption, NetworkFinding, Replacement, StackDiff } from './model.js';

/** A value in one line, cut at `max` characters with an ellipsis; control characters (from the spec) made visible. */
export function shortValue(value: Json | undefined, max = 120): string {
  const text = value === undefined ? '(none)' : typeof value === 'string' ? printable(value) : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Why a resource is replaced, and whether data goes with it (`state: false` leaves that to a column of its own). */
export function replacementText(r: Replacement, options: { readonly state?: boolean } = {}): string {
  const certainty = r.conditional ? 'may be replaced' : 'replaced';
  const state = r.stateful && options.state !== false ? ' (stateful: data is lost)' : '';
  return `${certainty}: ${r.because}${state}`;
}

/** What an update with interruption does to the resource, and which changed properties cause it. */
export function interruptionText(i: Interruption): string {
  const from = (i.from ?? []).map((node) => `${node.path} at ${node.location}`);
  return `${i.interruption}: ${i.because.join(', ')}${from.length > 0 ? ` (made from ${from.join(', ')})` : ''}`;
}

/** A stateful resource deleted with its data, and what is lost. */
export function deletionText(d: Deletion): string {
  return `deleted with its data (${d.state} lost)`;
}

/**
 * What happens to a stack the compile no longer makes: deploy leaves it running until asked to delete it. For an
 * environment gone from the specs, the command says where its stacks are, which the manifest no longer does.
 */
export function removedStackText(s: Pick<StackDiff, 'platform' | 'env' | 'retired'>): string {
  if (s.retired === undefined) return `Deploy leaves the deployed stack and its resources in place until \`platformc deploy ${s.env} --prune\` deletes it.`;
  const platform = s.retired.platformFlag ? ` --platform ${s.platform}` : '';
  return `Environment ${s.env} is gone from the specs: its stacks stay deployed until \`platformc deploy ${s.env}${platform} --prune --account ${s.retired.account} --region ${s.retired.region}\` deletes them.`;
}

/** Why a change in a protected environment will not deploy as it is. */
export const POLICY_REFUSAL_TEXT = 'refused by the stack policy of this protected environment: deploy stops before executing anything (DEPLOY026) unless the policy is lifted on purpose';

/** An IAM finding in one sentence: what grew, then the actions, resources and principals involved. */
export function iamText(f: IamFinding): string {
  const parts = [
    f.actions.length > 0 ? `actions ${f.actions.join(', ')}` : '',
    f.resources.length > 0 ? `on ${f.resources.join(', ')}` : '',
    f.principals.length > 0 ? `for ${f.principals.join(', ')}` : '',
  ].filter((p) => p !== '');
  return `${f.detail}${parts.length > 0 ? `: ${parts.join(' ')}` : ''}`;
}

/** A network finding in one sentence: direction, protocol, ports and peer of the rule, or the new route. */
export function networkText(f: NetworkFinding): string {
  if (f.direction === 'route') return `${f.detail}: ${f.peer} in ${f.target}`;
  const peer = f.direction === 'ingress' ? `from ${f.peer}` : `to ${f.peer}`;
  return `${f.detail}: ${f.direction} ${f.protocol} ${f.ports} ${peer} on ${f.target}`;
}

/** Resource counts of one stack, as the section headings show them. */
export function stackCounts(s: StackDiff): string {
  const count = (kind: string) => s.resources.filter((r) => r.kind === kind).length;
  return `${count('added')} added, ${count('modified')} changed, ${count('removed')} removed`;
}

/** The removed cell of the summary: the count, with how many take their data with them when any do. */
export function removedSummary(e: EnvironmentSummary): string {
  return e.statefulDeletions > 0 ? `${e.removed} (${e.statefulDeletions} with data)` : String(e.removed);
}

/** The replacements cell of the summary: the count, with how many are stateful when any are. */
export function replacementSummary(e: EnvironmentSummary): string {
  if (e.replacements === 0) return '0';
  return e.statefulReplacements > 0 ? `${e.replacements} (${e.statefulReplacements} stateful)` : String(e.replacements);
}

/** Why an export in use blocks the deploy, and who imports it. */
export function exportText(x: ExportInUse): string {
  return `${x.exportName} changes (${x.because}) while ${x.importers.join(', ')} import${x.importers.length === 1 ? 's' : ''} it: CloudFormation refuses to update an export in use`;
}
