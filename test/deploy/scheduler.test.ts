/**
 * The DAG scheduler: dependencies first, independent nodes overlap up to the bound, a failure skips its
 * dependents (transitively) but not unrelated nodes, and an interrupt starts nothing new.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runDag, type DagNode } from '../../compiler/deploy/scheduler.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('runDag', () => {
  it('runs dependencies first and independent nodes together, within the bound', async () => {
    const nodes: DagNode[] = [
      { id: 'iam', dependsOn: [] },
      { id: 'network', dependsOn: [] },
      { id: 'logging', dependsOn: ['iam'] },
      { id: 'hosts', dependsOn: ['iam', 'network'] },
    ];
    const events: string[] = [];
    let running = 0;
    let peak = 0;
    await runDag(nodes, {
      concurrency: 2,
      run: async (id) => {
        running += 1;
        peak = Math.max(peak, running);
        events.push(`start ${id}`);
        await tick();
        events.push(`end ${id}`);
        running -= 1;
      },
    });
    expect(peak).toBe(2);
    expect(events.slice(0, 2)).toEqual(['start iam', 'start network']);
    expect(events.indexOf('start hosts')).toBeGreaterThan(events.indexOf('end network'));
    expect(events.indexOf('start logging')).toBeGreaterThan(events.indexOf('end iam'));
  });

  it('skips the dependents of a failure, transitively, and nothing else', async () => {
    const outcomes = await runDag(
      [
        { id: 'a', dependsOn: [] },
        { id: 'b', dependsOn: ['a'] },
        { id: 'c', dependsOn: ['b'] },
        { id: 'd', dependsOn: [] },
      ],
      {
        concurrency: 4,
        run: async (id) => {
          if (id === 'a') throw new Error('boom');
          return id;
        },
      },
    );
    expect(outcomes.get('a')?.state).toBe('failed');
    expect(outcomes.get('b')).toEqual({ state: 'skipped', because: 'a' });
    expect(outcomes.get('c')).toEqual({ state: 'skipped', because: 'b' });
    expect(outcomes.get('d')).toEqual({ state: 'done', value: 'd' });
  });

  it('starts nothing new once told to stop', async () => {
    let stop = false;
    const started: string[] = [];
    const outcomes = await runDag(
      [
        { id: 'a', dependsOn: [] },
        { id: 'b', dependsOn: ['a'] },
      ],
      { concurrency: 1, shouldStart: () => !stop, run: async (id) => ((started.push(id), (stop = true)), id) },
    );
    expect(started).toEqual(['a']);
    expect(outcomes.get('b')).toEqual({ state: 'skipped', because: 'interrupted' });
  });

  it('never starts a node before all its dependencies are done (random DAGs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 4 }), async (deps, concurrency) => {
        // Node i may depend only on nodes before it, so the graph is acyclic.
        const nodes = deps.map((d, i) => ({ id: `n${i}`, dependsOn: i === 0 ? [] : [...new Set(d.map((x) => `n${x % i}`))] }));
        const done = new Set<string>();
        const outcomes = await runDag(nodes, {
          concurrency,
          run: async (id) => {
            const node = nodes.find((n) => n.id === id);
            expect(node?.dependsOn.every((d) => done.has(d))).toBe(true);
            await tick();
            done.add(id);
          },
        });
        expect([...outcomes.values()].every((o) => o.state === 'done')).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
