/**
 * `--watch` for `validate` and `compile`: runs the command once, then again whenever a YAML file changes where the
 * spec patterns look, until Ctrl-C. Editors save in bursts (a temporary file, a rename, a change of mode), so
 * events are gathered for a moment before a run starts, and a change during a run starts exactly one more run
 * after it. Ctrl-C (or SIGTERM) waits for a run in progress, so output is never left half written.
 *
 * chokidar does the watching: Node 20's own recursive `fs.watch` on Linux loses a file that an editor saved by
 * renaming a new copy over it (as vim and `sed -i` do), and sees no change to it after the first.
 */
import { statSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { DEFAULT_SPEC_PATTERN } from '../load/find-specs.js';
import { EXIT, colors, displayDirectory, reportInternalError, useColor, type CliIo } from './io.js';

export interface WatchOptions {
  /** The spec patterns as given on the command line (default: specs/**\/*.platform.yaml). */
  readonly patterns: readonly string[];
  /** One run of the command; its exit code is reported, watching goes on. */
  readonly run: () => Promise<number>;
  /** How long a burst of file events is gathered before a run starts. */
  readonly settleMs?: number;
  /** Ends watching (the signals end it too); for callers that stop it themselves. */
  readonly signal?: AbortSignal;
}

/** A directory to watch, and whether below it too. */
interface WatchedDirectory {
  readonly dir: string;
  readonly recursive: boolean;
}

/**
 * Where each pattern can match: a directory named as it is, with its subdirectories; otherwise the pattern's static
 * base directory, with subdirectories when the rest of it spans them.
 */
export async function watchedDirectories(patterns: readonly string[], cwd: string): Promise<WatchedDirectory[]> {
  const { default: fg } = await import('fast-glob');
  const given = patterns.length > 0 ? patterns : [DEFAULT_SPEC_PATTERN];
  const found = new Map<string, boolean>();
  for (const pattern of given) {
    const normalized = pattern.split('\\').join('/');
    if (!fg.isDynamicPattern(normalized) && isDirectory(resolve(cwd, normalized))) {
      found.set(resolve(cwd, normalized), true);
      continue;
    }
    const base = fg.isDynamicPattern(normalized) ? (fg.generateTasks([normalized])[0]?.base ?? '.') : normalized.includes('/') ? normalized.slice(0, normalized.lastIndexOf('/')) : '.';
    const rest = base === '.' ? normalized : normalized.slice(base.length + 1);
    const dir = resolve(cwd, base);
    found.set(dir, (found.get(dir) ?? false) || (fg.isDynamicPattern(normalized) && rest.includes('/')));
  }
  return [...found].map(([dir, recursive]) => ({ dir, recursive })).sort((a, b) => (a.dir < b.dir ? -1 : 1));
}

/** A file whose change may change what the command reports: a spec, or any YAML beside one. */
function mayMatter(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/** Directories never worth watching: hidden ones (.git) and installed packages. */
function skipped(path: string): boolean {
  const name = basename(path);
  return name === 'node_modules' || (name.startsWith('.') && name.length > 1);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * One run; an exception (a bug: commands report user errors as diagnostics) is reported as runCli reports it, and
 * watching goes on, since the next save may well not meet it.
 */
async function runOnce(io: CliIo, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    return reportInternalError(io, error);
  }
}

/** Runs `options.run` now and after every change, until stopped; returns 0 (stopped), or 2 when nothing can be watched. */
export async function watchSpecs(io: CliIo, options: WatchOptions): Promise<number> {
  const c = colors(useColor(io, 'stderr'));
  const settleMs = options.settleMs ?? 100;
  const directories = await watchedDirectories(options.patterns, io.cwd);
  const shown = (dir: string): string => `${displayDirectory(dir, io.cwd)}/`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const changed = new Set<string>();
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((done) => {
    finish = done;
  });

  const round = async (): Promise<void> => {
    do {
      again = false;
      const files = [...changed].sort();
      changed.clear();
      if (files.length > 0) io.stderr.write(`\n${c.dim(`[${new Date().toLocaleTimeString('en-GB')}]`)} ${c.bold(files.join(', '))} changed\n`);
      const code = await runOnce(io, options.run);
      io.stderr.write(c.dim(`${code === EXIT.ok ? 'ok' : `exit ${code}`}; watching ${directories.map((d) => shown(d.dir)).join(', ')} for changes (Ctrl-C to stop)\n`));
    } while (again && !stopped);
  };
  const start = (): void => {
    timer = undefined;
    if (stopped) return;
    if (running !== undefined) {
      again = true;
      return;
    }
    running = round().finally(() => {
      running = undefined;
    });
  };
  const missing = directories.find(({ dir }) => !isDirectory(dir));
  if (missing !== undefined) {
    io.stderr.write(`platformc: cannot watch ${shown(missing.dir)}: no such directory\n`);
    return EXIT.usage;
  }
  const { watch } = await import('chokidar');
  const watchers = directories.map(({ dir, recursive }) => {
    const watcher = watch(dir, { ignoreInitial: true, ignored: (path) => path !== dir && skipped(path), ...(recursive ? {} : { depth: 0 }) });
    watcher.on('all', (_event, path) => {
      if (!mayMatter(path)) return;
      changed.add((relative(io.cwd, path) || '.').split('\\').join('/'));
      clearTimeout(timer);
      timer = setTimeout(start, settleMs);
    });
    return watcher;
  });
  await Promise.all(watchers.map((watcher) => new Promise<void>((ready) => watcher.once('ready', () => ready()))));

  const stop = (): void => {
    stopped = true;
    clearTimeout(timer);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    void Promise.all([running, ...watchers.map((watcher) => watcher.close())]).then(finish);
  };

  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (options.signal?.aborted === true) stop();
  options.signal?.addEventListener('abort', stop, { once: true });
  start();
  await finished;
  return EXIT.ok;
}
