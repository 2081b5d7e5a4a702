// Types of synthetic-spec.mjs for the TypeScript tests that share it with the benchmark.
export interface SyntheticShape {
  readonly environments: number;
  readonly hypervisors: number | readonly number[];
  readonly roles?: number;
  readonly routing?: boolean;
  readonly pipeline?: boolean;
}
export function syntheticSpecValue(shape: SyntheticShape): Record<string, unknown>;
export function syntheticSpec(shape: SyntheticShape): string;
