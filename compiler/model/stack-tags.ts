/**
 * The tags platformc puts on every stack it deploys (CloudFormation copies them onto the resources): which platform
 * and environment a stack belongs to. Deploy finds an environment's left-over stacks by them.
 */
export const PLATFORM_TAG = 'platformc:platform';
export const ENVIRONMENT_TAG = 'platformc:environment';
