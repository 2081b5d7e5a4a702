/**
 * What `check` decides: whether the committed output equals what compile produces now, byte for byte. Pure:
 * the compiled files and the committed files in, the missing, extra and changed paths out.
 */
export interface FileContent {
  readonly path: string;
  readonly content: string;
}

export interface ChangedFile {
  readonly path: string;
  /** What is committed. */
  readonly committed: string;
  /** What compile produces now. */
  readonly compiled: string;
}

export interface OutputComparison {
  /** Compiled but not committed. */
  readonly missing: readonly string[];
  /** Committed under a compiled platform's directory, but no longer produced. */
  readonly extra: readonly string[];
  readonly changed: readonly ChangedFile[];
  /** How many compiled files were compared. */
  readonly compared: number;
}

/** Compares compiled files with committed ones; all paths relative to the output directory, sorted. */
export function compareOutput(compiled: readonly FileContent[], committed: readonly FileContent[]): OutputComparison {
  const have = new Map(committed.map((f) => [f.path, f.content]));
  const produced = new Set(compiled.map((f) => f.path));
  const missing: string[] = [];
  const changed: ChangedFile[] = [];
  for (const file of [...compiled].sort(byPath)) {
    const current = have.get(file.path);
    if (current === undefined) missing.push(file.path);
    else if (current !== file.content) changed.push({ path: file.path, committed: current, compiled: file.content });
  }
  const extra = committed.map((f) => f.path).filter((p) => !produced.has(p)).sort();
  return { missing, extra, changed, compared: compiled.length };
}

/** True when nothing is missing, extra or changed: the only state in which `check` exits 0. */
export function isUpToDate(comparison: OutputComparison): boolean {
  return comparison.missing.length === 0 && comparison.extra.length === 0 && comparison.changed.length === 0;
}

/**
 * The environment directories (`<platform>/<env>`) that `paths` fill and that hold none of `others`: an environment
 * added to a spec (its missing files, none committed) or removed from it (its extra files, none compiled).
 */
export function wholeEnvironments(paths: readonly string[], others: readonly FileContent[]): string[] {
  const dirs = new Set(paths.flatMap((path) => {
    const parts = path.split('/');
    return parts.length >= 3 ? [`${parts[0]}/${parts[1]}`] : [];
  }));
  return [...dirs].filter((dir) => !others.some((file) => file.path.startsWith(`${dir}/`))).sort();
}

function byPath(a: FileContent, b: FileContent): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
