/**
 * On Node 20 the AWS SDK prints a Node warning when its first client is made ("versions published after the first
 * week of January 2027 will require node >=22", with Node's `--trace-warnings` advice) into the middle of deploy's
 * preview and progress. It is about SDK releases platformc may take up later, which its `engines` field will follow;
 * nothing a deploy can act on. It is switched off through the SDK's own setting unless the user set that already.
 */
export function quietSdkNodeNotice(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
