/**
 * GitHub's own toolkit (@actions/core) as the oracle for workflow commands: what it prints for one annotation.
 */
import * as core from '@actions/core';

export type ToolkitLevel = 'error' | 'warning' | 'notice';
export type ToolkitProperties = core.AnnotationProperties;

/** The exact line @actions/core writes for `core[level](message, properties)`. */
export function toolkitAnnotation(level: ToolkitLevel, message: string, properties: ToolkitProperties): string {
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    core[level](message, properties);
  } finally {
    process.stdout.write = write;
  }
  return out;
}
