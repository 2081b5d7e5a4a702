/**
 * What the user data script does at boot, run by bash in a scratch root: the paths it installs to are moved under
 * a temporary directory and `systemctl`/`hostnamectl` are stand-ins that log their arguments. The first boot
 * installs and starts; a boot with the same user data changes nothing and only starts (a no-op for a unit that
 * already ran); a boot after the overlay settings changed installs the new script and restarts the unit.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderOverlayScript, renderUserDataScript } from '../../compiler/expand/hosts-user-data.js';
import { env, platform, spec } from './builders.js';

const SCRIPT = '/usr/local/sbin/platformc-overlay';
const UNIT = '/etc/systemd/system/platformc-overlay.service';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'platformc-boot-'));
  mkdirSync(join(dir, 'bin'));
  for (const tool of ['systemctl', 'hostnamectl']) {
    writeFileSync(join(dir, 'bin', tool), `#!/bin/sh\necho "${tool} $*" >> "$BOOT_LOG"\n`);
    chmodSync(join(dir, 'bin', tool), 0o755);
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the user data script once, as a boot would, and returns the commands it gave systemd. */
function boot(userData: string): string[] {
  const log = join(dir, `boot-${Date.now()}-${Math.random()}.log`);
  writeFileSync(log, '');
  const script = userData
    .replace(`put ${SCRIPT} `, `put "$ROOT"${SCRIPT} `)
    .replace(`put ${UNIT} `, `put "$ROOT"${UNIT} `);
  expect(script, 'both install targets were moved under the scratch root').not.toMatch(new RegExp(`put (${SCRIPT}|${UNIT}) `));
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { HOME: dir, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`, ROOT: join(dir, 'root'), BOOT_LOG: log },
  });
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  return readFileSync(log, 'utf8').split('\n').filter((line) => line !== '');
}

describe('user data script at boot', () => {
  const p = platform();
  const dev = env(p, 'dev');
  const host = dev.hosts[1]!;

  it('installs the overlay script and its unit at the first boot, then enables and runs it', () => {
    const commands = boot(renderUserDataScript(p, dev, host));
    expect(readFileSync(join(dir, 'root', SCRIPT), 'utf8')).toBe(renderOverlayScript(p, dev, host));
    expect(readFileSync(join(dir, 'root', UNIT), 'utf8')).toContain(`ExecStart=${SCRIPT}\n`);
    expect(commands).toEqual([
      'systemctl daemon-reload',
      `hostnamectl set-hostname ${p.name}-dev-${host.id}`,
      'systemctl enable platformc-overlay.service',
      'systemctl restart platformc-overlay.service',
    ]);
  });

  it('changes nothing at a later boot with the same user data: no reload, no restart', () => {
    boot(renderUserDataScript(p, dev, host));
    expect(boot(renderUserDataScript(p, dev, host))).toEqual([
      `hostnamectl set-hostname ${p.name}-dev-${host.id}`,
      'systemctl enable platformc-overlay.service',
      'systemctl start platformc-overlay.service',
    ]);
  });

  it('installs the new script and restarts the unit at the boot after the overlay settings changed', () => {
    boot(renderUserDataScript(p, dev, host));
    const wider = platform({ network: { ...spec().network, overlay: { ...spec().network.overlay, mtu: 1450 } } });
    const widerDev = env(wider, 'dev');
    const commands = boot(renderUserDataScript(wider, widerDev, host));
    const installed = readFileSync(join(dir, 'root', SCRIPT), 'utf8');
    expect(installed).toBe(renderOverlayScript(wider, widerDev, host));
    expect(installed).toContain("mtu '1450'");
    expect(commands).toContain('systemctl restart platformc-overlay.service');
    expect(commands).not.toContain('systemctl daemon-reload');
  });
});
