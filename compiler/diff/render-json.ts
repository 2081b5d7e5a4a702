/**
 * The diff as JSON for tools: the PlatformDiff value itself, two-space indented with a trailing newline.
 */
import type { PlatformDiff } from './model.js';

/** Machine-readable diff; the shape is the exported PlatformDiff type. */
export function renderDiffJson(diff: PlatformDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
