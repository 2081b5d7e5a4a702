/**
 * Progress while stacks change. In CI or when output is not a terminal: one plain line per stack event, with
 * counts and elapsed time. On a terminal: a compact live view, one line per running stack redrawn in place,
 * with failures kept on screen as lines above it.
 */
import type { Colors } from '../cli/io.js';
import type { StackEvent } from './aws-api.js';
import type { ProgressSink } from './context.js';

export interface ProgressOptions {
  readonly write: (text: string) => void;
  readonly colors: Colors;
  readonly now: () => number;
}

function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function statusColor(c: Colors, status: string): string {
  if (status.endsWith('_FAILED') || status.includes('ROLLBACK')) return c.red(status);
  if (status.endsWith('_COMPLETE')) return c.green(status);
  return c.cyan(status);
}

/** One line per event; suits logs. */
export function plainProgress(options: ProgressOptions): ProgressSink {
  const start = options.now();
  const c = options.colors;
  return {
    note(stack, text) {
      options.write(`[${elapsed(options.now() - start)}] ${stack}: ${text}\n`);
    },
    event(stack, event: StackEvent, counts) {
      const reason = event.reason ? ` ${c.dim(event.reason)}` : '';
      options.write(`[${elapsed(options.now() - start)}] ${stack} ${counts.done}/${counts.total} ${statusColor(c, event.status)} ${event.logicalId} ${c.dim(event.resourceType)}${reason}\n`);
    },
    finished(stack, status) {
      options.write(`[${elapsed(options.now() - start)}] ${stack}: ${statusColor(c, status)}\n`);
    },
  };
}

/** A live block of one line per stack, redrawn in place (ANSI cursor movement). */
export function liveProgress(options: ProgressOptions): ProgressSink & { close(): void } {
  const start = options.now();
  const c = options.colors;
  const lines = new Map<string, string>();
  let drawn = 0;
  const redraw = (above?: string): void => {
    let out = drawn > 0 ? `\x1b[${drawn}A\x1b[J` : '';
    if (above !== undefined) out += above;
    for (const line of lines.values()) out += `${line}\n`;
    drawn = lines.size;
    options.write(out);
  };
  return {
    note(stack, text) {
      redraw(`${c.dim(`[${elapsed(options.now() - start)}]`)} ${stack}: ${text}\n`);
    },
    event(stack, event, counts) {
      lines.set(stack, `${c.dim(elapsed(options.now() - start))} ${stack} ${counts.done}/${counts.total} ${statusColor(c, event.status)} ${event.logicalId}`);
      const failed = event.status.endsWith('_FAILED') && event.reason ? `${c.red('x')} ${stack} ${event.logicalId}: ${event.reason}\n` : undefined;
      redraw(failed);
    },
    finished(stack, status) {
      lines.delete(stack);
      redraw(`${c.dim(`[${elapsed(options.now() - start)}]`)} ${stack}: ${statusColor(c, status)}\n`);
    },
    close() {
      lines.clear();
      redraw();
    },
  };
}
