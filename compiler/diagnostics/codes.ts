/**
 * Diagnostic codes are stable: once published a code keeps its meaning. Each code is described by a CodeInfo
 * exported next to the rule that reports it; `code-registry.ts` gathers them into one readonly table, from which
 * the reference pages in docs/ are generated. Every code has a test that shows it.
 *
 * Groups: PARSE (reading the file), SCHEMA (shape), ENV, NET, HOST, LOG, DNS, IAM, PIPE, COMPILE, LINT, AA, DEPLOY.
 */
export interface CodeInfo {
  readonly code: string;
  readonly title: string;
  /** Why the rule exists, in one or two sentences. */
  readonly why: string;
  /** A minimal spec excerpt that triggers it. */
  readonly example: string;
  /** How to fix it. */
  readonly fix: string;
}
