/**
 * A finding about generated output, before it becomes a diagnostic: it knows which environment and which resource
 * it is about, so spec acknowledgements (`acknowledge: [{code, env?, resource?, reason}]`) can be matched.
 */
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { AcknowledgementSpec } from '../model/spec.js';
import type { SpecLocation } from '../lint/locate-in-spec.js';

export interface Finding {
  readonly diagnostic: Diagnostic;
  readonly env: string;
  /** The CloudFormation logical id the finding is about. */
  readonly resource: string;
}

/** Builds a finding from a code, severity and message at a spec location. */
export function finding(options: {
  code: string; severity: Severity; message: string; where: SpecLocation; env: string; resource: string;
  hint?: string; notes?: readonly string[];
}): Finding {
  const { where } = options;
  return {
    env: options.env,
    resource: options.resource,
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

function matches(ack: AcknowledgementSpec, f: Finding): boolean {
  if (ack.code !== f.diagnostic.code) return false;
  if (ack.env !== undefined && ack.env !== f.env) return false;
  if (ack.resource !== undefined && ack.resource !== f.resource && ack.resource !== f.diagnostic.path.join('.')) return false;
  return true;
}

/**
 * Marks acknowledged findings with the spec's reason. They stay in the report (never hidden) but no longer block;
 * blocking is decided from `acknowledged` by the command.
 */
export function applyAcknowledgements(findings: readonly Finding[], acknowledgements: readonly AcknowledgementSpec[]): Diagnostic[] {
  return findings.map((f) => {
    const ack = acknowledgements.find((a) => matches(a, f));
    return ack ? { ...f.diagnostic, acknowledged: ack.reason } : f.diagnostic;
  });
}
