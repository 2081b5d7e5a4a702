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
