/**
 * Route 53 health checks from the spec: protocol, port, path, request interval (10 or 30 seconds) and failure
 * threshold, probing the same address the record answers with.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Json } from '../model/cfn.js';
import type { HealthCheckSpec } from '../model/spec.js';
import type { FragmentResource } from './fragment.js';
import type { Answer } from './dns-answers.js';

const DEFAULT_INTERVAL = 30;
const DEFAULT_THRESHOLD = 3;

/** One health check: its spec, the answer it probes and where it came from. */
export interface HealthCheckOptions {
  readonly logicalId: string;
  readonly spec: HealthCheckSpec;
  readonly answer: Answer;
  /** Shown in the console as the health check's name. */
  readonly label: string;
  readonly origin: SpecPath;
}

/** An AWS::Route53::HealthCheck probing the answer's address (or its host name for literal names). */
export function healthCheckResource(options: HealthCheckOptions): FragmentResource {
  const { spec, answer } = options;
  const type = spec.protocol ?? 'HTTP';
  const config: { [key: string]: Json } = {
    Type: type,
    Port: spec.port,
    RequestInterval: spec.requestInterval ?? DEFAULT_INTERVAL,
    FailureThreshold: spec.failureThreshold ?? DEFAULT_THRESHOLD,
  };
  if (answer.isAddress) config['IPAddress'] = answer.value;
  else config['FullyQualifiedDomainName'] = answer.value;
  if (type !== 'TCP') config['ResourcePath'] = spec.path ?? '/';
  return {
    logicalId: options.logicalId,
    origin: options.origin,
    resource: {
      Type: 'AWS::Route53::HealthCheck',
      Properties: { HealthCheckConfig: config, HealthCheckTags: [{ Key: 'Name', Value: options.label }] },
    },
  };
}
