/**
 * Turns diagnostics into what a person or a machine reads. Positions are resolved here, once, from the loaded
 * documents: `file:line:col: severity CODE: message`, the source line with a caret under the spot, and the hint.
 */
import pc from 'picocolors';
import type { LoadedSpec } from '../load/loaded-spec.js';
import { positionOf } from '../load/positions.js';
import type { Diagnostic, SourcePosition } from './diagnostic.js';
import { hintOf } from './hint.js';
import { printable } from './printable.js';

export interface RenderOptions {
  /** Loaded specs by file, for positions and code frames. */
  readonly sources: ReadonlyMap<string, LoadedSpec>;
  readonly color: boolean;
  readonly format: 'text' | 'json';
}

/** A diagnostic as written in JSON output: the position resolved, optional fields only when present. */
export interface DiagnosticRecord {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
  readonly endLine?: number;
  readonly endCol?: number;
  readonly path: readonly (string | number)[];
  readonly hint?: string;
  readonly notes?: readonly string[];
  readonly acknowledged?: string;
}

/** Renders all diagnostics in the requested format; text ends with a newline unless there is nothing to say. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], options: RenderOptions): string {
  if (options.format === 'json') {
    return `${JSON.stringify({ diagnostics: diagnostics.map((d) => diagnosticRecord(d, options.sources)) }, null, 2)}\n`;
  }
  return diagnostics.map((d) => renderText(d, options)).join('');
}

/** The JSON form of one diagnostic, with `line`/`col` looked up from the source when the path can be resolved. */
export function diagnosticRecord(diagnostic: Diagnostic, sources: ReadonlyMap<string, LoadedSpec>): DiagnosticRecord {
  const position = resolvePosition(diagnostic, sources);
  const hint = hintOf(diagnostic);
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    file: diagnostic.file,
    ...(position ? { line: position.line, col: position.col } : {}),
    ...(position?.endLine !== undefined ? { endLine: position.endLine, endCol: position.endCol } : {}),
    path: diagnostic.path,
    ...(hint !== undefined ? { hint } : {}),
    ...(diagnostic.notes !== undefined ? { notes: diagnostic.notes } : {}),
    ...(diagnostic.acknowledged !== undefined ? { acknowledged: diagnostic.acknowledged } : {}),
  };
}

/** Where a diagnostic points: its own position, or its spec path looked up in the loaded spec. */
export function resolvePosition(diagnostic: Diagnostic, sources: ReadonlyMap<string, LoadedSpec>): SourcePosition | undefined {
  if (diagnostic.position) return diagnostic.position;
  const loaded = sources.get(diagnostic.file);
  return loaded ? positionOf(loaded, diagnostic.path) : undefined;
}

function renderText(diagnostic: Diagnostic, options: RenderOptions): string {
  const c = pc.createColors(options.color);
  const position = resolvePosition(diagnostic, options.sources);
  const where = position ? `${diagnostic.file}:${position.line}:${position.col}` : diagnostic.file;
  const severity = diagnostic.severity.toLowerCase();
  const paint = severity === 'error' || severity === 'security_warning' ? c.red : severity === 'warning' ? c.yellow : c.blue;
  // A finding about no file (a git revision that does not exist) starts with its severity, as deploy's do.
  const prefix = where === '' ? '' : `${c.bold(printable(where))}: `;
  const lines = [`${prefix}${paint(c.bold(severity))} ${c.bold(diagnostic.code)}: ${printable(diagnostic.message)}`];
  const loaded = options.sources.get(diagnostic.file);
  if (position && loaded) lines.push(...codeFrame(loaded.text, position, { caret: (s) => paint(s), gutter: c.dim }));
  const hint = hintOf(diagnostic);
  if (hint) lines.push(`  ${c.cyan('hint')}: ${printable(hint)}`);
  for (const note of diagnostic.notes ?? []) lines.push(`  ${c.dim('note')}: ${printable(note)}`);
  if (diagnostic.acknowledged !== undefined) lines.push(`  ${c.dim('acknowledged')}: ${printable(diagnostic.acknowledged)}`);
  return `${lines.join('\n')}\n`;
}

interface FrameStyle {
  readonly caret: (text: string) => string;
  readonly gutter: (text: string) => string;
}

/** Longer source lines are shown as a window around the finding, so a minified or generated line stays readable. */
export const MAX_FRAME_WIDTH = 120;

/** The source line and a caret line underneath, underlining the finding when it stays on one line. */
export function codeFrame(text: string, position: SourcePosition, style: FrameStyle): string[] {
  const line = text.split(/\r?\n/)[position.line - 1];
  if (line === undefined) return [];
  const number = String(position.line);
  const gutter = ' '.repeat(number.length);
  const sameLine = position.endLine === undefined || position.endLine === position.line;
  let start = Math.max(0, Math.min(position.col - 1, line.length));
  let end = sameLine && position.endCol !== undefined ? Math.min(position.endCol - 1, line.length) : start + 1;
  let source = line;
  if (line.length > MAX_FRAME_WIDTH) {
    // A window that starts a little before the finding; an ellipsis marks each side that was cut.
    const from = Math.max(0, Math.min(start - 20, line.length - MAX_FRAME_WIDTH));
    const to = Math.min(line.length, from + MAX_FRAME_WIDTH);
    source = `${from > 0 ? '…' : ''}${line.slice(from, to)}${to < line.length ? '…' : ''}`;
    const shift = from > 0 ? from - 1 : 0;
    start -= shift;
    end = Math.min(end - shift, source.length);
  }
  // Tabs stay, so that the caret lines up; other control characters become their pictures.
  source = printable(source);
  const width = Math.max(1, end - start);
  // Keep tabs so the caret lines up under the same column the editor shows.
  const padding = source.slice(0, start).replace(/[^\t]/g, ' ');
  return [
    `${style.gutter(`  ${number} |`)} ${source}`,
    `${style.gutter(`  ${gutter} |`)} ${padding}${style.caret('^'.repeat(width))}`,
  ];
}
