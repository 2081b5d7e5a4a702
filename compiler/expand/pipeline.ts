/**
 * The pipeline stack of an environment. In a pipeline's home environment it holds the pipeline (pipeline-home.ts);
 * in every environment a pipeline deploys to it holds the deploy role, the CloudFormation execution role and
 * the template bucket (pipeline-target.ts). Pipeline stacks are bootstrapped with `platformc deploy`; the
 * pipelines deploy every other stack.
 */
import type { ExpandContext, Expander, Fragment, FragmentParameter, FragmentResource } from './fragment.js';
import { homeResources } from './pipeline-home.js';
import { deployersOf, targetResources } from './pipeline-target.js';

/** Expands the pipeline stack of one environment; empty when no pipeline lives in or deploys to it. */
export const expandPipeline: Expander = (context: ExpandContext): readonly Fragment[] => {
  const { platform, env } = context;
  const resources: FragmentResource[] = [];
  const parameters: FragmentParameter[] = [];
  for (const pipeline of platform.pipelines) {
    const source = platform.spec.pipelines?.[pipeline.name]?.source;
    if (pipeline.home !== env.name || source === undefined) continue;
    const home = homeResources(platform, env, pipeline, source);
    resources.push(...home.resources);
    parameters.push(...home.parameters);
  }
  const deployers = deployersOf(platform, env);
  if (deployers.length > 0) resources.push(...targetResources(platform, env, deployers));
  return resources.length === 0 ? [] : [{ stack: 'pipeline', resources, parameters }];
};
