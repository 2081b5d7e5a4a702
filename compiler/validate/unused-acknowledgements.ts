/**
 * Acknowledgements that accept nothing any more. An entry outlives the finding it was written for (the role was
 * fixed, the resource renamed), and one without `env` or `resource` would then accept the next finding of its
 * code without anyone reviewing it. So an entry that accepted no finding of a run that checked for its code is
 * reported (ACK005, a warning), as linters report unused suppressions.
 */
import type { CodeInfo } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { finding } from './rule.js';
import type { CheckedSpec } from './steps.js';

export const UNUSED_ACKNOWLEDGEMENT_CODES: readonly CodeInfo[] = [
  { code: 'ACK005', title: 'Acknowledgement that accepts nothing', why: 'An acknowledgement outlives the finding it was written for; one without env or resource would accept the next finding of its code without review. Reported only when the check that reports its code ran (cfn-lint, the IAM checks, or Access Analyzer with --access-analyzer).', example: 'acknowledge: [{ code: IAM105, reason: ... }]  # no role passes roles on * any more', fix: 'Remove the entry.' },
];

/** The validate step whose findings an acknowledged code names; undefined for codes no step acknowledges. */
export function stepOfCode(code: string): string | undefined {
  if (code.startsWith('cfn-lint ')) return 'cfn-lint';
  if (/^IAM1\d\d$/.test(code)) return 'iam';
  // Access Analyzer's own codes (AA101) and its issue codes, written bare (PASS_ROLE_WITH_STAR_IN_RESOURCE).
  if (/^AA\d+$/.test(code) || code.includes('_')) return 'access-analyzer';
  return undefined;
}

/** Codes that say a step could not look at all (cfn-lint missing or unreadable, Access Analyzer unreachable). */
const STEP_FAILED: Readonly<Record<string, RegExp>> = { 'cfn-lint': /^LINT00[12]$/, 'access-analyzer': /^AA9\d\d$/ };

/** ACK005 for every acknowledgement of a compiled spec that a step which ran for its code did not use. */
export function unusedAcknowledgements(specs: readonly CheckedSpec[], diagnostics: readonly Diagnostic[], steps: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const checked of specs) {
    if (checked.spec === undefined || checked.loaded === undefined) continue;
    const own = diagnostics.filter((d) => d.file === checked.file);
    for (const [index, entry] of (checked.spec.acknowledge ?? []).entries()) {
      const step = stepOfCode(entry.code);
      if (step === undefined || !steps.includes(step)) continue;
      const failed = STEP_FAILED[step];
      if (failed !== undefined && diagnostics.some((d) => failed.test(d.code))) continue;
      if (own.some((d) => d.acknowledgedBy === index)) continue;
      const scope = [entry.env === undefined ? '' : ` in ${entry.env}`, entry.resource === undefined ? '' : ` on ${entry.resource}`].join('');
      out.push(finding(checked.loaded, {
        code: 'ACK005',
        severity: 'warning',
        path: ['acknowledge', index],
        message: `acknowledgement of ${entry.code}${scope} accepts nothing: no such finding in this run`,
        hint: 'remove it; left in place, it would accept the next such finding without review',
      }));
    }
  }
  return out;
}
