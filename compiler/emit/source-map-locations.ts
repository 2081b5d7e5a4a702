/**
 * Reading back what emit wrote: the `file:line:col` of each entry of one section of a source map (`resources`,
 * `statements`, ...), for the commands that read `generated/` (diff, deploy). A malformed section or entry gives
 * no location rather than an error: a damaged source map costs spec lines, never the command.
 */
export function sourceMapLocations(section: unknown): Record<string, string> {
  const locations: Record<string, string> = {};
  if (typeof section !== 'object' || section === null || Array.isArray(section)) return locations;
  for (const [key, entry] of Object.entries(section as Record<string, unknown>)) {
    const location = typeof entry === 'object' && entry !== null ? (entry as { location?: unknown }).location : undefined;
    if (typeof location === 'string') locations[key] = location;
  }
  return locations;
}
