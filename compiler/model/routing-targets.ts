/**
 * What the routing spec points at: the environments whose routers answer its records, and the Route 53 health
 * checks that probe them. Shared by the rules (checkers shut out, outputs a pipeline cannot read), normalize (the
 * checkers' way in) and the dns and pipeline expanders.
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

/**
 * The environments other than the routing home whose routers answer records (their addresses arrive in the dns
 * stack as parameters, read from their hosts stacks' outputs at deploy time), sorted. Empty for any `home` that
 * is not the routing home.
 */
export function routedEnvironments(routing: RoutingSpec | undefined, home: string): readonly string[] {
  if (routing === undefined || routing.home !== home) return [];
  const named = routing.records.flatMap((record) => [
    record.target?.value === undefined ? record.target?.env : undefined,
    record.primary,
    record.secondary,
    ...(record.targets ?? []).map((target) => (target.value === undefined ? target.env : undefined)),
  ]);
  return [...new Set(named.filter((env): env is string => env !== undefined && env !== home))].sort();
}

/**
 * Every health check of `routing` that probes an environment's router, in spec order: the failover primary's
 * check and the check of every target that names an environment (a target without `env` or `value` answers with
 * the routing home).
 */
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
