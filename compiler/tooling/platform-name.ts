/**
 * Platform names as `init` takes them: the rule the schema gives `platform`, and the nearest valid name to some
 * text (a directory's name for the default, a refused `--name` for a suggestion).
 */

/** The same rule the schema gives `platform`. */
export const PLATFORM_NAME = /^[a-z][a-z0-9-]{0,23}$/;

/** `text` made into a platform name: lower case, other characters as dashes, a letter first; '' when nothing is left. */
export function platformNameFrom(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 24).replace(/-+$/, '');
}
