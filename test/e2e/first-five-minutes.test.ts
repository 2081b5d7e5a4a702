/**
 * A new user's first session, from an empty directory: init -> validate -> compile -> check -> list -> explain ->
 * graph, each command checked for its exit code and what it tells the user. Then the ways it goes wrong.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshProject, platformc, userEnv, type Project } from './cli-driver.js';

const ANSI = /\u001b\[/;

describe('platformc from an empty directory', () => {
  const spec = 'specs/shop.platform.yaml';
  let project: Project;
  beforeAll(() => {
    project = freshProject();
  });
  afterAll(() => project.remove());

  it('init writes a commented starter spec and the CI workflow', async () => {
    const run = await platformc(project.dir, ['init', '--name', 'shop']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`created ${spec}`);
    expect(run.stdout).toContain('created .github/workflows/platformc.yml');
    const text = readFileSync(join(project.dir, spec), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    expect(text).toContain('platform: shop');
    expect(readFileSync(join(project.dir, '.github/workflows/platformc.yml'), 'utf8')).toContain('npx platformc check');
  });

  it('init refuses to overwrite and writes nothing', async () => {
    const before = readFileSync(join(project.dir, spec), 'utf8');
    const run = await platformc(project.dir, ['init', '--name', 'shop']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not overwriting');
    expect(readFileSync(join(project.dir, spec), 'utf8')).toBe(before);
  });

  it('validate accepts the starter spec as it is', async () => {
    const run = await platformc(project.dir, ['validate']);
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
  });

  it('compile writes templates, parameter files, source maps and the manifest', async () => {
    const run = await platformc(project.dir, ['compile']);
    expect(run.code, run.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(project.dir, 'generated/shop/manifest.json'), 'utf8')) as { environments: { name: string }[] };
    expect(manifest.environments.map((env) => env.name)).toEqual(['dev', 'prod']);
  });

  it('check finds generated/ current', async () => {
    const run = await platformc(project.dir, ['check']);
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
  });

  it('list shows every stack in deploy order, as a table and as JSON', async () => {
    const table = await platformc(project.dir, ['list']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^PLATFORM\s+ENV\s+ACCOUNT\s+REGION\s+STACK\s+STACK NAME\s+AFTER\s+PROTECTED$/);
    expect(table.stdout).toContain('shop-prod-hosts');
    const json = await platformc(project.dir, ['list', '--env', 'prod', '--format', 'json']);
    const rows = (JSON.parse(json.stdout) as { stacks: { env: string; stackName: string; terminationProtection: boolean }[] }).stacks;
    expect(new Set(rows.map((row) => row.env))).toEqual(new Set(['prod']));
    expect(rows.every((row) => row.terminationProtection)).toBe(true);
    const hosts = rows.findIndex((row) => row.stackName === 'shop-prod-hosts');
    const iam = rows.findIndex((row) => row.stackName === 'shop-prod-iam');
    expect(iam).toBeGreaterThanOrEqual(0);
    expect(hosts).toBeGreaterThan(iam);
  });

  it('explain goes from a spec path to resources and from a logical id back to the spec line', async () => {
    const forward = await platformc(project.dir, ['explain', 'hosts.router', '--env', 'dev', '--format', 'json']);
    expect(forward.code, forward.stderr).toBe(0);
    const answer = JSON.parse(forward.stdout) as { mode: string; matches: { id: string; type?: string; location: string }[] };
    expect(answer.mode).toBe('spec-path');
    const instance = answer.matches.find((match) => match.type === 'AWS::EC2::Instance');
    expect(instance?.location).toMatch(new RegExp(`^${spec}:\\d+:\\d+$`));
    const lineOfRouter = readFileSync(join(project.dir, spec), 'utf8').split('\n').findIndex((line) => line.startsWith('  router:')) + 1;
    // The router's node: its key line or the first line of its value.
    const line = Number(instance?.location.split(':')[1]);
    expect([lineOfRouter, lineOfRouter + 1]).toContain(line);

    const back = await platformc(project.dir, ['explain', instance?.id ?? '']);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain(`comes from hosts.router at ${instance?.location}`);

    // A line inside a node names the field it holds and answers with the node's resources.
    const specText = readFileSync(join(project.dir, spec), 'utf8').split('\n');
    const mtuLine = specText.findIndex((l) => /^\s+mtu:/.test(l)) + 1;
    const byMtu = await platformc(project.dir, ['explain', `${spec}:${mtuLine}`, '--env', 'dev']);
    expect(byMtu.stdout.split('\n')[0]).toMatch(new RegExp(`^${spec}:${mtuLine} \\(network\\.overlay\\.mtu\\) produces nothing by itself; it is part of network\\.overlay, which produces \\d+ items:$`));
    expect(byMtu.stdout).toContain('RouterInstance/Properties.UserData');

    const byLine = await platformc(project.dir, ['explain', `${spec}:${line}`, '--format', 'json']);
    expect((JSON.parse(byLine.stdout) as { matches: { id: string }[] }).matches.map((match) => match.id)).toContain(instance?.id);
    // With one spec in the project, a line number alone names a line of it.
    for (const bare of [String(line), `:${line}`]) {
      const alone = await platformc(project.dir, ['explain', bare, '--format', 'json']);
      expect(alone.code, alone.stderr).toBe(0);
      expect(JSON.parse(alone.stdout)).toEqual({ ...(JSON.parse(byLine.stdout) as object), query: `${spec}:${line}` });
    }

    // The overlay's settings reach every host through its user data: a field of network.overlay answers with them.
    const mtu = await platformc(project.dir, ['explain', 'network.overlay.mtu', '--env', 'dev', '--format', 'json']);
    expect(mtu.code, mtu.stderr).toBe(0);
    const viaOverlay = JSON.parse(mtu.stdout) as { via?: string; matches: { id: string; kind: string; type?: string }[] };
    expect(viaOverlay.via).toBe('network.overlay');
    const userData = viaOverlay.matches.filter((match) => match.kind === 'property').map((match) => [match.id, match.type]);
    expect(userData).toContainEqual(['RouterInstance/Properties.UserData', 'AWS::EC2::Instance']);
    expect(userData).toContainEqual(['Hypervisor01Instance/Properties.UserData', 'AWS::EC2::Instance']);

    const nothing = await platformc(project.dir, ['explain', 'no.such.path']);
    expect(nothing.code).toBe(1);
    expect(nothing.stdout).toContain('nothing generated comes from no.such.path');

    // A typo gets the name that was probably meant, in the text and in the JSON.
    const typo = await platformc(project.dir, ['explain', instance?.id.toLowerCase() ?? '']);
    expect(typo.code).toBe(1);
    expect(typo.stdout).toContain(`hint: did you mean ${instance?.id}?`);
    const misspelt = await platformc(project.dir, ['explain', 'hosts.routr', '--format', 'json']);
    expect((JSON.parse(misspelt.stdout) as { hint?: string }).hint).toBe('the spec has no hosts.routr; did you mean hosts.router?');
    const pastTheEnd = await platformc(project.dir, ['explain', `${spec}:9999`]);
    expect(pastTheEnd.stdout).toMatch(new RegExp(`hint: ${spec} has \\d+ lines`));

    const empty = await platformc(project.dir, ['explain', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("argument 'query'");
  });

  it('graph draws environments, stacks and the network in Mermaid and DOT', async () => {
    const mermaid = await platformc(project.dir, ['graph']);
    expect(mermaid.code, mermaid.stderr).toBe(0);
    expect(mermaid.stdout.startsWith('flowchart TB\n')).toBe(true);
    for (const part of ['VPC 10.10.0.0/16', 'host subnet 10.10.0.0/24', 'Transit Gateway', 'overlay 172.16.0.0/22', 'hypervisor01', 'shop-prod-network']) {
      expect(mermaid.stdout).toContain(part);
    }
    const dot = await platformc(project.dir, ['graph', '--env', 'prod', '--format', 'dot']);
    expect(dot.code, dot.stderr).toBe(0);
    expect(dot.stdout).toMatch(/^digraph "shop" \{/);
    expect(dot.stdout).not.toContain('10.10.0.0/16');
  });

  it('deploy dev --local takes the starter platform as far as the local emulator goes, without an internal error', async () => {
    // The starter image is AWS's public Amazon Linux parameter, which moto serves and nobody may write.
    const run = await platformc(project.dir, ['deploy', 'dev', '--local', '--yes', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { stacks: { stack: string; result: string }[]; errors: { code: string }[] };
    expect(run.stderr).not.toContain('internal error');
    expect(report.stacks.map((s) => [s.stack, s.result])).toEqual([['iam', 'created'], ['network', 'created'], ['logging', 'created'], ['hosts', 'failed']]);
    // What stops hosts is moto's, and deploy says so: it keeps no exports of change-set stacks.
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('a limit of the local emulator, not of the template');
  }, 60_000);
});

describe('platformc when things go wrong', () => {
  let project: Project;
  beforeAll(async () => {
    project = freshProject();
    await platformc(project.dir, ['init', '--name', 'broken', '--quiet']);
  });
  afterAll(() => project.remove());

  it('a spec error is reported on its line and every reporting command exits 1', async () => {
    const file = join(project.dir, 'specs/broken.platform.yaml');
    const good = readFileSync(file, 'utf8');
    const line = good.split('\n').findIndex((text) => text.includes('vni: 100')) + 1;
    writeFileSync(file, good.replace('vni: 100', 'vni: 0'));
    try {
      for (const command of [['validate'], ['compile'], ['list'], ['graph'], ['explain', 'hosts']]) {
        const run = await platformc(project.dir, command);
        expect([command[0], run.code]).toEqual([command[0], 1]);
        expect(`${run.stdout}${run.stderr}`).toContain(`specs/broken.platform.yaml:${line}:`);
      }
      const json = await platformc(project.dir, ['list', '--format', 'json']);
      expect(json.code).toBe(1);
      const report = JSON.parse(json.stdout) as { ok: boolean; diagnostics: { code: string; line: number }[] };
      expect(report.ok).toBe(false);
      expect(report.diagnostics.map((d) => [d.code, d.line])).toEqual([['NET005', line]]);
    } finally {
      writeFileSync(file, good);
    }
  });

  it('usage errors exit 2: unknown flag, bad choice, unknown environment, invalid name, no specs', async () => {
    const empty = freshProject();
    try {
      const runs = {
        flag: await platformc(project.dir, ['list', '--no-such-flag']),
        choice: await platformc(project.dir, ['graph', '--format', 'png']),
        env: await platformc(project.dir, ['list', '--env', 'nope']),
        name: await platformc(empty.dir, ['init', '--name', 'Bad Name']),
        none: await platformc(empty.dir, ['list']),
      };
      expect(Object.fromEntries(Object.entries(runs).map(([key, run]) => [key, run.code]))).toEqual({ flag: 2, choice: 2, env: 2, name: 2, none: 2 });
      expect(runs.env.stderr).toContain('environments: dev, prod');
    } finally {
      empty.remove();
    }
  });

  it('without a command prints the help with examples as a usage error', async () => {
    const bare = await platformc(project.dir, []);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Examples:');
    expect(bare.stderr).toContain('$ platformc validate');
    expect((await platformc(project.dir, ['help'])).code).toBe(0);
  });

  it('every command has --help with examples', async () => {
    const overview = await platformc(project.dir, ['--help']);
    expect(overview.stdout).toContain('$ platformc deploy dev');
    const commands = [...overview.stdout.matchAll(/^  ([a-z]+) /gm)].map((match) => match[1] ?? '').filter((name) => name !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['init', 'list', 'explain', 'graph', 'validate', 'compile', 'check']));
    for (const command of commands) {
      const run = await platformc(project.dir, [command, '--help']);
      expect([command, run.code]).toEqual([command, 0]);
      expect(run.stdout).toContain('Examples:');
      expect(run.stdout).toContain(`$ platformc ${command}`);
    }
  });

  it('colors only on a terminal, never with NO_COLOR, and --quiet prints nothing', async () => {
    const tty = await platformc(project.dir, ['list'], { tty: true, env: userEnv() });
    expect(tty.stdout).toMatch(ANSI);
    const pipe = await platformc(project.dir, ['list']);
    expect(pipe.stdout).not.toMatch(ANSI);
    const noColor = await platformc(project.dir, ['list'], { tty: true, env: userEnv({ NO_COLOR: '1' }) });
    expect(noColor.stdout).not.toMatch(ANSI);
    const quiet = await platformc(project.dir, ['list', '--quiet']);
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('init adds a second platform without touching the workflow the project already has, which checks both', async () => {
    const other = freshProject();
    try {
      await platformc(other.dir, ['init', '--name', 'one', '--quiet']);
      appendFileSync(join(other.dir, '.github/workflows/platformc.yml'), '# edited\n');
      const run = await platformc(other.dir, ['init', '--name', 'two']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('created specs/two.platform.yaml\nkept    .github/workflows/platformc.yml (left as it is)\n');
      expect(readFileSync(join(other.dir, '.github/workflows/platformc.yml'), 'utf8')).toContain('# edited');
      // The workflow's validate step names no spec, so it covers the new one; both compile side by side.
      expect(readFileSync(join(other.dir, '.github/workflows/platformc.yml'), 'utf8')).toContain('run: npx platformc validate --format github');
      const compile = await platformc(other.dir, ['compile', '--quiet']);
      expect(compile.code, compile.stderr).toBe(0);
      expect(readFileSync(join(other.dir, 'generated/two/manifest.json'), 'utf8')).toContain('"platform": "two"');
    } finally {
      other.remove();
    }
  });
});
