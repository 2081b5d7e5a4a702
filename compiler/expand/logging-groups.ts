/**
 * Which log groups an environment gets: the declared ones, one for the overlay hosts, and one per CodeBuild
 * project of the pipelines that run in this environment. Each carries its retention and the spec path that
 * asked for it.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { ExpandContext } from './fragment.js';
import { HOSTS_LOG_GROUP, codeBuildLogGroup } from './logging-names.js';

/** A log group the environment gets, before it becomes a resource. */
export interface PlannedLogGroup {
  /** Relative to the environment: `system`, `hosts`, `codebuild/platform`. */
  readonly group: string;
  /** Days, or `never-expire` only when the spec wrote it explicitly. */
  readonly retention: number | 'never-expire';
  readonly origin: SpecPath;
}

/** The environment's log groups, declared ones first in spec order, then hosts and CodeBuild groups. */
export function plannedLogGroups(context: ExpandContext): readonly PlannedLogGroup[] {
  const { platform, env } = context;
  const declared = (platform.spec.logging?.groups ?? []).map((entry, index): PlannedLogGroup => {
    const origin: SpecPath = ['logging', 'groups', index];
    if (typeof entry === 'string') return { group: entry, retention: env.logRetentionDays, origin };
    return { group: entry.name, retention: entry.retentionDays ?? env.logRetentionDays, origin };
  });
  const implied: PlannedLogGroup[] = [{ group: HOSTS_LOG_GROUP, retention: env.logRetentionDays, origin: ['hosts'] }];
  for (const pipeline of platform.pipelines) {
    if (pipeline.home !== env.name) continue;
    implied.push({ group: codeBuildLogGroup(pipeline.name), retention: env.logRetentionDays, origin: pipeline.origin });
  }
  const seen = new Set(declared.map((planned) => planned.group));
  return [...declared, ...implied.filter((planned) => !seen.has(planned.group))];
}
