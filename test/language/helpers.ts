/**
 * Test builders for the language tests: the base fixture, line edits that keep line numbers stable, and a
 * one-call load + validate that resolves every finding to line and column.
 */
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { hintOf } from '../../compiler/diagnostics/hint.js';
import { loadSpec } from '../../compiler/load/load-spec.js';
import { positionOf } from '../../compiler/load/positions.js';
import { validateSpec } from '../../compiler/validate/validate-spec.js';

/** A spec using every section, one field per line, so a case can replace one line and name its position. */
export const BASE = readFileSync(new URL('./fixtures/base.platform.yaml', import.meta.url), 'utf8');

/** Replaces whole lines (1-based); a replacement may hold several lines, which shifts only the lines after it. */
export function withLines(edits: Readonly<Record<number, string>>, text: string = BASE): string {
  const lines = text.split('\n');
  for (const [number, replacement] of Object.entries(edits)) lines[Number(number) - 1] = replacement;
  return lines.join('\n');
}

export interface Located {
  readonly code: string;
  readonly severity: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
  readonly hint?: string;
}

/** Loads and validates `text`, returning every finding with its position resolved. */
export function check(text: string, file = 'specs/test.platform.yaml'): Located[] {
  const loaded = loadSpec({ file, text });
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  if (loaded.loaded) diagnostics.push(...validateSpec(loaded.loaded).diagnostics);
  return diagnostics.map((d) => {
    const position = d.position ?? (loaded.loaded ? positionOf(loaded.loaded, d.path) : { line: 0, col: 0 });
    return { code: d.code, severity: d.severity, line: position.line, col: position.col, message: d.message, ...(hintOf(d) !== undefined ? { hint: hintOf(d) } : {}) };
  });
}

/** One row of a rule table: edit the base, expect this code at this line and column. */
export interface RuleCase {
  readonly name: string;
  readonly edit: Readonly<Record<number, string>>;
  readonly code: string;
  readonly line: number;
  readonly col: number;
  /** Text the message or hint must contain. */
  readonly says?: string;
}
