/**
 * Findings about generated templates come once per environment's stack; the same finding on the same spec line
 * is reported once, naming every stack it was found in.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { foldAcrossStacks } from '../../compiler/diagnostics/fold-stacks.js';

const at = { file: 'specs/a.platform.yaml', line: 67, col: 21 };
const base: Diagnostic = { code: 'IAM102', severity: 'ERROR', message: 'unknown action "sqs:ReceiveMessages"', file: at.file, path: ['iam', 'roles', 'shipper'], position: at };
const inStack = (stack: string, rest = 'ShipperRole inline policy 0, statement 0'): Diagnostic => ({ ...base, notes: [`in ${stack}: ${rest}`] });

describe('foldAcrossStacks', () => {
  it('reports the same finding of several stacks once, naming the stacks in one note', () => {
    expect(foldAcrossStacks([inStack('a-dev-iam'), inStack('a-prod-iam'), inStack('a-qa-iam')])).toEqual([
      { ...base, notes: ['in a-dev-iam, a-prod-iam, a-qa-iam: ShipperRole inline policy 0, statement 0'] },
    ]);
  });

  it('keeps notes that say different things about their stacks apart, and other notes once', () => {
    const dev = { ...inStack('a-dev-iam'), notes: ['in a-dev-iam: Role policy', 'the same error occurred for 2 more call(s)'] };
    const prod = { ...inStack('a-prod-iam'), notes: ['in a-prod-iam: Role trust policy', 'the same error occurred for 2 more call(s)'] };
    const qa = { ...inStack('a-qa-iam'), notes: ['in a-qa-iam: Role policy'] };
    expect(foldAcrossStacks([dev, prod, qa])[0]?.notes).toEqual([
      'in a-dev-iam, a-qa-iam: Role policy', 'the same error occurred for 2 more call(s)', 'in a-prod-iam: Role trust policy',
    ]);
  });

  it.each<[string, Partial<Diagnostic>]>([
    ['another message', { message: 'unknown action "sqs:SendMessages"' }],
    ['another code', { code: 'cfn-lint W3037' }],
    ['another severity', { severity: 'WARNING' }],
    ['another column', { position: { ...at, col: 42 } }],
    ['another spec path', { path: ['iam', 'roles', 'other'] }],
    ['another hint', { hint: 'add "999988887777" to environments.prod.trustedAccounts' }],
    ['an acknowledgement in one environment only', { acknowledged: 'accepted in prod' }],
  ])('does not fold findings with %s', (_name, change) => {
    const folded = foldAcrossStacks([inStack('a-dev-iam'), { ...inStack('a-prod-iam'), ...change }]);
    expect(folded).toHaveLength(2);
  });

  it('leaves findings without a stack note alone, and keeps the order in which findings came', () => {
    const rule: Diagnostic = { code: 'NET005', severity: 'error', message: 'VNI 0 is outside 1..16777215', file: at.file, path: ['network', 'overlay', 'vni'] };
    const lint: Diagnostic = { ...inStack('a-dev-net'), code: 'cfn-lint W3010' };
    const folded = foldAcrossStacks([rule, inStack('a-dev-iam'), lint, rule, inStack('a-prod-iam')]);
    expect(folded.map((d) => d.code)).toEqual(['NET005', 'IAM102', 'cfn-lint W3010', 'NET005']);
    expect(folded[1]?.notes).toEqual(['in a-dev-iam, a-prod-iam: ShipperRole inline policy 0, statement 0']);
  });

  it('names a stack once however often it reports the same', () => {
    expect(foldAcrossStacks([inStack('a-dev-iam'), inStack('a-dev-iam')])[0]?.notes).toEqual(['in a-dev-iam: ShipperRole inline policy 0, statement 0']);
  });
});
