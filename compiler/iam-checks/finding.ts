/**
 * A finding about generated output, before it becomes a diagnostic: it knows which environment and which resource
 * it is about, so spec acknowledgements (`acknowledge: [{code, env?, resource?, reason}]`) can be matched.
 */
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { parseSpecPath } from '../diagnostics/spec-path.js';
import type { AcknowledgementSpec } from '../model/spec.js';
import type { SpecLocation } from '../lint/locate-in-spec.js';
import { ACCESS_ANALYZER_PREFIX } from '../access-analyzer/codes.js';
import type { LoadedSpec } from '../load/loaded-spec.js';
import { pathOfValue } from '../load/path-of-value.js';
import { positionOf } from '../load/positions.js';

export interface Finding {
  readonly diagnostic: Diagnostic;
  readonly env: string;
  /** The CloudFormation logical id the finding is about. */
  readonly resource: string;
  /** The literal the finding objects to (an action, a condition key), where the spec may have written it as is. */
  readonly value?: string;
}

/** Builds a finding from a code, severity and message at a spec location. */
export function finding(options: {
  code: string; severity: Severity; message: string; where: SpecLocation; env: string; resource: string;
  hint?: string; notes?: readonly string[]; value?: string;
}): Finding {
  const { where } = options;
  return {
    env: options.env,
    resource: options.resource,
    ...(options.value !== undefined ? { value: options.value } : {}),
    diagnostic: {
      code: options.code,
      severity: options.severity,
      message: options.message,
      file: where.file,
      path: where.path,
      ...(where.position ? { position: where.position } : {}),
      ...(options.hint ? { hint: options.hint } : {}),
      ...(options.notes ? { notes: options.notes } : {}),
    },
  };
}

/**
 * The finding pointed at the value it objects to, where the spec writes that value exactly once under the entry
 * the finding is on (`sqs:ReceiveMessages` in a role's `actions`); otherwise as it was.
 */
export function pointAtValue(f: Finding, loaded: LoadedSpec): Finding {
  if (f.value === undefined || f.diagnostic.file !== loaded.file) return f;
  const path = pathOfValue(loaded.value, f.diagnostic.path, f.value);
  if (path === undefined) return f;
  return { ...f, diagnostic: { ...f.diagnostic, path, position: positionOf(loaded, path) } };
}

/** Access Analyzer issue codes are acknowledged bare (`PASS_ROLE_WITH_STAR_IN_RESOURCE`). */
function sameCode(acknowledged: string, code: string): boolean {
  return acknowledged === code || `${ACCESS_ANALYZER_PREFIX} ${acknowledged}` === code;
}

/**
 * `resource` names the CloudFormation logical id, or a spec path the finding lies in, written as `explain` and the
 * findings print it (`iam.roles.deployer`, `iam.roles.deployer.allow[1]`, or `allow.1`).
 */
function sameResource(resource: string, f: Finding): boolean {
  if (resource === f.resource) return true;
  const path = f.diagnostic.path.map(String);
  const wanted = parseSpecPath(resource).map(String);
  return wanted.length > 0 && wanted.length <= path.length && wanted.every((part, i) => part === path[i]);
}

function matches(ack: AcknowledgementSpec, f: Finding): boolean {
  if (!sameCode(ack.code, f.diagnostic.code)) return false;
  if (ack.env !== undefined && ack.env !== f.env) return false;
  return ack.resource === undefined || sameResource(ack.resource, f);
}

/**
 * Marks acknowledged findings with the spec's reason. They stay in the report (never hidden) but no longer block;
 * blocking is decided from `acknowledged` by the command.
 */
export function applyAcknowledgements(findings: readonly Finding[], acknowledgements: readonly AcknowledgementSpec[]): Diagnostic[] {
  return findings.map((f) => {
    const index = acknowledgements.findIndex((a) => matches(a, f));
    const ack = acknowledgements[index];
    return ack ? { ...f.diagnostic, acknowledged: ack.reason, acknowledgedBy: index } : f.diagnostic;
  });
}
