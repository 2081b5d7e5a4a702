/**
 * The one order platformc sorts names in: UTF-16 code units, as `Array.prototype.sort` does by default. Never
 * `localeCompare`: that follows the machine's locale (in Lithuanian "y" sorts between "i" and "j", Turkish has
 * its own "i"s, and control characters are ignored), so the same input would be listed in a different order on
 * another machine.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
