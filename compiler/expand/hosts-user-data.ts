/**
 * User data of the overlay hosts, rendered from the Handlebars templates in `templates/`. The overlay part is a
 * script of its own (`renderOverlayScript`) so that it can be run as it is elsewhere, for example by the overlay
 * test harness inside network namespaces; the user data script installs that exact text and a boot-time unit for
 * it. The user data itself is a MIME multi-part document (`user-data.mime.hbs`): a cloud-config part that makes
 * cloud-init run the script at every boot, not only the first, and the script.
 *
 * Every value that reaches a script goes through the `shq` helper, which single-quotes it for the shell. Comments
 * only ever hold values of our own (host id and role): a quoted newline would end a comment and start a command.
 */
import type { Environment, Host, HostRole, Platform } from '../model/platform.js';
import { addressAt } from '../normalize/addresses.js';
import { MANAGEMENT_UI_PORT } from '../model/routing-targets.js';
import { loadTemplates, shellQuote } from './user-data-templates.js';

export { shellQuote };

/** Loaded once, on first use: the templates are part of the program, like its code. */
let loaded: ReturnType<typeof loadTemplates> | undefined;
const templates = (): ReturnType<typeof loadTemplates> => (loaded ??= loadTemplates());

/**
 * Values that differ from host to host. The templates are rendered once per kind of host with a slot in place of
 * each; every host then gets a copy with its own values filled in. A slot sits where the template quotes the
 * value, so the quoted slot is swapped for the quoted value: the quoting is exactly what `shq` gives.
 */
interface HostValues {
  readonly hostId: string;
  readonly address: string;
  readonly mac: string;
  readonly hostname: string;
}

type SlotName = keyof HostValues | 'overlayScript' | 'delimiter' | 'script' | 'boundary';

/**
 * The slot marker for an environment: one that no spec string rendered into its templates contains, so a spec
 * value can never be taken for a slot. Only the underlay interface name is free text; the rest are numbers and
 * addresses.
 */
function slotMarker(env: Environment): string {
  return unusedName((n) => `@@platformc-slot${n === 0 ? '' : n}`, (marker) => env.overlay.underlayInterface.includes(marker));
}

/** The first of `name(0)`, `name(1)`, ... that is not `taken`: markers, delimiters and boundaries no text holds. */
function unusedName(name: (n: number) => string, taken: (candidate: string) => boolean): string {
  let n = 0;
  while (taken(name(n))) n += 1;
  return name(n);
}

function slot(marker: string, name: SlotName): string {
  return `${marker}-${name}@@`;
}

/** Text rendered once for a kind of host: literal pieces, and the slots between them, quoted or bare. */
type SlottedText = readonly (string | { readonly slot: SlotName; readonly quoted: boolean })[];

