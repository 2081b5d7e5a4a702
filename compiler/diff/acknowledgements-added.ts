/**
 * Acknowledgements a change adds: each accepts findings (a role passing any role, a cfn-lint rule) without failing
 * validation, so a reviewer should see it as such, not as one more spec line. An entry counts as added when no
 * entry of the base accepts the same code in the same scope (`env`, `resource`); one whose scope grew (its `env`
 * dropped) is added in its new scope.
 */
import { positionOf } from '../load/positions.js';
import { compareText } from '../model/compare-text.js';
import type { AcknowledgementAdded } from './model.js';
import type { SpecVersions } from './spec-changes.js';

interface Entry {
  readonly code: string;
  readonly env?: string;
  readonly resource?: string;
  readonly reason: string;
}

function entries(spec: unknown): (Entry | undefined)[] {
  const list = typeof spec === 'object' && spec !== null && !Array.isArray(spec) ? (spec as { acknowledge?: unknown }).acknowledge : undefined;
  if (!Array.isArray(list)) return [];
  return list.map((item: unknown) => {
    if (typeof item !== 'object' || item === null) return undefined;
    const { code, env, resource, reason } = item as Record<string, unknown>;
    if (typeof code !== 'string') return undefined;
    return { code, reason: typeof reason === 'string' ? reason : '', ...(typeof env === 'string' ? { env } : {}), ...(typeof resource === 'string' ? { resource } : {}) };
  });
}

const scopeKey = (e: Entry): string => JSON.stringify([e.code, e.env ?? null, e.resource ?? null]);

/** The acknowledgements of the head specs that their base did not have, in file and then list order. */
export function acknowledgementsAdded(versions: readonly SpecVersions[]): AcknowledgementAdded[] {
  const added: AcknowledgementAdded[] = [];
  for (const v of versions) {
    if (v.head === undefined) continue;
    const before = new Set(entries(v.base).flatMap((e) => (e === undefined ? [] : [scopeKey(e)])));
    for (const [index, entry] of entries(v.head.value).entries()) {
      if (entry === undefined || before.has(scopeKey(entry))) continue;
      const at = positionOf(v.head, ['acknowledge', index]);
      added.push({ file: v.file, ...entry, location: `${at.file}:${at.line}:${at.col}` });
    }
  }
  return added.sort((a, b) => compareText(a.file, b.file));
}

/** `IAM105 in dev on iam.roles.deployer`: the code and the scope an acknowledgement accepts it in. */
export function acknowledgementScope(a: Pick<AcknowledgementAdded, 'code' | 'env' | 'resource'>): string {
  return `${a.code}${a.env === undefined ? ' in every environment' : ` in ${a.env}`}${a.resource === undefined ? '' : ` on ${a.resource}`}`;
}
