/**
 * CloudFormation's per-template quotas, in one place: `assemble` packs resources into stacks below them and
 * reports COMPILE004 when a stack cannot be brought under them.
 */
export const QUOTAS = {
  resources: 500,
  parameters: 200,
  outputs: 200,
  /** Template body in bytes (the limit for a template uploaded through S3, as cfn-lint checks it). */
  templateBytes: 1_000_000,
} as const;

/**
 * Packing works on an estimate of each resource's share of the template; this keeps room for what assembly adds
 * afterwards (imports, outputs, parameters) so the exact check after assembly rarely fails.
 */
export const PACKING_BYTES = Math.floor(QUOTAS.templateBytes * 0.85);

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
