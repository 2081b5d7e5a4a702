/**
 * How long a stack operation with hypervisors in rounds may take (a rolling batch: each round creates, or stops and
 * starts, some metal hosts after the previous round is done). Shared by the pipeline's execute build, which is given
 * that long, and deploy, which waits that long for such a stack.
 */

/** The wait before rolling batches: one round of every host at once, and everything else. */
const BASE_WAIT_MINUTES = 60;
/** One more round of metal hypervisors: launching or restarting one takes up to about a quarter of an hour. */
const MINUTES_PER_ROUND = 15;

export function minutesForRounds(rounds: number): number {
  return BASE_WAIT_MINUTES + MINUTES_PER_ROUND * Math.max(0, rounds - 1);
}

/**
 * Rounds of instances in a template: the longest chain of instances each waiting (DependsOn) for another, counted
 * in instances. 1 when no instance waits for another.
 */
export function instanceRounds(resources: Readonly<Record<string, { readonly Type?: unknown; readonly DependsOn?: unknown } | null>>): number {
  const isInstance = (id: string): boolean => resources[id]?.Type === 'AWS::EC2::Instance';
  const depth = new Map<string, number>();
  const visit = (id: string, seen: ReadonlySet<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const raw = resources[id]?.DependsOn;
    const before = (typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : []).filter((d): d is string => typeof d === 'string' && isInstance(d) && !seen.has(d));
    const value = 1 + Math.max(0, ...before.map((d) => visit(d, new Set([...seen, id]))));
    depth.set(id, value);
    return value;
  };
  return Math.max(1, ...Object.keys(resources).filter(isInstance).map((id) => visit(id, new Set([id]))));
}
