/**
 * cfn-lint's `--format json` report, read defensively: the output of another program is input like any other,
 * so a shape we do not expect becomes a diagnostic, never an exception.
 */
import type { Severity } from '../diagnostics/diagnostic.js';
import type { TemplatePath } from './locate-in-spec.js';

export interface CfnLintMatch {
  readonly ruleId: string;
  readonly level: string;
  readonly message: string;
  readonly filename: string;
  readonly path: TemplatePath;
  readonly source?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readMatch(value: unknown): CfnLintMatch | undefined {
  if (!isRecord(value) || !isRecord(value.Rule) || !isRecord(value.Location)) return undefined;
  const { Rule: rule, Location: location } = value;
  if (typeof rule.Id !== 'string' || typeof value.Level !== 'string' || typeof value.Filename !== 'string') return undefined;
  const rawPath = Array.isArray(location.Path) ? location.Path : [];
  const path = rawPath.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
  return {
    ruleId: rule.Id,
    level: value.Level,
    message: typeof value.Message === 'string' ? value.Message : rule.Id,
    filename: value.Filename,
    path,
    ...(typeof rule.Source === 'string' ? { source: rule.Source } : {}),
  };
}

/**
 * Parses the JSON report; undefined when the text is not one. Entries of a shape we cannot read are counted, not
 * dropped in silence: a cfn-lint whose report format changed must not look like a clean run.
 */
export function parseCfnLintReport(text: string): { readonly matches: readonly CfnLintMatch[]; readonly unreadable: number } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text === '' ? '[]' : text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  const matches: CfnLintMatch[] = [];
  let unreadable = 0;
  for (const item of value) {
    const match = readMatch(item);
    if (match) matches.push(match);
    else unreadable += 1;
  }
  return { matches, unreadable };
}

/** The version in `cfn-lint --version` output (`cfn-lint 1.58.0`), if any. */
export function parseCfnLintVersion(text: string): string | undefined {
  return /cfn-lint\s+(\d+\.\d+\.\d+\S*)/.exec(text)?.[1];
}

/** cfn-lint levels in our vocabulary: its errors block, warnings and informational matches do not. */
export function severityOfLevel(level: string): Severity {
  switch (level) {
    case 'Error':
      return 'error';
    case 'Warning':
      return 'warning';
    default:
      return 'info';
  }
}
