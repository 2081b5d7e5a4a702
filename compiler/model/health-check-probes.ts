/**
 * Which Route 53 health checks probe an environment's router: the failover primary's check and the check of every
 * target that names the environment (a target without `env` or `value` answers with the routing home). Shared by
 * the routing rule, which warns when the checkers cannot get through, and by normalize, which opens the way.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { HealthCheckSpec, RoutingSpec } from './spec.js';

/** TCP port of the CloudStack management UI, the one port the router forwards (to the management server). */
export const MANAGEMENT_UI_PORT = 8080;

export interface HealthCheckProbe {
  readonly env: string;
  readonly port: number;
  /** The spec path of the `healthCheck` that probes. */
  readonly path: SpecPath;
}

/** Every health check of `routing` that probes an environment's router, in spec order. */
export function healthCheckProbes(routing: RoutingSpec | undefined): readonly HealthCheckProbe[] {
  if (routing === undefined) return [];
  const probes: HealthCheckProbe[] = [];
  const add = (env: string | undefined, check: HealthCheckSpec | undefined, path: SpecPath): void => {
    if (env !== undefined && check !== undefined) probes.push({ env, port: check.port, path });
  };
  routing.records.forEach((record, index) => {
    const base = ['routing', 'records', index];
    if (record.policy === 'failover') add(record.primary, record.healthCheck, [...base, 'healthCheck']);
    const targets = record.target === undefined ? [] : [{ target: record.target, path: [...base, 'target'] }];
    (record.targets ?? []).forEach((target, t) => targets.push({ target, path: [...base, 'targets', t] }));
    for (const { target, path } of targets) {
      if (target.value === undefined) add(target.env ?? routing.home, target.healthCheck, [...path, 'healthCheck']);
    }
  });
  return probes;
}
