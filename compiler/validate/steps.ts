/**
 * `platformc validate` is a list of steps. The first, always, reads, parses and checks each spec (schema and
 * semantic rules); the steps in VALIDATE_STEPS then run on the specs that passed it (cfn-lint on the compiled
 * templates, IAM policy checks, Access Analyzer, ...). A step decides from the flags whether it runs.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../load/loaded-spec.js';
import type { PlatformSpec } from '../model/spec.js';
import { COMPILE_STEP, CFN_LINT_STEP } from '../lint/steps.js';
import { IAM_CHECK_STEP } from '../iam-checks/step.js';
import { ACCESS_ANALYZER_STEP } from '../access-analyzer/step.js';

/** Flags of the validate command, by their camelCase name as commander gives them. */
export type ValidateFlags = Readonly<Record<string, string | boolean | undefined>>;

/** One spec after the spec step: `spec` is set only when it has no blocking finding. */
export interface CheckedSpec {
  readonly file: string;
  readonly loaded?: LoadedSpec;
  readonly spec?: PlatformSpec;
  /** The semantic rules did not run: the spec's shape errors come first. */
  readonly rulesSkipped?: true;
}

export interface ValidateContext {
  readonly cwd: string;
  readonly flags: ValidateFlags;
  /** Every spec that was found, valid or not; steps usually work on those with `spec` set. */
  readonly specs: readonly CheckedSpec[];
}

export interface ValidateStep {
  /** Short name shown in progress and JSON output, e.g. "cfn-lint". */
  readonly name: string;
  /** Whether the step runs for these flags (e.g. only with --access-analyzer). Default: always. */
  readonly enabled?: (flags: ValidateFlags) => boolean;
  /** Runs the step; heavy modules are imported inside, so a disabled step costs nothing. */
  readonly run: (context: ValidateContext) => Promise<readonly Diagnostic[]>;
}

/** Steps after the spec check, in order. Add a step: one import and one entry. */
export const VALIDATE_STEPS: readonly ValidateStep[] = [
  COMPILE_STEP,
  CFN_LINT_STEP,
  IAM_CHECK_STEP,
  ACCESS_ANALYZER_STEP,
];
