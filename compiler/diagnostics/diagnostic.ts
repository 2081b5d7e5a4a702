/**
 * User errors are data. Every stage reports what it finds as diagnostics that carry a path into the spec; the
 * renderer turns a path into `file:line:col` once, at the end, through the loaded document's line counter.
 */

/** Severities: our own `error`/`warning`, and Access Analyzer's vocabulary for policy findings. */
export type Severity = 'error' | 'warning' | 'info' | 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';

/** A path into the spec document: keys and sequence indexes, e.g. ["environments", "dev", "vpcCidr"]. */
export type SpecPath = readonly (string | number)[];

export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly endLine?: number;
  readonly endCol?: number;
}

export interface Diagnostic {
  /** Stable code, e.g. NET002 or `cfn-lint E3012`; documented in the code registry. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** The spec file the finding is about. */
  readonly file: string;
  /** Where in the spec; resolved to line and column when rendering (or already given as `position`). */
  readonly path: SpecPath;
  readonly position?: SourcePosition;
  readonly hint?: string;
  readonly notes?: readonly string[];
  /** Set when the spec acknowledges this finding; the reason is printed with it. */
  readonly acknowledged?: string;
  /** Which entry of the spec's `acknowledge` list accepted it (its index), so unused entries can be found. */
  readonly acknowledgedBy?: number;
}

/** True for the severities that make a command fail unless configured otherwise. */
export function isBlocking(severity: Severity, blocking: readonly Severity[] = DEFAULT_BLOCKING): boolean {
  return blocking.includes(severity);
}

export const DEFAULT_BLOCKING: readonly Severity[] = ['error', 'ERROR', 'SECURITY_WARNING'];

/**
 * How a report for code review ranks a finding (SARIF's levels; GitHub annotations call the last one a notice):
 * blocking severities are errors, the other warnings stay warnings, the rest are notes. An acknowledged finding
 * is a note, whatever its severity.
 */
export function reportLevel(diagnostic: Diagnostic, blocking: readonly Severity[]): 'error' | 'warning' | 'note' {
  if (diagnostic.acknowledged !== undefined) return 'note';
  if (blocking.includes(diagnostic.severity)) return 'error';
  const severity = diagnostic.severity;
  return severity === 'warning' || severity === 'WARNING' || severity === 'SECURITY_WARNING' || severity === 'ERROR' || severity === 'error' ? 'warning' : 'note';
}

/**
 * Collects diagnostics for one stage. A plain accumulator passed down explicitly (never module state), so a
 * stage can keep going after a finding and report everything at once.
 */
export class DiagnosticBag {
  readonly #items: Diagnostic[] = [];

  add(diagnostic: Diagnostic): void {
    this.#items.push(diagnostic);
  }

  addAll(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) this.#items.push(d);
  }

  get items(): readonly Diagnostic[] {
    return this.#items;
  }

  hasErrors(): boolean {
    return this.#items.some((d) => isBlocking(d.severity));
  }
}
