/**
 * A small DAG scheduler: runs each node once all its dependencies succeeded, at most `concurrency` at a time, so
 * independent stacks deploy in parallel and the wall time approaches the longest chain. A failed node's
 * dependents are never started.
 */
export type NodeOutcome<T> =
  | { readonly state: 'done'; readonly value: T }
  | { readonly state: 'failed'; readonly error: unknown }
  | { readonly state: 'skipped'; readonly because: string };

export interface DagNode {
  readonly id: string;
  readonly dependsOn: readonly string[];
}

/** Runs `run` over the nodes in dependency order; dependencies not among the nodes count as satisfied. */
export async function runDag<T>(
  nodes: readonly DagNode[],
  options: { readonly concurrency: number; readonly run: (id: string) => Promise<T>; readonly shouldStart?: () => boolean },
): Promise<ReadonlyMap<string, NodeOutcome<T>>> {
  const ids = new Set(nodes.map((n) => n.id));
  const outcomes = new Map<string, NodeOutcome<T>>();
  const pending = [...nodes];
  const running = new Map<string, Promise<void>>();
  const limit = Math.max(1, options.concurrency);

  for (;;) {
    // Skip nodes whose dependency failed or was skipped (transitively, in order).
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (let i = 0; i < pending.length; i += 1) {
        const node = pending[i];
        if (!node) continue;
        const bad = node.dependsOn.find((d) => {
          const o = outcomes.get(d);
          return o !== undefined && o.state !== 'done';
        });
        if (bad !== undefined) {
          outcomes.set(node.id, { state: 'skipped', because: bad });
          pending.splice(i, 1);
          progressed = true;
          i -= 1;
        }
      }
    }
    const stopping = options.shouldStart !== undefined && !options.shouldStart();
    for (let i = 0; i < pending.length && running.size < limit && !stopping; i += 1) {
      const node = pending[i];
      if (!node) continue;
      const ready = node.dependsOn.every((d) => !ids.has(d) || outcomes.get(d)?.state === 'done');
      if (!ready) continue;
      pending.splice(i, 1);
      i -= 1;
      running.set(
        node.id,
        options.run(node.id).then(
          (value) => void outcomes.set(node.id, { state: 'done', value }),
          (error: unknown) => void outcomes.set(node.id, { state: 'failed', error }),
        ).finally(() => running.delete(node.id)),
      );
    }
    if (running.size === 0) {
      for (const node of pending) outcomes.set(node.id, { state: 'skipped', because: stopping ? 'interrupted' : 'unreachable' });
      return outcomes;
    }
    await Promise.race(running.values());
  }
}
