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

function orderKeys(keys: string[], leading: readonly string[] | undefined): string[] {
  // The default sort compares UTF-16 code units, the order wanted, and is much faster than a comparator.
  const sorted = keys.length > 1 ? keys.sort() : keys;
  if (leading === undefined) return sorted;
  const first = leading.filter((k) => sorted.includes(k));
  return [...first, ...sorted.filter((k) => !leading.includes(k))];
}

/** Characters that JSON.stringify escapes in a string; most strings have none and are written as they are. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * Appends `value` to the text built so far, exactly as `JSON.stringify(value, null, 2)` would write it with
 * canonically ordered keys. Written directly rather than by stringifying a sorted copy: compile runs once per
 * process, and for megabytes of templates building the copy cost twice as much as writing the text.
 */
function write(text: string, value: unknown, place: Place, indent: string): string {
  if (typeof value === 'string') return text + quote(value);
  if (typeof value !== 'object' || value === null) {
    return text + (typeof value === 'number' && !Number.isFinite(value) ? 'null' : String(value));
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${text}[]`;
    let out = `${text}[\n`;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out = write(out + inner, item === undefined || typeof item === 'function' ? null : item, place, inner);
      out += i + 1 < value.length ? ',\n' : '\n';
    }
    return `${out}${indent}]`;
  }
  const object = value as Readonly<Record<string, unknown>>;
  const keys = orderKeys(Object.keys(object).filter((k) => object[k] !== undefined && typeof object[k] !== 'function'), leadingOrder(place, object));
  if (keys.length === 0) return `${text}{}`;
  let out = `${text}{\n`;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    out = write(`${out}${inner}${quote(key)}: `, object[key], { depth: place.depth + 1, section: place.depth === 0 ? key : place.section }, inner);
    out += i + 1 < keys.length ? ',\n' : '\n';
  }
  return `${out}${indent}}`;
}

/** Serializes `value` canonically: keys in code-unit order (after the leading tables), also keys such as "10". */
export function canonicalJson(value: unknown): string {
  return `${write('', value, { depth: 0, section: '' }, '')}\n`;
}
