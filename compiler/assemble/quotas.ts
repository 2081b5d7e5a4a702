/**
 * CloudFormation's per-template quotas, in one place: `assemble` and `compile` report COMPILE004 for a stack over
 * one of them.
 */
export const QUOTAS = {
  resources: 500,
  parameters: 200,
  outputs: 200,
  /** Template body in bytes (the limit for a template uploaded through S3, as cfn-lint checks it). */
  templateBytes: 1_000_000,
} as const;

/**
 * The body-size quota, checked on the emitted template text (exact, and already serialized). Returns the
 * stacks whose template is over the limit with their size in bytes.
 */
export function oversizedTemplates(files: readonly { readonly path: string; readonly content: string }[]): { path: string; bytes: number }[] {
  const over: { path: string; bytes: number }[] = [];
  for (const f of files) {
    if (!f.path.endsWith('.template.json') || f.content.length * 3 <= QUOTAS.templateBytes) continue;
    const bytes = Buffer.byteLength(f.content);
    if (bytes > QUOTAS.templateBytes) over.push({ path: f.path, bytes });
  }
  return over;
}
