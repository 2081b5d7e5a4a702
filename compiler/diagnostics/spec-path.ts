/**
 * Spec paths as people write and read them: `hosts.hypervisors`, `iam.roles.ops.allow[1]` (or `allow.1`, or with
 * slashes). One parser and one printer, for every place a user names a spec node (explain, acknowledgements) and
 * every place platformc names one.
 */
import type { SpecPath } from './diagnostic.js';

/** Splits `hosts.hypervisors`, `hosts/hypervisors` or `pipelines.main.stages[1]` into a spec path. */
export function parseSpecPath(text: string): SpecPath {
  return text
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter((segment) => segment !== '')
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** Renders a spec path the way users type it: `hosts.hypervisors`, `stages[1]`. */
export function formatSpecPath(path: SpecPath): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}
