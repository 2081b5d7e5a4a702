/**
 * Canonical JSON: the one serialization of everything platformc writes, so the same value always gives the same
 * bytes whatever order its keys were built in. Objects get sorted keys except where a conventional order helps a
 * reader (template sections, resource attributes, policy statements); arrays keep their order because it has
 * meaning. Two-space indentation and a trailing newline.
 */

/** Keys placed first, in this order, when an object has them; any other keys follow sorted. */
const TEMPLATE_SECTIONS = ['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Mappings', 'Conditions', 'Resources', 'Outputs'];
export const RESOURCE_ATTRIBUTES = ['Type', 'Condition', 'DependsOn', 'Properties', 'DeletionPolicy', 'UpdateReplacePolicy', 'Metadata'];
const PARAMETER_ATTRIBUTES = ['Type', 'Description'];
const OUTPUT_ATTRIBUTES = ['Description', 'Value', 'Export'];
const POLICY_DOCUMENT = ['Version', 'Id', 'Statement'];
const POLICY_STATEMENT = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

/** Which leading order applies to an object at `depth` (array levels not counted) below top-level key `section`. */
function leadingOrder(depth: number, section: string, object: Readonly<Record<string, unknown>>): readonly string[] | undefined {
  if (depth === 0 && 'AWSTemplateFormatVersion' in object) return TEMPLATE_SECTIONS;
  if (depth === 2 && section === 'Resources') return RESOURCE_ATTRIBUTES;
  if (depth === 2 && section === 'Parameters') return PARAMETER_ATTRIBUTES;
  if (depth === 2 && section === 'Outputs') return OUTPUT_ATTRIBUTES;
  if ('Statement' in object && 'Version' in object) return POLICY_DOCUMENT;
  if ('Effect' in object && ('Action' in object || 'NotAction' in object)) return POLICY_STATEMENT;
  return undefined;
}

/**
 * `keys` in canonical order: the `leading` ones present, in that order, then the others in code-unit order.
 * Sorts `keys` in place. Also used by the assembler, to build objects that emit need not copy.
 */
export function orderKeys(keys: string[], leading?: readonly string[]): string[] {
  // The default sort compares UTF-16 code units, the order wanted, and is much faster than a comparator.
  const sorted = keys.length > 1 ? keys.sort() : keys;
  if (leading === undefined) return sorted;
  const first = leading.filter((k) => sorted.includes(k));
  return [...first, ...sorted.filter((k) => !leading.includes(k))];
}

/** Characters that JSON.stringify escapes in a string; most strings have none and are written as they are. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Quoted keys, by key: the same few hundred keys recur throughout megabytes of templates. */
const quotedKeys = new Map<string, string>();

function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = quote(key);
    quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** `indent` for each nesting level, built once: `indents[n]` is 2n spaces. */
const indents: string[] = [''];

function indentOf(level: number): string {
  while (indents.length <= level) indents.push(`${indents[indents.length - 1] ?? ''}  `);
  return indents[level] as string;
}

/**
 * Appends the text of `value` to `out`, exactly as `JSON.stringify(value, null, 2)` would write it with
 * canonically ordered keys. Written as chunks joined once at the end rather than by stringifying a sorted copy or
 * concatenating: for megabytes of templates the copy, and later flattening the concatenated text for the hash and
 * the file write, cost more than building the text itself.
 */
function write(out: string[], value: unknown, depth: number, section: string, level: number): void {
  if (typeof value === 'string') {
    out.push(quote(value));
    return;
  }
  if (typeof value !== 'object' || value === null) {
    out.push(typeof value === 'number' && !Number.isFinite(value) ? 'null' : String(value));
    return;
  }
  const inner = indentOf(level + 1);
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return;
    }
    out.push('[\n');
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out.push(inner);
      write(out, item === undefined || typeof item === 'function' ? null : item, depth, section, level + 1);
      out.push(i + 1 < value.length ? ',\n' : '\n');
    }
    out.push(indentOf(level), ']');
    return;
  }
  const object = value as Readonly<Record<string, unknown>>;
  const keys = orderKeys(Object.keys(object).filter((k) => object[k] !== undefined && typeof object[k] !== 'function'), leadingOrder(depth, section, object));
  if (keys.length === 0) {
    out.push('{}');
    return;
  }
  out.push('{\n');
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    out.push(inner, quoteKey(key), ': ');
    write(out, object[key], depth + 1, depth === 0 ? key : section, level + 1);
    out.push(i + 1 < keys.length ? ',\n' : '\n');
  }
  out.push(indentOf(level), '}');
}

