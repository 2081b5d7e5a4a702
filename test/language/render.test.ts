/**
 * The two output formats: text as `file:line:col: severity CODE: message` with the source line, a caret under the
 * spot and the hint; JSON with positions resolved.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { codeInfo } from '../../compiler/diagnostics/code-registry.js';
import { codeFrame, MAX_FRAME_WIDTH, renderDiagnostics } from '../../compiler/diagnostics/render.js';
import { loadSpec } from '../../compiler/load/load-spec.js';
import type { LoadedSpec } from '../../compiler/load/loaded-spec.js';

const FILE = 'specs/demo.platform.yaml';
const TEXT = 'network:\n  overlay: { cidr: 10.10.0.0/16, vni: 1 }\n';
const loaded = loadSpec({ file: FILE, text: TEXT }).loaded as LoadedSpec;
const sources = new Map([[FILE, loaded]]);
const overlap: Diagnostic = {
  code: 'NET002',
  severity: 'error',
  message: 'overlay 10.10.0.0/16 overlaps dev vpcCidr 10.10.0.0/16',
  file: FILE,
  path: ['network', 'overlay', 'cidr'],
  hint: 'choose an overlay range outside every vpcCidr',
};

describe('renderDiagnostics', () => {
  it('renders text with a code frame, an underline and the hint', () => {
    expect(renderDiagnostics([overlap], { sources, color: false, format: 'text' })).toBe([
      'specs/demo.platform.yaml:2:20: error NET002: overlay 10.10.0.0/16 overlaps dev vpcCidr 10.10.0.0/16',
      '  2 |   overlay: { cidr: 10.10.0.0/16, vni: 1 }',
      '    |                    ^^^^^^^^^^^^',
      '  hint: choose an overlay range outside every vpcCidr',
      '',
    ].join('\n'));
  });

  it('uses ANSI colors only when asked', () => {
    expect(renderDiagnostics([overlap], { sources, color: true, format: 'text' })).toContain('\u001b[');
    expect(renderDiagnostics([overlap], { sources, color: false, format: 'text' })).not.toContain('\u001b[');
  });

  it('renders a file-level finding without a position', () => {
    const missing: Diagnostic = { code: 'PARSE001', severity: 'error', message: 'x does not exist', file: 'x', path: [] };
    expect(renderDiagnostics([missing], { sources: new Map(), color: false, format: 'text' })).toBe(`x: error PARSE001: x does not exist\n  hint: ${codeInfo('PARSE001')?.fix ?? ''}\n`);
    // A spec can put any character into a message (a quoted key holds escapes): never a raw escape to the terminal.
    const hostile = { ...missing, message: 'environment name "a\u001b[2Jb\rc" is not valid', hint: 'bell\u0007', notes: ['nul\u0000'] };
    const shown = renderDiagnostics([hostile], { sources: new Map(), color: false, format: 'text' });
    expect(shown).toBe('x: error PARSE001: environment name "a\u241b[2Jb\u240dc" is not valid\n  hint: bell\u2407\n  note: nul\u2400\n');
  });

  it('gives a finding without a hint of its own the fix its code documents, in text and JSON', () => {
    const { hint: _own, ...bare } = overlap;
    const fix = codeInfo('NET002')?.fix ?? '';
    expect(fix).not.toBe('');
    expect(renderDiagnostics([bare], { sources, color: false, format: 'text' })).toContain(`\n  hint: ${fix}\n`);
    const json = JSON.parse(renderDiagnostics([bare], { sources, color: false, format: 'json' })) as { diagnostics: { hint?: string }[] };
    expect(json.diagnostics[0]?.hint).toBe(fix);
    // A code platformc does not know (none should reach here) has no hint rather than a made-up one.
    expect(renderDiagnostics([{ ...bare, code: 'X999' }], { sources, color: false, format: 'text' })).not.toContain('hint:');
  });

  it('renders notes and acknowledgements', () => {
    const text = renderDiagnostics([{ ...overlap, notes: ['first note'], acknowledged: 'accepted for the demo' }], { sources, color: false, format: 'text' });
    expect(text).toContain('  note: first note\n');
    expect(text).toContain('  acknowledged: accepted for the demo\n');
  });

  it('renders JSON with line and column resolved', () => {
    const json = JSON.parse(renderDiagnostics([overlap], { sources, color: false, format: 'json' })) as { diagnostics: unknown[] };
    expect(json.diagnostics).toEqual([{
      code: 'NET002',
      severity: 'error',
      message: overlap.message,
      file: FILE,
      line: 2,
      col: 20,
      endLine: 2,
      endCol: 32,
      path: ['network', 'overlay', 'cidr'],
      hint: overlap.hint,
    }]);
  });
});

describe('codeFrame on a long line', () => {
  const plainStyle = { caret: (t: string) => t, gutter: (t: string) => t };
  const line = `${'a'.repeat(500)}X${'b'.repeat(500)}`;

  it('shows a window around the finding, marked with ellipses, with the caret still under it', () => {
    const [source = '', caret = ''] = codeFrame(line, { file: FILE, line: 1, col: 501 }, plainStyle);
    const shown = source.slice('  1 | '.length);
    expect(shown.startsWith('…') && shown.endsWith('…')).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(MAX_FRAME_WIDTH + 2);
    expect(shown[caret.indexOf('^') - '  1 | '.length]).toBe('X');
  });

  it('leaves short lines whole', () => {
    expect(codeFrame('ab: c', { file: FILE, line: 1, col: 5 }, plainStyle)).toEqual(['  1 | ab: c', '    |     ^']);
    // Control characters print as their pictures, one column each, so the caret stays under them; tabs stay.
    expect(codeFrame('a:\tx\u0000\u001b\u007fy', { file: FILE, line: 1, col: 5 }, plainStyle)).toEqual(['  1 | a:\tx\u2400\u241b\u2421y', '    |   \t ^']);
  });
});
