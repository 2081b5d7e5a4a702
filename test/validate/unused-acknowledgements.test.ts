/**
 * An acknowledgement that accepted nothing in a run that checked for its code is reported (ACK005), and only then:
 * not for a check that did not run or could not look.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { loadSpec } from '../../compiler/load/load-spec.js';
import type { LoadedSpec } from '../../compiler/load/loaded-spec.js';
import type { PlatformSpec } from '../../compiler/model/spec.js';
import { stepOfCode, unusedAcknowledgements } from '../../compiler/validate/unused-acknowledgements.js';

const FILE = 'specs/a.platform.yaml';
const TEXT = [
  'acknowledge:',
  '  - { code: IAM105, env: dev, resource: iam.roles.deployer, reason: bootstrap }',
  '  - { code: cfn-lint W3005, reason: ordering }',
  '  - { code: PASS_ROLE_WITH_STAR_IN_RESOURCE, reason: bootstrap }',
  '',
].join('\n');
const loaded = loadSpec({ file: FILE, text: TEXT }).loaded as LoadedSpec;
const spec = loaded.value as PlatformSpec;
const checked = [{ file: FILE, loaded, spec }];
const acknowledgedBy = (index: number): Diagnostic => ({ code: 'X', severity: 'error', message: 'm', file: FILE, path: [], acknowledged: 'r', acknowledgedBy: index });
const unused = (diagnostics: readonly Diagnostic[], steps: readonly string[]): string[] =>
  unusedAcknowledgements(checked, diagnostics, steps).map((d) => `${d.code} ${d.severity} ${String(d.path[1])}: ${d.message}`);

describe('unusedAcknowledgements', () => {
  it('reports each entry whose check ran and accepted nothing, at its entry', () => {
    expect(unused([], ['spec', 'compile', 'cfn-lint', 'iam', 'access-analyzer'])).toEqual([
      'ACK005 warning 0: acknowledgement of IAM105 in dev on iam.roles.deployer accepts nothing: no such finding in this run',
      'ACK005 warning 1: acknowledgement of cfn-lint W3005 accepts nothing: no such finding in this run',
      'ACK005 warning 2: acknowledgement of PASS_ROLE_WITH_STAR_IN_RESOURCE accepts nothing: no such finding in this run',
    ]);
    expect(unusedAcknowledgements(checked, [], ['iam'])[0]?.hint).toContain('would accept the next such finding without review');
  });

  it('says nothing of an entry that accepted a finding', () => {
    expect(unused([acknowledgedBy(0), acknowledgedBy(1), acknowledgedBy(2)], ['cfn-lint', 'iam', 'access-analyzer'])).toEqual([]);
    // Another spec's finding accepted by its own entry 0 does not count for this one.
    expect(unused([{ ...acknowledgedBy(0), file: 'specs/b.platform.yaml' }], ['iam'])).toHaveLength(1);
  });

  it('says nothing where the check that reports the code did not run (--no-lint, no --access-analyzer)', () => {
    expect(unused([], ['spec', 'compile', 'iam'])).toEqual(['ACK005 warning 0: acknowledgement of IAM105 in dev on iam.roles.deployer accepts nothing: no such finding in this run']);
  });

  it('says nothing where the check could not look (cfn-lint missing, Access Analyzer unreachable)', () => {
    const failed: Diagnostic[] = [
      { code: 'LINT001', severity: 'error', message: 'cfn-lint not found', file: FILE, path: [] },
      { code: 'AA900', severity: 'error', message: 'no credentials', file: FILE, path: [] },
    ];
    expect(unused(failed, ['cfn-lint', 'access-analyzer'])).toEqual([]);
  });

  it('leaves a spec that did not compile alone', () => {
    expect(unusedAcknowledgements([{ file: FILE, loaded }], [], ['iam'])).toEqual([]);
  });

  it.each([
    ['IAM105', 'iam'], ['cfn-lint E3012', 'cfn-lint'], ['AA101', 'access-analyzer'], ['PASS_ROLE_WITH_STAR_IN_RESOURCE', 'access-analyzer'], ['NET011', undefined], ['COMPILE008', undefined],
  ])('%s is acknowledged in the findings of %s', (code, step) => {
    expect(stepOfCode(code)).toBe(step);
  });
});
