/**
 * The gates deploy runs before touching AWS: generated/ must equal a fresh compile (what review saw is what
 * ships) and validation must not block. Passed in as functions so the command wires the real check and validate
 * steps and tests can give their own.
 */
export interface GateResult {
  /** False when the gate blocks the deploy. */
  readonly passed: boolean;
  /** Text to show (findings, stale files); empty when clean. */
  readonly report: string;
  /** Set when the gate could not run at all (its module is not available); deploy says so. */
  readonly unavailable?: string;
}

export interface DeployGates {
  fresh(options: { readonly cwd: string; readonly generatedDir: string }): Promise<GateResult>;
  validate(options: { readonly cwd: string; readonly env: string; readonly accessAnalyzer: boolean }): Promise<GateResult>;
}

/** Gates that always pass (tests of deploy itself, and `--no-checks` style use by other tools). */
export const OPEN_GATES: DeployGates = {
  fresh: async () => ({ passed: true, report: '' }),
  validate: async () => ({ passed: true, report: '' }),
};
