/**
 * The README shows the example's `dev` environment as `platformc graph` draws it; the picture must be what the
 * command prints today (refresh it with `platformc graph --env dev specs/cloudstack.platform.yaml`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { platformc, REPO } from './cli-driver.js';
import { mermaidError } from '../tooling/mermaid-parser.js';

describe('README diagram', () => {
  it("is the current output of platformc graph for the example's dev environment", async () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf("### The example's `dev` environment"));
    const shown = /```mermaid\n([\s\S]*?)```\n/.exec(section)?.[1];
    const run = await platformc(REPO, ['graph', '--env', 'dev', 'specs/cloudstack.platform.yaml']);
    expect(run.code, run.stderr).toBe(0);
    expect(shown).toBe(run.stdout);
    // And it is a diagram GitHub draws: Mermaid's own parser accepts it.
    expect(await mermaidError(shown ?? '')).toBeUndefined();
  });
});

describe('graph over a project of several platforms', () => {
  it('refuses to print two diagrams as one document, naming the specs to choose from', async () => {
    const run = await platformc(REPO, ['graph', '--format', 'dot']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('cloudstack (specs/cloudstack.platform.yaml)');
    expect(run.stderr).toContain('minimal (specs/minimal.platform.yaml)');
  });

  it('draws the one platform that has the environment asked for', async () => {
    const run = await platformc(REPO, ['graph', '--format', 'dot', '--env', 'prod']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.match(/^digraph /gm)).toHaveLength(1);
  });
});
