/**
 * The user data as cloud-init reads it, with cloud-init itself as the oracle (Debian package, installed by
 * `.ci/setup-system.sh`): its processor must find exactly the cloud-config part and the script, byte for byte;
 * its schema must accept the cloud-config; and its module reader must resolve every final-stage module listed,
 * with the user data scripts at every boot and every other module at its own frequency.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderUserData, renderUserDataScript } from '../../compiler/expand/hosts-user-data.js';
import { findTool, skipNote, TOOLS_REQUIRED } from '../support/external-tools.js';
import { platform } from './builders.js';

const cloudInit = findTool('cloud-init');
const HELPER = fileURLToPath(new URL('../support/cloud-init-user-data.py', import.meta.url));

interface Part {
  readonly type: string;
  readonly payload: string;
  readonly schemaErrors?: readonly string[];
  readonly finalModules?: {
    readonly listed: readonly string[];
    readonly resolved: readonly { readonly name: string; readonly frequency: string; readonly default: string }[];
  };
}

/** The Python cloud-init runs with, from its entry point's `#!` line. */
function cloudInitPython(path: string): string {
  const first = readFileSync(path, 'utf8').split('\n', 1)[0] ?? '';
  return first.startsWith('#!') ? first.slice(2).trim().split(/\s+/)[0] ?? 'python3' : 'python3';
}

function readByCloudInit(userData: string): Part[] {
  const result = spawnSync(cloudInitPython(cloudInit ?? ''), [HELPER], { input: userData, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Part[];
}

const run = cloudInit !== undefined || TOOLS_REQUIRED ? it : it.skip;

describe('user data read by cloud-init', () => {
  const p = platform();
  run(`splits into the cloud-config and the exact script for every host${skipNote('cloud-init', cloudInit)}`, () => {
    expect(cloudInit, 'cloud-init is installed by .ci/setup-system.sh').toBeDefined();
    for (const e of p.environments) {
      for (const host of e.hosts) {
        const parts = readByCloudInit(renderUserData(p, e, host));
        expect(parts.map((part) => part.type), `${e.name} ${host.id}`).toEqual(['text/cloud-config', 'text/x-shellscript']);
        expect(parts[1]?.payload).toBe(renderUserDataScript(p, e, host));
      }
    }
  });

  run(`runs the script at every boot and leaves every other final module as it was${skipNote('cloud-init', cloudInit)}`, () => {
    const e = p.environments[0]!;
    const [config] = readByCloudInit(renderUserData(p, e, e.hosts[0]!));
    expect(config?.schemaErrors).toEqual([]);
    const modules = config?.finalModules;
    expect(modules?.resolved.map((m) => m.name), 'every listed module exists in cloud-init').toEqual(modules?.listed);
    expect(modules?.resolved.find((m) => m.name === 'scripts-user')).toEqual({ name: 'scripts-user', frequency: 'always', default: 'once-per-instance' });
    for (const m of modules?.resolved.filter((x) => x.name !== 'scripts-user') ?? []) expect(m.frequency, m.name).toBe(m.default);
    expect(modules?.listed).toContain('scripts-per-boot');
  });
});
