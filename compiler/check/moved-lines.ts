/**
 * Source maps that changed only because the spec's lines moved. Any edit that adds or removes a line shifts every
 * `file:line:col` below it, so one new environment changes the source map of every stack of every environment;
 * their diffs would bury the change that matters. Such files are still stale (check still fails, the fix is the
 * same), but `check` names them as moved rather than showing what is, line for line, a renumbering.
 */

/** `"location": "<file>:<line>:<col>"`, as canonical JSON writes a source map's locations. */
const LOCATION = /("location": "(?:[^"\\]|\\.)*?):\d+:\d+"/g;

/**
 * True when `path` is a source map whose committed and compiled texts are the same once every location's line and
 * column are left out: the same resources, paths and spec files, at other lines. A location moved to another file
 * is a real change.
 */
export function movedLinesOnly(path: string, committed: string, compiled: string): boolean {
  if (!path.endsWith('.sourcemap.json') || committed === compiled) return false;
  return withoutLines(committed) === withoutLines(compiled);
}

function withoutLines(text: string): string {
  return text.replace(LOCATION, '$1"');
}
