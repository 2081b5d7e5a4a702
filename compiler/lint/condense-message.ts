/**
 * cfn-lint's enum findings quote every allowed value: `'m5.xlarge-x' is not one of ['a1.2xlarge', ...] in
 * 'us-east-1'` lists a thousand instance types, and an unknown IAM action lists every action of the service. On a
 * terminal, in a pull request annotation or in SARIF that is a wall of text hiding the one word that matters. Long
 * lists are condensed to their size and the closest allowed value, which is what the reader needs to fix the spec.
 */
import { closest } from '../validate/suggest.js';

/** Lists up to this long are kept as they are: a handful of allowed values is the most useful hint there is. */
const KEEP_UP_TO = 12;

/** `<value> is not one of [<list>]<rest>`, the shape of cfn-lint's (jsonschema's) enum message. */
const NOT_ONE_OF = /^(?<value>.*?) is not one of \[(?<list>.*)\](?<rest>[^\]]*)$/s;

/** One item of a Python list repr: a single- or double-quoted string, or a bare token such as a number. */
const ITEM = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([^,\s][^,]*)/g;

function listItems(list: string): string[] {
  const items: string[] = [];
  for (const match of list.matchAll(ITEM)) items.push((match[1] ?? match[2] ?? match[3] ?? '').trim());
  return items;
}

/** The value as cfn-lint quoted it (`'m5.xlarge-x'`), without the quotes. */
function unquote(value: string): string {
  const quoted = /^'(.*)'$|^"(.*)"$/s.exec(value);
  return quoted ? (quoted[1] ?? quoted[2] ?? '') : value;
}

/**
 * The message with a long list of allowed values replaced by its length and, when one is close, the nearest
 * value: `'m5.xlarge-x' is not one of the 1064 allowed values (closest: 'm5.xlarge') in 'us-east-1'`. Other
 * messages, and short lists, come back unchanged.
 */
export function condenseLintMessage(message: string): string {
  const match = NOT_ONE_OF.exec(message);
  const groups = match?.groups;
  if (groups === undefined) return message;
  const items = listItems(groups.list ?? '');
  if (items.length <= KEEP_UP_TO) return message;
  const near = closest(unquote(groups.value ?? ''), items);
  const suggestion = near === undefined ? '' : ` (closest: '${near}')`;
  return `${groups.value ?? ''} is not one of the ${items.length} allowed values${suggestion}${groups.rest ?? ''}`;
}
