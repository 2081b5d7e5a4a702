/**
 * User data of the overlay hosts, rendered from the Handlebars templates in `templates/`. The overlay part is a
 * script of its own (`renderOverlayScript`) so that it can be run as it is elsewhere, for example by the overlay
 * test harness inside network namespaces; the user data installs that exact text and a boot-time unit for it.
 *
 * Every value that reaches a script goes through the `shq` helper, which single-quotes it for the shell. Comments
 * only ever hold values of our own (host id and role): a quoted newline would end a comment and start a command.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Environment, Host, Platform } from '../model/platform.js';

/**
 * The templates stay in the source tree. This module runs from `compiler/expand/` (tests) and from
 * `dist/expand/` (the CLI); two levels up is the repository root in both cases.
 */
const TEMPLATE_DIR = new URL('../../compiler/expand/templates/', import.meta.url);

/** Quotes a value for the shell: `it's` -> `'it'\''s'`. Safe for any string, including newlines. */
export function shellQuote(value: string | number): string {
  return `'${String(value).replace(/'/g, `'\\''`)}'`;
}

type Render = (context: object) => string;

function compileTemplate(name: string): Render {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('shq', (value: unknown) => {
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new TypeError(`shq expects a string or number, got ${typeof value}`);
    }
    return shellQuote(value);
  });
  const text = readFileSync(fileURLToPath(new URL(name, TEMPLATE_DIR)), 'utf8');
  return handlebars.compile(text, { noEscape: true, strict: true });
}

/** Compiled once, when the module loads: the templates are part of the program, like its code. */
const TEMPLATES = {
  overlay: compileTemplate('overlay.sh.hbs'),
  userData: compileTemplate('user-data.sh.hbs'),
} as const;

/**
 * The self-contained overlay script of one host: VXLAN interface, `cloudbr0` bridge with the host's overlay
 * address, IGMPv2, MTU, forwarding on the router only, default route via the router everywhere else. Takes no
 * arguments and needs only iproute2 and sysctl.
 */
export function renderOverlayScript(platform: Platform, env: Environment, host: Host): string {
  const overlay = env.overlay;
  void platform; // in the signature so platform-wide settings can arrive without changing callers
  return TEMPLATES.overlay({
    hostId: host.id,
    role: host.role,
    isRouter: host.role === 'router',
    underlayInterface: overlay.underlayInterface,
    igmpSetting: `net.ipv4.conf.${overlay.underlayInterface}.force_igmp_version=2`,
    netmask: overlay.netmask,
    vni: overlay.vni,
    port: overlay.port,
    multicastGroup: overlay.multicastGroup,
    mtu: overlay.mtu,
    address: `${host.overlayAddress}/${overlay.prefixLength}`,
    gateway: overlay.gateway,
  });
}

/** A heredoc delimiter that does not occur as a line of `text`, so the text is written out unchanged. */
export function heredocDelimiter(text: string): string {
  const lines = new Set(text.split('\n'));
  let delimiter = 'PLATFORMC_OVERLAY_EOF';
  for (let n = 1; lines.has(delimiter); n += 1) delimiter = `PLATFORMC_OVERLAY_EOF_${n}`;
  return delimiter;
}

/** The whole user data script of one host: installs the overlay script and its systemd unit, then runs it. */
export function renderUserData(platform: Platform, env: Environment, host: Host): string {
  const overlayScript = renderOverlayScript(platform, env, host);
  return TEMPLATES.userData({
    hostId: host.id,
    role: host.role,
    hostname: `${platform.name}-${env.name}-${host.id}`,
    overlayScript,
    delimiter: heredocDelimiter(overlayScript),
  });
}
