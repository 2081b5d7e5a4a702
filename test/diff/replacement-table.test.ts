import { describe, expect, it } from 'vitest';
import { compileProject } from '../../compiler/compile.js';
import { REPLACEMENT_TABLE } from '../../compiler/diff/replacement-table.js';
import { stackInputs } from '../../compiler/diff/stack-inputs.js';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('replacement table', () => {
  it('has a row for every resource type the bundled specs compile to', async () => {
    const project = await compileProject({ cwd: ROOT });
    const types = new Set(stackInputs(project.files).flatMap((s) => Object.values(s.template.Resources).map((r) => r.Type)));
    expect(types.size).toBeGreaterThan(20);
    expect([...types].filter((t) => REPLACEMENT_TABLE[t] === undefined).sort()).toEqual([]);
  });

  it('names only replacement properties that are plain property paths', () => {
    for (const [type, rule] of Object.entries(REPLACEMENT_TABLE)) {
      expect(type).toMatch(/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/);
      for (const p of [...rule.replace, ...(rule.conditional ?? [])]) expect(p).toMatch(/^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)*$/);
      if (rule.stateful === true) expect(rule.state, type).toBeTruthy();
    }
  });
});
