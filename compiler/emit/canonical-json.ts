/**
 * Canonical JSON: the one serialization of everything platformc writes, so the same value always gives the same
 * bytes whatever order its keys were built in. Objects get sorted keys except where a conventional order helps a
 * reader (template sections, resource attributes, policy statements); arrays keep their order because it has
 * meaning. Two-space indentation and a trailing newline.
 */

/** Keys placed first, in this order, when an object has them; any other keys follow sorted. */
const TEMPLATE_SECTIONS = ['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Mappings', 'Conditions', 'Resources', 'Outputs'];
const RESOURCE_ATTRIBUTES = ['Type', 'Condition', 'DependsOn', 'Properties', 'DeletionPolicy', 'UpdateReplacePolicy', 'Metadata'];
const PARAMETER_ATTRIBUTES = ['Type', 'Description'];
const OUTPUT_ATTRIBUTES = ['Description', 'Value', 'Export'];
const POLICY_DOCUMENT = ['Version', 'Id', 'Statement'];
const POLICY_STATEMENT = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

/** Where an object sits: its depth of nesting (array levels not counted) and the top-level key above it. */
interface Place {
  readonly depth: number;
  readonly section: string;
}

/** Which leading order applies to an object at `place`. */
function leadingOrder(place: Place, object: Readonly<Record<string, unknown>>): readonly string[] | undefined {
  if (place.depth === 0 && 'AWSTemplateFormatVersion' in object) return TEMPLATE_SECTIONS;
  if (place.depth === 2 && place.section === 'Resources') return RESOURCE_ATTRIBUTES;
  if (place.depth === 2 && place.section === 'Parameters') return PARAMETER_ATTRIBUTES;
  if (place.depth === 2 && place.section === 'Outputs') return OUTPUT_ATTRIBUTES;
  if ('Statement' in object && 'Version' in object) return POLICY_DOCUMENT;
  if ('Effect' in object && ('Action' in object || 'NotAction' in object)) return POLICY_STATEMENT;
  return undefined;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function orderKeys(keys: string[], leading: readonly string[] | undefined): string[] {
  const sorted = keys.sort(compareKeys);
  if (leading === undefined) return sorted;
  const first = leading.filter((k) => sorted.includes(k));
  return [...first, ...sorted.filter((k) => !leading.includes(k))];
}

function canonicalValue(value: unknown, place: Place): unknown {
  if (Array.isArray(value)) return value.map((item) => canonicalValue(item, place));
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const key of orderKeys(Object.keys(object), leadingOrder(place, object))) {
    const child = object[key];
    if (child !== undefined) out[key] = canonicalValue(child, { depth: place.depth + 1, section: place.depth === 0 ? key : place.section });
  }
  return out;
}

/**
 * Serializes `value` canonically. (Keys that look like array indexes, e.g. "10", are ordered numerically first
 * by JavaScript itself; that order is still independent of how the value was built.)
 */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(canonicalValue(value, { depth: 0, section: '' }), null, 2)}\n`;
}
