import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PINNED_CFN_LINT } from '../../compiler/lint/find-cfn-lint.js';
import { PINNED_MOTO } from '../../compiler/deploy/local-moto.js';
import { lintStacks } from '../../compiler/lint/run-cfn-lint.js';
import { locateInSpec } from '../../compiler/lint/locate-in-spec.js';
import { parseCfnLintReport } from '../../compiler/lint/cfn-lint-report.js';
import { role, SPEC, stack } from './support/builders.js';

const cwd = join(import.meta.dirname, '..', '..');

describe('cfn-lint wrapper', () => {
  it('maps a real cfn-lint error to the spec line of the resource and of the policy statement', async () => {
    const s = stack({
      name: 'logging',
      resources: {
        Archive: { Type: 'AWS::S3::Bucket', Properties: { BucketNam: 'archive' } },
        ShipperRole: role([{ Effect: 'Allw', Action: 'logs:PutLogEvents', Resource: '*' }]),
      },
      lines: { Archive: 12, ShipperRole: 30, 'ShipperRole/Properties.Policies.0.PolicyDocument.Statement.0': 33 },
    });
    const diagnostics = (await lintStacks([s], { cwd, env: process.env })).map((f) => f.diagnostic);
    const summary = diagnostics.map((d) => `${d.file}:${d.position?.line}:${d.position?.col} ${d.severity} ${d.code}`).sort();
    expect(summary).toEqual([
      `${SPEC}:12:5 error cfn-lint E3002`,
      `${SPEC}:33:5 error cfn-lint E3510`,
    ]);
    expect(diagnostics.find((d) => d.code === 'cfn-lint E3002')?.message).toContain('BucketNam');
  });

  it('condenses a real finding that lists every instance type to its count and the closest type', async () => {
    const s = stack({
      name: 'hosts',
      resources: { Management: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', InstanceType: 'm5.xlarge-x' } } },
      lines: { Management: 9 },
    });
    const diagnostics = (await lintStacks([s], { cwd, env: process.env })).map((f) => f.diagnostic);
    const finding = diagnostics.find((d) => d.code === 'cfn-lint E3628');
    expect(finding?.position?.line).toBe(9);
    // cfn-lint itself prints over 20,000 characters here.
    expect(finding?.message).toMatch(/^'m5\.xlarge-x' is not one of the \d{3,} allowed values \(closest: 'm5\.xlarge'\) in 'us-east-1'$/);
  });

  it('lints a clean template to no findings', async () => {
    const s = stack({ resources: { Archive: { Type: 'AWS::S3::Bucket', Properties: {} } } });
    expect(await lintStacks([s], { cwd, env: process.env })).toEqual([]);
  });

  it('says how to install cfn-lint when it is missing, without failing', async () => {
    const s = stack({ resources: {} });
    const diagnostics = (await lintStacks([s], { cwd: '/nonexistent', env: { PATH: '/nonexistent/bin' } })).map((f) => f.diagnostic);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'LINT001', severity: 'error', file: SPEC });
    // Commands that work in any project, not scripts of platformc's own repository.
    expect(diagnostics[0]?.hint).toContain('`python3 -m venv .venv && .venv/bin/pip install cfn-lint==1.58.0` (platformc looks in .venv first)');
    expect(diagnostics[0]?.hint).toContain('`pip install cfn-lint==1.58.0`');
    expect(diagnostics[0]?.hint).not.toContain('.ci/');
  });

  it('reports a broken cfn-lint as a diagnostic', async () => {
    const s = stack({ resources: {} });
    const diagnostics = (await lintStacks([s], { cwd, env: process.env, executable: '/bin/false' })).map((f) => f.diagnostic);
    expect(diagnostics.map((d) => d.code)).toEqual(['LINT002']);
  });

  it('falls back to the resource, then the parameter, then the top of the spec', () => {
    const s = stack({ resources: {}, lines: { Web: 7 } });
    expect(locateInSpec(s, ['Resources', 'Web', 'Properties', 'ImageId']).position?.line).toBe(7);
    expect(locateInSpec(s, ['Outputs', 'X'])).toEqual({ file: SPEC, path: [] });
  });

  it('points a finding inside a property made from another spec node at that node', () => {
    const s = stack({ resources: {}, lines: { Web: 7 } });
    const withProperty = { ...s, sourceMap: { ...s.sourceMap, properties: { 'Web/Properties.UserData': { path: ['network', 'overlay'], location: `${SPEC}:30:3` } } } };
    expect(locateInSpec(withProperty, ['Resources', 'Web', 'Properties', 'UserData', 'Fn::Base64'])).toMatchObject({ path: ['network', 'overlay'], position: { line: 30 } });
    expect(locateInSpec(withProperty, ['Resources', 'Web', 'Properties', 'ImageId']).position?.line).toBe(7);
  });

  it('counts report entries of an unexpected shape instead of dropping them', () => {
    expect(parseCfnLintReport('not json')).toBeUndefined();
    expect(parseCfnLintReport('[{"Rule": 1}]')).toEqual({ matches: [], unreadable: 1 });
  });

  it('says when cfn-lint is not the pinned version or reports what cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'platformc-fake-lint-'));
    const fake = join(dir, 'cfn-lint');
    writeFileSync(fake, '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "cfn-lint 0.87.1"; else echo \'[{"Rule": {"Id": 7}}]\'; fi\n', { mode: 0o755 });
    try {
      const diagnostics = (await lintStacks([stack({ resources: {} })], { cwd, env: process.env, executable: fake })).map((f) => f.diagnostic);
      expect(diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(['LINT002 error', 'LINT003 warning']);
      expect(diagnostics[1]?.message).toContain(`cfn-lint 0.87.1 at ${fake} is not the pinned ${PINNED_CFN_LINT}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pins the same cfn-lint and moto versions as requirements-dev.txt', () => {
    const requirements = readFileSync(join(cwd, 'requirements-dev.txt'), 'utf8');
    expect(/^cfn-lint==(\S+)$/m.exec(requirements)?.[1]).toBe(PINNED_CFN_LINT);
    expect(/^moto\[server\]==(\S+)$/m.exec(requirements)?.[1]).toBe(PINNED_MOTO);
  });

});
