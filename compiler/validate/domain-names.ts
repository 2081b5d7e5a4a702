/**
 * DNS names as the Route 53 rules read them: what a valid name is, and one spelling per name for comparing them
 * (DNS is case-insensitive, and `example.com.` is `example.com`).
 */

/** A domain name: labels of letters, digits and hyphens (underscores allowed, as in `_dmarc`), an optional final dot. */
export const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.?$/i;

/** The name without its final dot, in lower case: two spellings of one name compare equal. */
export function canonicalName(name: string): string {
  return name.replace(/\.$/, '').toLowerCase();
}
