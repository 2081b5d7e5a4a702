/**
 * The platforms under test, compiled by the real pipeline: every bundled spec (`specs/*.platform.yaml`), or the
 * starter spec of `platformc init` when the project has none, and a variant of the starter with other overlay values. For each host the harness runs the text of
 * `renderOverlayScript`, and checks first that the compiled template's user data installs exactly that text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { AssembledStack } from '../../compiler/assemble/stack.js';
import { compileSource } from '../../compiler/compile.js';
import { renderOverlayScript } from '../../compiler/expand/hosts-user-data.js';
import type { Json } from '../../compiler/model/cfn.js';
import type { Environment, Host, Platform } from '../../compiler/model/platform.js';
import { initFiles } from '../../compiler/tooling/init.js';

export type RenderOverlayScript = (platform: Platform, env: Environment, host: Host) => string;

export interface Example {
  readonly spec: string;
  readonly platform: Platform;
  readonly stacks: readonly AssembledStack[];
  readonly render: RenderOverlayScript;
}

const ROOT = new URL('../../', import.meta.url);

function specSources(): { file: string; text: string }[] {
  const dir = new URL('specs/', ROOT);
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.platform.yaml')).sort();
  } catch {
    names = [];
  }
  if (names.length > 0) return names.map((name) => ({ file: `specs/${name}`, text: readFileSync(new URL(name, dir), 'utf8') }));
  const [starter] = initFiles('starter');
  if (starter === undefined) throw new Error('platformc init has no starter spec');
  console.warn('overlay harness: no specs/*.platform.yaml yet, using the starter spec of platformc init');
  return [{ file: join('specs', 'starter.platform.yaml'), text: starter.content }];
}

/**
 * The init starter with every overlay value moved off the common defaults (another underlay interface name, VNI,
 * UDP port, group and a non-jumbo MTU), so the harness shows each of them flows from the spec to the hosts.
 */
function variantSource(): { file: string; text: string } {
  const document = parseDocument(initFiles('variant')[0]?.content ?? '');
  document.deleteIn(['environments', 'prod']);
  document.setIn(['hosts', 'hypervisors', 'count'], 2);
  document.deleteIn(['hosts', 'hypervisors', 'rollingBatch']);
  document.setIn(['network', 'underlayInterface'], 'ens5');
  document.setIn(['network', 'overlay', 'vni'], 4242);
  document.setIn(['network', 'overlay', 'port'], 8472);
  document.setIn(['network', 'overlay', 'multicastGroup'], '239.255.42.42');
  document.setIn(['network', 'overlay', 'mtu'], 1450);
  return { file: 'specs/variant.platform.yaml', text: document.toString() };
}

/**
 * Compiles the specs under test. The harness needs the normalized platform and the assembled hosts stacks; a spec
 * that does not get that far fails the harness with its diagnostics (findings of later stages are not its concern).
 */
export function loadExamples(): Example[] {
  return [...specSources(), variantSource()].map((source) => {
    const result = compileSource(source);
    if (result.platform === undefined || result.stacks === undefined) {
      throw new Error(`${source.file} does not compile: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
    }
    return { spec: source.file, platform: result.platform, stacks: result.stacks, render: renderOverlayScript };
  });
}

function collectUserData(value: Json | undefined, into: string[]): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value as readonly Json[]) collectUserData(item, into);
    return;
  }
  const object = value as { readonly [key: string]: Json };
  const userData = object.UserData;
  if (userData !== undefined && typeof userData === 'object' && userData !== null && !Array.isArray(userData)) {
    const text = (userData as { readonly [key: string]: Json })['Fn::Base64'];
    if (typeof text === 'string') into.push(text);
  }
  for (const child of Object.values(object)) collectUserData(child, into);
}

/** Every user data text of an environment's compiled templates (`UserData: {Fn::Base64: ...}`). */
export function userDataOf(example: Example, env: string): string[] {
  const texts: string[] = [];
  for (const stack of example.stacks.filter((each) => each.env === env)) {
    for (const resource of Object.values(stack.template.Resources)) collectUserData(resource.Properties, texts);
  }
  return texts;
}
