/**
 * Whether this machine can run the overlay harness: root (to create namespaces), a kernel with VXLAN, and a way
 * to send ICMP echo requests with DF set (the iputils `ping`, or python3 for the harness's own). The probe builds
 * a VXLAN interface in a throwaway namespace, exactly the kind the harness needs, instead of guessing from module
 * lists.
 */
import type { Pinger } from './checks.js';
import { run } from './exec.js';
import { addNamespace, deleteNamespaces, inNamespace, runPrefix } from './netns.js';

export type Support =
  | { readonly supported: true; readonly pinger: Pinger }
  | { readonly supported: false; readonly reason: string };

/** The iputils ping when installed (or unless PLATFORMC_OVERLAY_PING=python), else the harness's own. */
async function choosePinger(): Promise<Pinger | undefined> {
  const ping = await run('ping', ['-V']);
  if (process.env.PLATFORMC_OVERLAY_PING !== 'python' && ping.code === 0 && /iputils/i.test(ping.stdout + ping.stderr)) return 'iputils';
  const python = await run('python3', ['--version']);
  return python.code === 0 ? 'python' : undefined;
}

/** Says whether the harness can run here and, if not, why (the reason is printed with the skip). */
export async function probeOverlaySupport(): Promise<Support> {
  if (process.platform !== 'linux') return { supported: false, reason: `network namespaces need Linux (this is ${process.platform})` };
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return { supported: false, reason: 'creating network namespaces needs root (run as root, or in a privileged CI job)' };
  }
  const pinger = await choosePinger();
  if (pinger === undefined) return { supported: false, reason: 'neither the iputils ping nor python3 is installed' };
  const name = `${runPrefix()}probe`;
  try {
    await addNamespace(name);
    const vxlan = await inNamespace(name, 'ip', ['link', 'add', 'probevx', 'type', 'vxlan', 'id', '5', 'dstport', '4789', 'group', '239.1.1.1', 'dev', 'lo']);
    if (vxlan.code !== 0) return { supported: false, reason: `the kernel cannot create a VXLAN interface: ${vxlan.stderr.trim()}` };
    // The router's script forwards the management UI with nftables (.ci/run installs it where it is missing).
    const nft = await inNamespace(name, 'nft', ['list', 'tables']);
    if (nft.code !== 0) return { supported: false, reason: `nft (nftables), which the router's script uses, cannot run: ${nft.stderr.trim() || 'not installed'}` };
    return { supported: true, pinger };
  } catch (error) {
    return { supported: false, reason: `cannot create a network namespace: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await deleteNamespaces(name);
  }
}
