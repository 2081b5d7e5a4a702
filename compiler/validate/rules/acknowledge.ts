/**
 * Acknowledgements: findings accepted on purpose. Each must name a finding precisely and say why, so the
 * acknowledgement is reviewable and never hides more than intended.
 */
import type { CodeInfo } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { environmentNames, finding, type Rule } from '../rule.js';
import { suggestionHint } from '../suggest.js';
import { stepOfCode } from '../unused-acknowledgements.js';

/** A platformc code (IAM105), a cfn-lint rule (`cfn-lint W3005`) or an Access Analyzer issue code. */
export const ACKNOWLEDGED_CODE = /^(cfn-lint [EWI]\d{4}|[A-Z][A-Z0-9_]*)$/;

export const ACKNOWLEDGE_CODES: readonly CodeInfo[] = [
  { code: 'ACK001', title: 'Malformed acknowledged code', why: 'An acknowledgement must name one kind of finding precisely.', example: 'acknowledge: [{ code: w3005, reason: ... }]', fix: 'Write an IAM check code (IAM105), "cfn-lint W3005", or an Access Analyzer issue code (PASS_ROLE_WITH_STAR_IN_RESOURCE).' },
  { code: 'ACK002', title: 'Acknowledgement for an unknown environment', why: 'An acknowledgement limited to a missing environment never applies.', example: 'acknowledge: [{ code: IAM105, env: prd, reason: ... }]', fix: 'Use a name from environments, or drop env.' },
  { code: 'ACK003', title: 'Acknowledgement without a reason', why: 'The reason is printed with every acknowledged finding; a blank one explains nothing.', example: 'acknowledge: [{ code: IAM105, reason: " " }]', fix: 'Say why the finding is accepted.' },
  { code: 'ACK004', title: 'Duplicate acknowledgement', why: 'Two entries for the same finding make it unclear which reason applies.', example: 'the same code, env and resource listed twice', fix: 'Keep one entry.' },
  { code: 'ACK006', title: 'Acknowledgement of a spec check', why: 'Only findings about the generated templates can be accepted on purpose (the IAM checks, cfn-lint, Access Analyzer); what the spec checks find is fixed in the spec, so such an entry accepts nothing.', example: 'acknowledge: [{ code: NET011, reason: ... }]', fix: 'Remove the entry, and fix the spec if the finding stands.' },
];

export const checkAcknowledgements: Rule = (spec, loaded) => {
  const out: Diagnostic[] = [];
  const envs = environmentNames(spec);
  const seen = new Set<string>();
  for (const [index, entry] of (spec.acknowledge ?? []).entries()) {
    const path = ['acknowledge', index];
    if (!ACKNOWLEDGED_CODE.test(entry.code)) {
      out.push(finding(loaded, { code: 'ACK001', path: [...path, 'code'], message: `"${entry.code}" is not a finding code`, hint: 'write e.g. IAM105, "cfn-lint W3005" or PASS_ROLE_WITH_STAR_IN_RESOURCE' }));
    } else if (/^[A-Z]+\d+$/.test(entry.code) && stepOfCode(entry.code) === undefined) {
      out.push(finding(loaded, {
        code: 'ACK006', severity: 'warning', path: [...path, 'code'],
        message: `${entry.code} is a finding of the spec checks, which are fixed in the spec rather than acknowledged; this entry accepts nothing`,
        hint: 'remove it; IAM check codes (IAM105), cfn-lint rules and Access Analyzer findings can be acknowledged',
      }));
    }
    if (entry.env !== undefined && !envs.includes(entry.env)) {
      out.push(finding(loaded, { code: 'ACK002', path: [...path, 'env'], message: `acknowledgement names environment "${entry.env}", which does not exist`, hint: suggestionHint(entry.env, envs, 'environments') }));
    }
    if (entry.reason.trim() === '') {
      out.push(finding(loaded, { code: 'ACK003', path: [...path, 'reason'], message: 'acknowledgement has a blank reason' }));
    }
    const key = `${entry.code}|${entry.env ?? ''}|${entry.resource ?? ''}`;
    if (seen.has(key)) out.push(finding(loaded, { code: 'ACK004', path, message: `${entry.code} is acknowledged twice for the same scope` }));
    seen.add(key);
  }
  return out;
};