function splitSlots(text: string, marker: string): SlottedText {
  const parts: (string | { slot: SlotName; quoted: boolean })[] = [];
  const pattern = new RegExp(`'${marker}-(\\w+)@@'|${marker}-(\\w+)@@`, 'g');
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(text.slice(last, match.index));
    parts.push(match[1] === undefined ? { slot: match[2] as SlotName, quoted: false } : { slot: match[1] as SlotName, quoted: true });
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

/**
 * One host's copy: a quoted slot gets the shell-quoted value, a bare slot the value as it is (bare slots only
 * hold our own host ids and generated text, never spec strings).
 */
function fill(text: SlottedText, values: Partial<Record<SlotName, string>>): string {
  return text.map((part) => (typeof part === 'string' ? part : part.quoted ? shellQuote(values[part.slot] ?? '') : (values[part.slot] ?? ''))).join('');
}

/**
 * A locally administered unicast MAC for a host's bridge, from its overlay address: `172.16.0.2` ->
 * `02:00:ac:10:00:02`. Unique on the overlay because the addresses are, and the same on every run and boot.
 */
export function bridgeMac(overlayAddress: string): string {
  const octets = overlayAddress.split('.').map((part) => Number(part).toString(16).padStart(2, '0'));
  return ['02', '00', ...octets].join(':');
}

function hostValues(platform: Platform, env: Environment, host: Host): HostValues {
  return {
    hostId: host.id,
    address: `${host.overlayAddress}/${env.overlay.prefixLength}`,
    mac: bridgeMac(host.overlayAddress),
    hostname: `${platform.name}-${env.name}-${host.id}`,
  };
}

function overlayTemplate(env: Environment, role: HostRole, marker: string): string {
  const overlay = env.overlay;
  // Addresses and a port platformc computed itself (never spec text), so they can stand in nft syntax as they are.
  const management = env.hosts.find((host) => host.role === 'management');
  return templates().overlay({
    uiPort: MANAGEMENT_UI_PORT,
    overlayCidr: `${addressAt(overlay.cidr, 0)}/${overlay.prefixLength}`,
    managementAddress: management?.overlayAddress ?? overlay.gateway,
    hostId: slot(marker, 'hostId'),
    role,
    isRouter: role === 'router',
    underlayInterface: overlay.underlayInterface,
    igmpSetting: `net.ipv4.conf.${overlay.underlayInterface}.force_igmp_version=2`,
    netmask: overlay.netmask,
    vni: overlay.vni,
    port: overlay.port,
    multicastGroup: overlay.multicastGroup,
    mtu: overlay.mtu,
    address: slot(marker, 'address'),
    mac: slot(marker, 'mac'),
    gateway: overlay.gateway,
  });
}

function userDataTemplate(role: HostRole, marker: string): string {
  return templates().userData({
    hostId: slot(marker, 'hostId'),
    role,
    hostname: slot(marker, 'hostname'),
    overlayScript: slot(marker, 'overlayScript'),
    delimiter: slot(marker, 'delimiter'),
  });
}

function mimeTemplate(marker: string): string {
  return templates().mime({ script: slot(marker, 'script'), boundary: slot(marker, 'boundary') });
}

/** A MIME boundary that does not occur in `text` (RFC 2046: at most 70 characters, none of them special). */
export function mimeBoundary(text: string): string {
  return unusedName((n) => `==PLATFORMC_BOUNDARY${n === 0 ? '' : `_${n}`}==`, (boundary) => text.includes(boundary));
}

/** A heredoc delimiter that does not occur as a line of `text`, so the text is written out unchanged. */
export function heredocDelimiter(text: string): string {
  return unusedName((n) => `PLATFORMC_OVERLAY_EOF${n === 0 ? '' : `_${n}`}`, (delimiter) => hasLine(text, delimiter));
}

/** True when `line` is a whole line of `text`. Searched in place: no copy of a script per host. */
function hasLine(text: string, line: string): boolean {
  for (let at = text.indexOf(line); at >= 0; at = text.indexOf(line, at + 1)) {
    const end = at + line.length;
    if ((at === 0 || text.charCodeAt(at - 1) === 10) && (end === text.length || text.charCodeAt(end) === 10)) return true;
  }
  return false;
}

export interface HostScripts {
  readonly overlayScript: (host: Host) => string;
  /** The shell script part of the user data. */
  readonly userDataScript: (host: Host) => string;
  /** The whole user data: the cloud-config part and the script, as MIME multi-part. */
  readonly userData: (host: Host) => string;
}

/**
 * The scripts of every host of an environment. Each kind of host's templates are rendered once, on first use,
 * so a fleet of thousands costs one template render per kind, not per host.
 */
export function hostScripts(platform: Platform, env: Environment): HostScripts {
  const rendered = new Map<HostRole, { readonly overlay: SlottedText; readonly userData: SlottedText }>();
  const marker = slotMarker(env);
  let mime: SlottedText | undefined;
  const kind = (role: HostRole) => {
    let texts = rendered.get(role);
    if (texts === undefined) {
      texts = {
        overlay: splitSlots(overlayTemplate(env, role, marker), marker),
        userData: splitSlots(userDataTemplate(role, marker), marker),
      };
      rendered.set(role, texts);
    }
    return texts;
  };
  const overlayOf = (host: Host, values: HostValues): string =>
    fill(kind(host.role).overlay, { address: values.address, mac: values.mac, hostId: values.hostId });
  const overlayScript = (host: Host): string => overlayOf(host, hostValues(platform, env, host));
  const userDataScript = (host: Host): string => {
    // The host's values once, for both of its scripts.
    const values = hostValues(platform, env, host);
    const script = overlayOf(host, values);
    return fill(kind(host.role).userData, {
      hostId: values.hostId,
      hostname: values.hostname,
      overlayScript: script,
      delimiter: heredocDelimiter(script),
    });
  };
  const userData = (host: Host): string => {
    const script = userDataScript(host);
    mime ??= splitSlots(mimeTemplate(marker), marker);
    return fill(mime, { script, boundary: mimeBoundary(script) });
  };
  return { overlayScript, userDataScript, userData };
}

/**
 * The self-contained overlay script of one host: VXLAN interface, `cloudbr0` bridge with the host's overlay
 * address, IGMPv2, MTU, forwarding on the router only, default route via the router everywhere else. Takes no
 * arguments and needs only iproute2 and sysctl. This is the exact text the host's user data installs.
 */
export function renderOverlayScript(platform: Platform, env: Environment, host: Host): string {
  return hostScripts(platform, env).overlayScript(host);
}

/** The user data script of one host: installs the overlay script and its systemd unit, and runs it. */
export function renderUserDataScript(platform: Platform, env: Environment, host: Host): string {
  return hostScripts(platform, env).userDataScript(host);
}

/** The whole user data of one host: cloud-config (run the script at every boot) and the script, MIME multi-part. */
export function renderUserData(platform: Platform, env: Environment, host: Host): string {
  return hostScripts(platform, env).userData(host);
}
