/**
 * Whether this machine can run the overlay harness: root (to create namespaces), a kernel with VXLAN, and the
 * iputils `ping` with `-M do`. The probe builds a VXLAN interface in a throwaway namespace, exactly the kind the
 * harness needs, instead of guessing from module lists.
 */
import { run } from './exec.js';
import { addNamespace, deleteNamespaces, inNamespace, runPrefix } from './netns.js';

export type Support = { readonly supported: true } | { readonly supported: false; readonly reason: string };

export async function probeOverlaySupport(): Promise<Support> {
  if (process.platform !== 'linux') return { supported: false, reason: `network namespaces need Linux (this is ${process.platform})` };
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return { supported: false, reason: 'creating network namespaces needs root (run as root, or in a privileged CI job)' };
  }
  const ping = await run('ping', ['-V']);
  if (ping.code !== 0 || !/iputils/i.test(ping.stdout + ping.stderr)) {
    return { supported: false, reason: 'the iputils ping is missing (apt-get install iputils-ping)' };
  }
  const name = `${runPrefix()}probe`;
  try {
    await addNamespace(name);
    const vxlan = await inNamespace(name, 'ip', ['link', 'add', 'probevx', 'type', 'vxlan', 'id', '5', 'dstport', '4789', 'group', '239.1.1.1', 'dev', 'lo']);
    if (vxlan.code !== 0) return { supported: false, reason: `the kernel cannot create a VXLAN interface: ${vxlan.stderr.trim()}` };
    return { supported: true };
  } catch (error) {
    return { supported: false, reason: `cannot create a network namespace: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await deleteNamespaces(name);
  }
}
