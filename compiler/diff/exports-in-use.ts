/**
 * Exports that change while imported. Stacks of one environment share values through exported outputs and
 * Fn::ImportValue; CloudFormation will not update an export another stack imports, so a change that moves such a
 * value (typically a replaced VPC, subnet or security group) needs the importing stacks changed first.
 */
import { stableKey } from './deep-diff.js';
import type { ExportInUse, OutputChange, Replacement, StackInput } from './model.js';
import { referencesIn } from './references.js';
import { compareText } from '../model/compare-text.js';

export interface ExportContext {
  readonly head: readonly StackInput[];
  readonly outputs: ReadonlyMap<string, readonly OutputChange[]>;
  readonly replacements: ReadonlyMap<string, readonly Replacement[]>;
}

/** Per exporting stack, its exports in use whose value changes, sorted by output name. */
export function findExportsInUse(context: ExportContext): Map<string, ExportInUse[]> {
  const replaced = new Set([...context.replacements.values()].flat().map((r) => r.logicalId));
  const importers = new Map<string, Set<string>>();
  for (const stack of context.head) {
    for (const resource of Object.values(stack.template.Resources)) {
      for (const name of referencesIn(resource.Properties ?? {}).imports) {
        const key = stableKey(name);
        importers.set(key, (importers.get(key) ?? new Set()).add(stack.stack));
      }
    }
  }
  const found = new Map<string, ExportInUse[]>();
  for (const stack of context.head) {
    const changed = new Set((context.outputs.get(stack.stack) ?? []).filter((o) => o.kind === 'modified').map((o) => o.name));
    for (const [output, definition] of Object.entries(stack.template.Outputs ?? {}).sort(([a], [b]) => compareText(a, b))) {
      if (definition.Export === undefined) continue;
      const users = [...(importers.get(stableKey(definition.Export.Name)) ?? [])].filter((s) => s !== stack.stack).sort();
      if (users.length === 0) continue;
      const cause = referencesIn(definition.Value).names.find((n) => replaced.has(n));
      const because = changed.has(output) ? 'its value changes' : cause !== undefined ? `it refers to ${cause}, which is replaced` : undefined;
      if (because === undefined) continue;
      const exportName = typeof definition.Export.Name === 'string' ? definition.Export.Name : stableKey(definition.Export.Name);
      found.set(stack.stack, [...(found.get(stack.stack) ?? []), { output, exportName, importers: users, because }]);
    }
  }
  return found;
}
