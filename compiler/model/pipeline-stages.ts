/**
 * What a pipeline's stages mean where the spec writes them tersely: a stage is an environment name or
 * `{ env, approval }`, and a pipeline without `home` runs in its first stage's environment. Normalize and the
 * rules read them through here, so they cannot disagree.
 */
import type { PipelineSpec, StageSpec } from './spec.js';

/** The environment a stage deploys. */
export function stageEnv(stage: StageSpec): string {
  return typeof stage === 'string' ? stage : stage.env;
}

/** The environment the pipeline runs in: `home`, else its first stage's (undefined only without stages). */
export function pipelineHome(pipeline: PipelineSpec): string | undefined {
  const first = pipeline.stages[0];
  return pipeline.home ?? (first === undefined ? undefined : stageEnv(first));
}
