/**
 * A preview computed from templates instead of a change set, for a stack whose change set can only be created
 * once the stacks it depends on have deployed (it imports an export they add). The semantic diff of the deployed
 * and the local template gives the actions and replacement risk the change set would show.
 */
import type { StackParameter } from './aws-api.js';
import type { StackPlan } from './load-plan.js';
import type { PreviewRow } from './report.js';

const ACTION = { added: 'Add', removed: 'Remove', modified: 'Modify' } as const;

/** Preview rows for `plan` from its deployed template; undefined when a template cannot be read. */
export async function templatePreview(
  plan: StackPlan,
  deployed: { readonly template: string; readonly parameters: readonly StackParameter[] },
  localParameters: readonly StackParameter[],
): Promise<PreviewRow[] | undefined> {
  const { diffStacks } = await import('../diff/diff-stacks.js');
  type Input = Parameters<typeof diffStacks>[0][number];
  let base: Input['template'];
  let head: Input['template'];
  try {
    base = JSON.parse(deployed.template) as Input['template'];
    head = JSON.parse(plan.templateBody) as Input['template'];
  } catch {
    return undefined;
  }
  const values = (params: readonly StackParameter[]): Record<string, string> => Object.fromEntries(params.map((p) => [p.key, p.value]));
  const input = (template: Input['template'], params: readonly StackParameter[]): Input => ({ platform: 'p', env: 'e', stack: plan.name, template, parameterValues: values(params) });
  const diff = diffStacks([input(base, deployed.parameters)], [input(head, localParameters)]);
  const stack = diff.stacks[0];
  if (!stack) return [];
  const replaced = new Map(stack.replacements.map((r) => [r.logicalId, r.conditional ? 'Conditional' : 'True']));
  // The properties that change, as a change set's details name them (its parameter causes are not known here).
  const causes = (r: (typeof stack.resources)[number]): string =>
    [...new Set(r.changes.filter((c) => c.path[0] === 'Properties' && c.path.length > 1).map((c) => String(c.path[1])))].join(', ');
  return stack.resources.map((r) => ({
    action: ACTION[r.kind],
    logicalId: r.logicalId,
    resourceType: r.type,
    ...(r.kind === 'modified' ? { replacement: replaced.get(r.logicalId) ?? 'False' } : {}),
    ...(r.kind === 'modified' && causes(r) !== '' ? { cause: causes(r) } : {}),
    location: plan.locations[r.logicalId],
  }));
}
