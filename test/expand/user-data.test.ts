import { execFileSync, spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bridgeMac, heredocDelimiter, mimeBoundary, renderOverlayScript, renderUserData, renderUserDataScript, shellQuote } from '../../compiler/expand/hosts-user-data.js';
import type { Environment, Platform } from '../../compiler/model/platform.js';
import { env, platform, spec } from './builders.js';
import { expectGolden } from './golden.js';
import { findTool, skipNote, TOOLS_REQUIRED } from '../support/external-tools.js';

const shellcheck = findTool('shellcheck');

function bashSyntaxOk(script: string): { ok: boolean; stderr: string } {
  const result = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
  return { ok: result.status === 0, stderr: result.stderr };
}

/** What bash makes of a quoted word: the exact bytes it passes to a command. */
function bashWord(quoted: string): string {
  return execFileSync('bash', ['-c', `printf '%s' ${quoted}`], { encoding: 'utf8' });
}

const HOSTILE = [
  "it's",
  "'; rm -rf / #",
  '$(touch /tmp/pwned)',
  '`id`',
  '"double" and \\backslash\\',
  'line one\nline two',
  '${HOME} $PATH !! *',
  "''''",
  '',
];

describe('shellQuote', () => {
  it.each(HOSTILE)('passes %j through bash unchanged', (value) => {
    expect(bashWord(shellQuote(value))).toBe(value);
  });

  it('keeps any printable string intact', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), (value) => {
        expect(bashWord(shellQuote(value))).toBe(value);
      }),
      { numRuns: 100 },
    );
  });
});