/**
 * True when `keys` already are in the order `orderKeys` would give them (the common case: nothing to copy):
 * the leading keys present, in their table's order, then the others in code-unit order. Allocates nothing.
 */
function inOrder(keys: readonly string[], leading: readonly string[] | undefined): boolean {
  let i = 0;
  if (leading !== undefined) {
    let previous = -1;
    for (; i < keys.length; i++) {
      const position = leading.indexOf(keys[i] as string);
      if (position < 0) break;
      if (position < previous) return false;
      previous = position;
    }
    for (let j = i; j < keys.length; j++) if (leading.includes(keys[j] as string)) return false;
  }
  for (let j = i + 1; j < keys.length; j++) if ((keys[j - 1] as string) >= (keys[j] as string)) return false;
  return true;
}

/** Keys JavaScript treats as array indices and enumerates before all others. */
const INTEGER_KEY = /^(?:0|[1-9][0-9]{0,9})$/;

/** Where a node sits: its depth (array levels not counted) and the top-level key it is under. */
interface Place {
  readonly depth: number;
  readonly section: string;
}

/** The deepest level at which an object's order depends on where it sits (resource attributes, see `leadingOrder`). */
const PLACED_DEPTH = 2;

/**
 * Serializes `value` canonically: keys in code-unit order (after the leading tables), also keys such as "10".
 *
 * The engine's own `JSON.stringify` writes the text, with a replacer that hands it each object in canonical
 * order: the object itself where its keys already are (the common case: the assembler builds them so), a
 * reordered copy where not. Walking megabytes of templates this way costs about half of walking them in
 * JavaScript first. The replacer only knows an object's holder, so it records where the nodes of the first
 * levels sit, the only ones whose order depends on their place. Values it cannot hand over in order (an
 * integer-like key such as "10", which JavaScript always enumerates first; a "__proto__" key, which a plain copy
 * cannot hold) take the slower writer.
 */
export function canonicalJson(value: unknown): string {
  const places = new Map<object, Place>();
  let root = true;
  let unorderable = false;
  function replacer(this: unknown, key: string, item: unknown): unknown {
    if (typeof item !== 'object' || item === null || unorderable) return item;
    let place: Place | undefined;
    if (root) {
      root = false;
      place = { depth: 0, section: '' };
    } else {
      const holder = places.get(this as object);
      if (holder !== undefined) {
        place = Array.isArray(this) ? holder : { depth: holder.depth + 1, section: holder.depth === 0 ? key : holder.section };
      }
    }
    let result = item;
    if (!Array.isArray(item)) {
      const object = item as Readonly<Record<string, unknown>>;
      const keys = Object.keys(object);
      // JavaScript enumerates array-index keys ("0" to "4294967294") before all others, so if there is one, it is
      // the first. Longer integer-like keys are ordinary keys; the check only sends them the slow way when first.
      const first = keys.length > 0 ? (keys[0] as string).charCodeAt(0) : 0;
      if (first >= 48 && first <= 57 && INTEGER_KEY.test(keys[0] as string)) {
        unorderable = true;
        return item;
      }
      const leading = leadingOrder(place?.depth ?? PLACED_DEPTH + 1, place?.section ?? '', object);
      if (!inOrder(keys, leading)) {
        const copy: Record<string, unknown> = {};
        for (const k of orderKeys(keys, leading)) {
          if (k === '__proto__') unorderable = true;
          copy[k] = object[k];
        }
        result = copy;
      }
    }
    // Recorded for the nodes whose children need their place: an array's items sit where the array does, an
    // object's one level deeper. `JSON.stringify` writes depth first, so an object met again elsewhere is simply
    // recorded again before its children are written.
    if (place !== undefined && place.depth < (Array.isArray(result) ? PLACED_DEPTH + 1 : PLACED_DEPTH)) places.set(result as object, place);
    return result;
  }
  const text = JSON.stringify(value, replacer, 2);
  return unorderable ? canonicalJsonByWriter(value) : `${text ?? 'undefined'}\n`;
}

/**
 * The same text written piece by piece, without the engine's `JSON.stringify`: used for values with
 * integer-like keys, and by the tests as the reference the fast path must match byte for byte.
 */
export function canonicalJsonByWriter(value: unknown): string {
  const out: string[] = [];
  write(out, value, 0, '', 0);
  out.push('\n');
  return out.join('');
}
