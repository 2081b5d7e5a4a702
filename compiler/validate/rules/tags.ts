/**
 * Tags: the spec's tags go on every stack, and CloudFormation copies stack tags onto the resources it creates,
 * IAM roles included. So they must be tags every one of those services accepts, which IAM's rules are the
 * strictest of; otherwise the first deploy fails on the first role.
 */
import type { CodeInfo } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { finding, type Rule } from '../rule.js';

/** IAM's pattern for tag keys and values: letters, numbers, spaces and `_ . : / = + - @`. */
export const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/** Prefixes no spec tag may use: AWS reserves `aws:`, platformc sets `platformc:platform` and `platformc:environment`. */
export const RESERVED_TAG_PREFIXES: readonly string[] = ['aws:', 'platformc:'];
/**
 * AWS allows 50 tags per resource. Every resource carries the spec's tags, platformc's two, and at most one of
 * its own (`Name`), so the spec may declare 47.
 */
export const MAX_SPEC_TAGS = 47;

export const TAG_CODES: readonly CodeInfo[] = [
  { code: 'TAG001', title: 'Reserved tag key', why: 'AWS refuses tag keys starting with "aws:", and platformc sets the "platformc:" tags itself; a spec tag there would fail the deploy or be overwritten without notice.', example: 'tags:\n  "platformc:platform": other', fix: 'Choose a key without the aws: or platformc: prefix.' },
  { code: 'TAG002', title: 'Character not allowed in a tag', why: 'CloudFormation copies stack tags onto IAM roles, which accept only letters, numbers, spaces and _ . : / = + - @ in tag keys and values.', example: 'tags:\n  owner: "team #7"', fix: 'Use only letters, numbers, spaces and _ . : / = + - @.' },
  { code: 'TAG003', title: 'Too many tags', why: `AWS allows 50 tags per resource; platformc adds its own two, and some resources one more (Name), which leaves ${MAX_SPEC_TAGS} for the spec.`, example: '(48 entries under tags)', fix: `Keep at most ${MAX_SPEC_TAGS} tags.` },
  { code: 'TAG004', title: 'Tag keys differ only in case', why: 'IAM compares the tag keys of roles without regard to case (it keeps the case as written), so on every role one of two such tags replaces the other, and the stacks\' resources disagree on their tags.', example: 'tags:\n  Team: platform\n  team: ops', fix: 'Keep one of the two keys.' },
];

/** A readable name for the first character of `text` that TAG_CHARACTERS refuses. */
function firstRefused(text: string): string | undefined {
  for (const character of text) {
    if (TAG_CHARACTERS.test(character)) continue;
    const code = character.codePointAt(0) ?? 0;
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return code < 0x20 || (code >= 0x7f && code < 0xa0) ? `the control character ${hex}` : `"${character}" (${hex})`;
  }
  return undefined;
}

export const checkTags: Rule = (spec, loaded) => {
  const out: Diagnostic[] = [];
  const entries = Object.entries(spec.tags ?? {});
  for (const [key, value] of entries) {
    const path = ['tags', key] as const;
    const reserved = RESERVED_TAG_PREFIXES.find((prefix) => key.toLowerCase().startsWith(prefix));
    if (reserved !== undefined) {
      out.push(finding(loaded, { code: 'TAG001', path, at: 'key', message: `tag key "${key}" uses the reserved prefix ${reserved}`, hint: reserved === 'aws:' ? 'AWS refuses keys starting with aws:; choose another key' : 'platformc sets the platformc: tags on every stack; choose another key' }));
    }
    const inKey = firstRefused(key);
    if (inKey !== undefined) {
      out.push(finding(loaded, { code: 'TAG002', path, at: 'key', message: `tag key "${key}" contains ${inKey}, which IAM does not accept in tags`, hint: 'use only letters, numbers, spaces and _ . : / = + - @' }));
    }
    const inValue = firstRefused(value);
    if (inValue !== undefined) {
      out.push(finding(loaded, { code: 'TAG002', path, message: `value of tag ${key} contains ${inValue}, which IAM does not accept in tags`, hint: 'use only letters, numbers, spaces and _ . : / = + - @' }));
    }
  }
  const byLowerCase = new Map<string, string>();
  for (const [key] of entries) {
    const first = byLowerCase.get(key.toLowerCase());
    if (first === undefined) {
      byLowerCase.set(key.toLowerCase(), key);
      continue;
    }
    out.push(finding(loaded, { code: 'TAG004', path: ['tags', key], at: 'key', message: `tag keys "${first}" and "${key}" differ only in case, which IAM does not tell apart on roles`, hint: 'keep one of the two keys' }));
  }
  if (entries.length > MAX_SPEC_TAGS) {
    out.push(finding(loaded, { code: 'TAG003', path: ['tags'], at: 'key', message: `the spec declares ${entries.length} tags; at most ${MAX_SPEC_TAGS} fit beside platformc's own within AWS's 50 per resource`, hint: `remove ${entries.length - MAX_SPEC_TAGS}` }));
  }
  return out;
};