describe('overlay script', () => {
  const p = platform();
  const prod = env(p, 'prod');

  it.each(prod.hosts.map((h) => [h.id, h]))('%s renders as in the golden file', (id, host) => {
    expectGolden(`overlay-prod-${id}.sh`, renderOverlayScript(p, prod, host));
  });

  it('every rendered script of every environment passes bash -n', () => {
    for (const e of p.environments) {
      for (const host of e.hosts) {
        for (const script of [renderOverlayScript(p, e, host), renderUserDataScript(p, e, host)]) {
          expect(bashSyntaxOk(script)).toEqual({ ok: true, stderr: '' });
        }
      }
    }
  });

  // shellcheck as the oracle beyond bash -n: quoting, word splitting, unused or unset variables, at its
  // strictest level. The overlay script is checked on its own too: inside the user data it is heredoc data.
  const runShellcheck = shellcheck !== undefined || TOOLS_REQUIRED ? it : it.skip;
  runShellcheck(`every rendered script of every environment passes shellcheck${skipNote('shellcheck', shellcheck)}`, () => {
    expect(shellcheck, 'shellcheck is installed by .ci/setup-system.sh').toBeDefined();
    const hostile: Platform = platform({ network: { ...spec().network, underlayInterface: "eth0'; touch /tmp/pwned; echo '\n$(id)" } });
    // The hostile value holds `$(id)` on purpose, which must stay literal: SC2016 ("expressions don't expand in
    // single quotes") is exactly what the quoting is for there.
    for (const [q, exclude] of [[p, []], [hostile, ['--exclude=SC2016']]] as const) {
      for (const e of q.environments) {
        for (const host of e.hosts) {
          for (const script of [renderOverlayScript(q, e, host), renderUserDataScript(q, e, host)]) {
            const result = spawnSync(shellcheck ?? 'shellcheck', ['--severity=style', '--shell=bash', ...exclude, '-'], { input: script, encoding: 'utf8' });
            expect({ status: result.status, findings: result.stdout }, `${e.name} ${host.id}`).toEqual({ status: 0, findings: '' });
          }
        }
      }
    }
  });

  it('forwards on the router only and sets the default route everywhere else', () => {
    const [router, management] = prod.hosts;
    const routerScript = renderOverlayScript(p, prod, router!);
    const managementScript = renderOverlayScript(p, prod, management!);
    expect(routerScript).toContain('sysctl -qw net.ipv4.ip_forward=1');
    expect(routerScript).not.toContain('default via');
    expect(managementScript).toContain('sysctl -qw net.ipv4.ip_forward=0');
    expect(managementScript).toContain("ip route replace default via '172.16.0.1' dev cloudbr0");
    expect(managementScript).toContain("ip address add '172.16.0.2/16' dev cloudbr0");
    expect(routerScript).toContain(
      "ip link add ethvxlan0 type vxlan id '100' dstport '4789' group '239.255.0.1' dev 'eth0'",
    );
    expect(routerScript).toContain("sysctl -qw 'net.ipv4.conf.eth0.force_igmp_version=2'");
  });

  it('quotes a hostile underlay interface name so the script still parses and keeps it as one word', () => {
    const hostile = "eth0'; touch /tmp/pwned; echo '\n$(id)";
    const evil: Platform = platform({ network: { ...spec().network, underlayInterface: hostile } });
    const e: Environment = env(evil, 'dev');
    for (const host of e.hosts) {
      const script = renderOverlayScript(evil, e, host);
      expect(bashSyntaxOk(script).ok).toBe(true);
      expect(bashSyntaxOk(renderUserDataScript(evil, e, host)).ok).toBe(true);
      const quoted = script.split("group '239.255.0.1' dev ")[1]!.split('\nip link set')[0]!;
      expect(bashWord(quoted)).toBe(hostile);
    }
  });

  it.each(['@@platformc-slot-address@@', '@@platformc-slot1-hostId@@ @@platformc-slot-address@@'])(
    'never takes a spec value that looks like a slot (%s) for one',
    (name) => {
      const tricky = platform({ network: { ...spec().network, underlayInterface: name } });
      const e = env(tricky, 'dev');
      const script = renderOverlayScript(tricky, e, e.hosts[1]!);
      expect(script).toContain(`dev ${shellQuote(name)}\n`);
      expect(script).toContain("ip address add '172.16.0.2/16' dev cloudbr0");
    },
  );

  it('wraps the script in MIME multi-part after a cloud-config part, with a boundary the script does not hold', () => {
    const host = prod.hosts[2]!;
    const userData = renderUserData(p, prod, host);
    const script = renderUserDataScript(p, prod, host);
    expect(userData.startsWith('Content-Type: multipart/mixed; boundary="==PLATFORMC_BOUNDARY=="\nMIME-Version: 1.0\n')).toBe(true);
    expect(userData).toContain(`Content-Type: text/x-shellscript\n\n${script}\n--==PLATFORMC_BOUNDARY==--\n`);
    expect(script).toContain(`<<'PLATFORMC_OVERLAY_EOF'\n${renderOverlayScript(p, prod, host)}PLATFORMC_OVERLAY_EOF\n`);
    expect(mimeBoundary('a ==PLATFORMC_BOUNDARY== b ==PLATFORMC_BOUNDARY_1==')).toBe('==PLATFORMC_BOUNDARY_2==');
  });

  it.each([
    ['172.16.0.1', '02:00:ac:10:00:01'],
    ['100.64.3.255', '02:00:64:40:03:ff'],
  ])('gives the bridge of %s the fixed MAC %s', (address, mac) => {
    expect(bridgeMac(address)).toBe(mac);
  });

  it('gives every host of an environment its own bridge MAC', () => {
    const scripts = prod.hosts.map((host) => renderOverlayScript(p, prod, host).match(/cloudbr0 address '([0-9a-f:]+)'/)?.[1]);
    expect(new Set(scripts).size).toBe(prod.hosts.length);
  });

  it.each([
    ['a\nb\n', 'PLATFORMC_OVERLAY_EOF'],
    ['x\nPLATFORMC_OVERLAY_EOF\nPLATFORMC_OVERLAY_EOF_1\n', 'PLATFORMC_OVERLAY_EOF_2'],
    ['PLATFORMC_OVERLAY_EOF\nx\n', 'PLATFORMC_OVERLAY_EOF_1'],
    ['x\nPLATFORMC_OVERLAY_EOF', 'PLATFORMC_OVERLAY_EOF_1'],
    ['PLATFORMC_OVERLAY_EOF', 'PLATFORMC_OVERLAY_EOF_1'],
    ['x\n\nPLATFORMC_OVERLAY_EOF\n\n', 'PLATFORMC_OVERLAY_EOF_1'],
    ['echo PLATFORMC_OVERLAY_EOF\n', 'PLATFORMC_OVERLAY_EOF'],
    ['PLATFORMC_OVERLAY_EOF_1\n PLATFORMC_OVERLAY_EOF\nPLATFORMC_OVERLAY_EOFX\n', 'PLATFORMC_OVERLAY_EOF'],
    ['PLATFORMC_OVERLAY_EOFPLATFORMC_OVERLAY_EOF\nPLATFORMC_OVERLAY_EOF\n', 'PLATFORMC_OVERLAY_EOF_1'],
    ['', 'PLATFORMC_OVERLAY_EOF'],
  ])('picks a heredoc delimiter that is not a line of %j: %s', (script, delimiter) => {
    expect(heredocDelimiter(script)).toBe(delimiter);
    expect(`\n${script}\n`).not.toContain(`\n${delimiter}\n`);
  });
});
