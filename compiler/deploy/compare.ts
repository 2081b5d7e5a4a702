/**
 * Decides whether a deployed stack already is what would be sent: same template (as canonical JSON, so key order
 * and whitespace do not matter), same parameter values (template defaults included) and same tags. When it is,
 * deploy creates no change set at all.
 */
import type { DeployedStack, StackParameter } from './aws-api.js';
import { compareText } from '../model/compare-text.js';

/** JSON with object keys sorted at every level: equal values give equal strings. */
export function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => compareText(a, b));
    return Object.fromEntries(entries);
  });
}

function parseTemplate(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A deployed template in YAML (not ours) is never identical to ours.
    return undefined;
  }
}

function templateDefaults(template: unknown): Map<string, string> {
  const defaults = new Map<string, string>();
  const params = (template as { Parameters?: Record<string, { Default?: unknown }> } | undefined)?.Parameters ?? {};
  for (const [key, p] of Object.entries(params)) {
    if (p.Default !== undefined) defaults.set(key, String(p.Default));
  }
  return defaults;
}

function sameMap(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

export interface StackComparison {
  readonly identical: boolean;
  /** What differs, for the report: 'template', 'parameters', 'tags'. */
  readonly differences: readonly string[];
}

/** Compares the deployed stack (and its template text) with what deploy would send. */
export function compareStack(options: {
  readonly deployed: DeployedStack;
  readonly deployedTemplate: string;
  readonly templateBody: string;
  readonly parameters: readonly StackParameter[];
  readonly tags: Readonly<Record<string, string>>;
}): StackComparison {
  const differences: string[] = [];
  const local = parseTemplate(options.templateBody);
  const remote = parseTemplate(options.deployedTemplate);
  if (remote === undefined || sortedJson(local) !== sortedJson(remote)) differences.push('template');

  const expected = templateDefaults(local);
  for (const p of options.parameters) expected.set(p.key, p.value);
  const actual = new Map(options.deployed.parameters.map((p) => [p.key, p.value] as const));
  if (!sameMap(expected, actual)) differences.push('parameters');

  if (!sameMap(new Map(Object.entries(options.tags)), new Map(Object.entries(options.deployed.tags)))) differences.push('tags');
  return { identical: differences.length === 0, differences };
}
