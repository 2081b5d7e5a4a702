/**
 * `platformc list`: what a manifest describes, one row per stack in deploy order, as an aligned table for people
 * or as JSON for scripts.
 */
import type { Manifest } from '../emit/manifest.js';

export interface ListRow {
  readonly platform: string;
  readonly env: string;
  readonly account: string;
  readonly region: string;
  readonly stack: string;
  readonly stackName: string;
  readonly dependsOn: readonly string[];
  readonly terminationProtection: boolean;
}

/** The rows of one or more manifests, optionally limited to one environment; order is deploy order. */
export function listRows(manifests: readonly Manifest[], options: { env?: string } = {}): ListRow[] {
  return manifests.flatMap((manifest) => manifest.environments
    .filter((env) => options.env === undefined || env.name === options.env)
    .flatMap((env) => env.stacks.map((stack) => ({
      platform: manifest.platform,
      env: env.name,
      account: env.account,
      region: env.region,
      stack: stack.name,
      stackName: stack.stackName,
      dependsOn: stack.dependsOn,
      terminationProtection: stack.terminationProtection,
    }))));
}

const HEADINGS = ['PLATFORM', 'ENV', 'ACCOUNT', 'REGION', 'STACK', 'STACK NAME', 'AFTER', 'PROTECTED'] as const;

/** An aligned plain-text table; `bold` styles the heading (identity when colors are off). */
export function renderListTable(rows: readonly ListRow[], options: { bold: (text: string) => string }): string {
  const cells = rows.map((row) => [
    row.platform, row.env, row.account, row.region, row.stack, row.stackName,
    row.dependsOn.length === 0 ? '-' : row.dependsOn.join(','), row.terminationProtection ? 'yes' : 'no',
  ]);
  const widths = HEADINGS.map((heading, column) => Math.max(heading.length, ...cells.map((cell) => (cell[column] ?? '').length)));
  const line = (values: readonly string[]): string => values.map((value, column) => value.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return `${[options.bold(line(HEADINGS)), ...cells.map(line)].join('\n')}\n`;
}
