/**
 * What an environment's router must let in for Route 53's health checkers: the ports its health checks probe,
 * from the AWS-managed prefix list of the checkers in its region. Nothing when no check probes the environment
 * or its region has no prefix list declared (the routing rule warns about the latter, DNS017).
 */
import type { HealthCheckers } from '../model/platform.js';
import type { HealthCheckProbe } from '../model/routing-targets.js';
import type { PlatformSpec } from '../model/spec.js';

/** `probes` are `healthCheckProbes(spec.routing)`, worked out once for all environments. */
export function healthCheckersOf(spec: PlatformSpec, probes: readonly HealthCheckProbe[], env: { readonly name: string; readonly region: string }): HealthCheckers | undefined {
  const prefixList = spec.routing?.healthCheckerPrefixLists?.[env.region];
  if (prefixList === undefined) return undefined;
  const ports = new Map<number, HealthCheckers['ports'][number]>();
  for (const probe of probes) {
    if (probe.env === env.name && !ports.has(probe.port)) ports.set(probe.port, { port: probe.port, origin: probe.path });
  }
  if (ports.size === 0) return undefined;
  return {
    prefixList,
    ports: [...ports.values()].sort((a, b) => a.port - b.port),
    origin: ['routing', 'healthCheckerPrefixLists', env.region],
  };
}
