/**
 * A structural check of CloudWatch Logs filter patterns (terms, "quoted phrases", `[space, delimited]`,
 * `{ $.json = "selectors" }` and `%regular expressions%`): what CloudWatch refuses with "Invalid metric filter
 * pattern" when the logging stack deploys, found while the spec is edited. It does not parse the full grammar:
 * brackets, quotes and regex delimiters must pair up, and the pattern must fit CloudWatch's 1,024 characters.
 */

/** CloudWatch Logs' limit on a filter pattern. */
export const MAX_FILTER_PATTERN = 1024;

const CLOSING: Readonly<Record<string, string>> = { '{': '}', '[': ']', '(': ')' };

/** Why CloudWatch would refuse `pattern`, or undefined when its structure is sound. */
export function filterPatternProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_FILTER_PATTERN) return `it is ${pattern.length} characters; CloudWatch allows ${MAX_FILTER_PATTERN}`;
  const open: string[] = [];
  let quoted = false;
  let regex = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '\\') {
      i++;
      continue;
    }
    if (quoted) {
      if (c === '"') quoted = false;
      continue;
    }
    if (regex) {
      if (c === '%') regex = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '%') regex = true;
    else if (c in CLOSING) open.push(CLOSING[c] ?? '');
    else if (c === '}' || c === ']' || c === ')') {
      const expected = open.pop();
      if (expected !== c) return expected === undefined ? `"${c}" at position ${i + 1} closes nothing` : `"${c}" at position ${i + 1} where "${expected}" should close`;
    }
  }
  if (quoted) return 'a double quote is not closed';
  if (regex) return 'a %regular expression% is not closed';
  if (open.length > 0) return `"${open[open.length - 1] ?? ''}" is missing at the end`;
  return undefined;
}
