/**
 * Country and subdivision codes as Route 53's geolocation records take them: ISO 3166-1 alpha-2 countries, and
 * subdivisions only of the United States (its states, the District of Columbia and outlying areas, ISO 3166-2:US),
 * from the iso-3166-2 package. Loaded on first use: only specs with country-level geolocation pay for it.
 */
import { createRequire } from 'node:module';
import type * as Iso3166 from 'iso-3166-2';

const TWO_LETTERS = /^[A-Z]{2}$/;

let countries: typeof Iso3166.data | undefined;
const data = (): typeof Iso3166.data => (countries ??= (createRequire(import.meta.url)('iso-3166-2') as typeof Iso3166).data);

/** True for an assigned ISO 3166-1 alpha-2 code, in capitals (`DE`, not `de` or `Germany`). */
export function isCountryCode(code: string): boolean {
  return TWO_LETTERS.test(code) && Object.hasOwn(data(), code);
}

/** True for a two-letter code of a United States subdivision (`CA`, `DC`, `PR`). */
export function isUsSubdivisionCode(code: string): boolean {
  const states = data()['US']?.sub;
  return TWO_LETTERS.test(code) && states !== undefined && Object.hasOwn(states, `US-${code}`);
}
