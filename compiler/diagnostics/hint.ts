/**
 * The hint shown with a diagnostic: its own, written for the value at hand, or else the fix its code documents, so
 * that every finding in every format (text, JSON, SARIF, GitHub annotations) says what to do about it.
 */
import { codeInfo } from './code-registry.js';
import type { Diagnostic } from './diagnostic.js';

export function hintOf(diagnostic: Diagnostic): string | undefined {
  return diagnostic.hint ?? codeInfo(diagnostic.code)?.fix;
}
