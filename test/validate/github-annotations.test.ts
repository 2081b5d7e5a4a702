/**
 * validate's `--format github`: workflow commands that GitHub turns into annotations on the spec lines. GitHub's
 * own toolkit (@actions/core) is the oracle for the exact text of each command, escapes included.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../compiler/cli/main.js';
import type { Diagnostic, SourcePosition } from '../../compiler/diagnostics/diagnostic.js';
import { codeInfo } from '../../compiler/diagnostics/code-registry.js';
import { DEFAULT_BLOCKING } from '../../compiler/diagnostics/diagnostic.js';
import { toAnnotations } from '../../compiler/report/github-annotations.js';
import { memoryIo } from '../check/memory-io.js';
import { toolkitAnnotation as toolkit, type ToolkitLevel, type ToolkitProperties } from '../support/actions-toolkit.js';

const at = (line: number, col: number, end?: { line: number; col: number }): SourcePosition => ({ file: 'x', line, col, ...(end ? { endLine: end.line, endCol: end.col } : {}) });

const CASES: readonly { name: string; diagnostic: Diagnostic; level: ToolkitLevel; message: string; properties: ToolkitProperties }[] = [
  {
    name: 'a blocking error with a one-line range and a hint',
    diagnostic: { code: 'NET006', severity: 'error', message: 'overlay MTU 9001 is outside 576..8951', file: 'specs/a.platform.yaml', path: [], position: at(11, 10, { line: 11, col: 14 }), hint: 'use 8951' },
    level: 'error',
    message: 'overlay MTU 9001 is outside 576..8951\nhint: use 8951',
    properties: { title: 'NET006', file: 'infra/specs/a.platform.yaml', startLine: 11, startColumn: 10, endLine: 11, endColumn: 14 },
  },
  {
    name: 'a warning spanning lines, with characters the command syntax reserves',
    diagnostic: { code: 'cfn-lint W3005', severity: 'warning', message: 'obsolete: 50%, a:b, c\r\nd', file: 'specs/a,b:c.platform.yaml', path: [], position: at(3, 1, { line: 5, col: 2 }), notes: ['in stack x-dev-iam'] },
    level: 'warning',
    message: 'obsolete: 50%, a:b, c\r\nd\nnote: in stack x-dev-iam',
    properties: { title: 'cfn-lint W3005', file: 'infra/specs/a,b:c.platform.yaml', startLine: 3, endLine: 5, startColumn: 1 },
  },
  {
    name: 'an acknowledged finding, as a notice with its reason',
    diagnostic: { code: 'IAM105', severity: 'error', message: 'iam:PassRole on *', file: 'specs/a.platform.yaml', path: [], position: at(7, 3), acknowledged: 'bootstrap role' },
    level: 'notice',
    // Without a hint of its own, a finding carries the fix its code documents.
    message: `iam:PassRole on *\nhint: ${codeInfo('IAM105')?.fix ?? 'none'}\nacknowledged: bootstrap role`,
    properties: { title: 'IAM105', file: 'infra/specs/a.platform.yaml', startLine: 7, startColumn: 3 },
  },
  {
    name: 'a suggestion without a position',
    diagnostic: { code: 'access-analyzer EMPTY_OBJECT', severity: 'SUGGESTION', message: 'empty', file: 'specs/a.platform.yaml', path: [] },
    level: 'notice',
    message: 'empty',
    properties: { title: 'access-analyzer EMPTY_OBJECT', file: 'infra/specs/a.platform.yaml' },
  },
];

describe('GitHub workflow commands', () => {
  it.each(CASES)('$name: exactly what @actions/core writes', ({ diagnostic, level, message, properties }) => {
    const ours = toAnnotations([diagnostic], { blocking: DEFAULT_BLOCKING, repositoryPrefix: 'infra/', locate: () => undefined });
    expect(ours).toBe(toolkit(level, message, properties));
  });

  it('resolves positions the diagnostic leaves to its path', () => {
    const diagnostic: Diagnostic = { code: 'ENV003', severity: 'error', message: 'region', file: 'specs/a.platform.yaml', path: ['environments', 'dev', 'region'], hint: 'us-east-1' };
    const ours = toAnnotations([diagnostic], { blocking: DEFAULT_BLOCKING, repositoryPrefix: '', locate: () => at(6, 13) });
    expect(ours).toBe(toolkit('error', 'region\nhint: us-east-1', { title: 'ENV003', file: 'specs/a.platform.yaml', startLine: 6, startColumn: 13 }));
  });
});

describe('platformc validate --format github --sarif <file>', () => {
  const repo = mkdtempSync(join(tmpdir(), 'platformc-annotations-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('annotates the spec line from a subdirectory of the repository, and writes the SARIF beside it', async () => {
    spawnSync('git', ['init', '-q', repo]);
    const project = join(repo, 'infra');
    mkdirSync(join(project, 'specs'), { recursive: true });
    const spec = readFileSync(new URL('../../specs/minimal.platform.yaml', import.meta.url), 'utf8').replace('mtu: 8951', 'mtu: 9001');
    copyFileSync(new URL('../../specs/minimal.platform.yaml', import.meta.url), join(project, 'specs', 'ok.platform.yaml'));
    const bad = join(project, 'specs', 'bad.platform.yaml');
    writeFileSync(bad, spec);
    const line = spec.split('\n').findIndex((l) => l.includes('mtu: 9001')) + 1;
    const io = memoryIo(project);
    expect(await runCli(['validate', '--no-lint', '--format', 'github', '--sarif', 'out.sarif'], io)).toBe(1);
    expect(io.out()).toMatch(new RegExp(`^::error title=NET006,file=infra/specs/bad\\.platform\\.yaml,line=${line},endLine=${line},col=\\d+,endColumn=\\d+::overlay MTU 9001`, 'm'));
    expect(io.out()).toContain('1 error, 0 warnings in 2 specs');
    const sarif = JSON.parse(readFileSync(join(project, 'out.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toEqual(['NET006']);
  });

  it('is a usage error when the SARIF file cannot be written, and says so', async () => {
    const project = join(repo, 'valid');
    mkdirSync(join(project, 'specs'), { recursive: true });
    copyFileSync(new URL('../../specs/minimal.platform.yaml', import.meta.url), join(project, 'specs', 'ok.platform.yaml'));
    const valid = memoryIo(project);
    expect(await runCli(['validate', '--no-lint', '--sarif', 'out.sarif'], valid)).toBe(0);
    const io = memoryIo(project);
    expect(await runCli(['validate', '--no-lint', '--sarif', join(project, 'no', 'such', 'dir', 'x.sarif')], io)).toBe(2);
    expect(io.err()).toContain('cannot write');
  });
});
