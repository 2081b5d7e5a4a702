/**
 * Reads one spec file from disk. Every way this can go wrong (missing file, a directory or device, a huge file, bytes that
 * are not UTF-8) becomes a diagnostic, so the CLI never shows a stack trace for a bad path.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SpecSource } from './loaded-spec.js';

/** Specs are a few kilobytes; anything over this is refused before it is read into memory. */
export const MAX_SPEC_BYTES = 1024 * 1024;

/** The path as shown to users: relative to the working directory, with forward slashes. */
export function displayPath(path: string, options: { readonly cwd: string }): string {
  const absolute = isAbsolute(path) ? path : resolve(options.cwd, path);
  const shown = relative(options.cwd, absolute) || absolute;
  return shown.split(sep).join('/');
}

/**
 * Reads `path` (relative to `cwd`) as UTF-8 text. Returns the source, or diagnostics explaining why there is none;
 * never throws for anything about the file itself.
 */
export function readSpecFile(path: string, options: { readonly cwd: string }): { source?: SpecSource; diagnostics: Diagnostic[] } {
  const file = displayPath(path, options);
  const absolute = resolve(options.cwd, path);
  const fail = (code: string, message: string, hint: string): { diagnostics: Diagnostic[] } => ({
    diagnostics: [{ code, severity: 'error', message, file, path: [], hint }],
  });

  let size: number;
  try {
    const stats = statSync(absolute);
    if (stats.isDirectory()) {
      return fail('PARSE002', `${file} is a directory, not a spec file`, 'name a *.platform.yaml file or pass a glob');
    }
    // A device such as /dev/zero or a FIFO has no end (or no size) and would hang the read or exhaust memory.
    if (!stats.isFile()) {
      return fail('PARSE002', `${file} is not a regular file (${kindOf(stats)})`, 'name a *.platform.yaml file saved on disk');
    }
    size = stats.size;
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') {
      return fail('PARSE001', `${file} does not exist`, 'check the path; without arguments platformc uses specs/**/*.platform.yaml');
    }
    return fail('PARSE011', `${file} cannot be read (${errorCode(error) ?? 'unknown error'})`, 'check the file permissions');
  }
  if (size > MAX_SPEC_BYTES) {
    return fail(
      'PARSE003',
      `${file} is ${formatBytes(size)}; spec files are limited to ${formatBytes(MAX_SPEC_BYTES)}`,
      'pass the platform.yaml itself; a platform description is a few kilobytes',
    );
  }

  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    return fail('PARSE011', `${file} cannot be read (${errorCode(error) ?? 'unknown error'})`, 'check the file permissions');
  }
  // A file may grow between stat and read; the limit holds for what was actually read.
  if (bytes.length > MAX_SPEC_BYTES) {
    return fail('PARSE003', `${file} is larger than ${formatBytes(MAX_SPEC_BYTES)}`, 'pass the platform.yaml itself');
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    const offset = firstInvalidUtf8Offset(bytes);
    const line = countLines(bytes, offset);
    return {
      diagnostics: [{
        code: 'PARSE004',
        severity: 'error',
        message: `${file} is not valid UTF-8 (first bad byte at offset ${offset}, line ${line})`,
        file,
        path: [],
        position: { file, line, col: 1 },
        hint: 'save the file as UTF-8',
      }],
    };
  }
  return { source: { file, text }, diagnostics: [] };
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Finds the first byte where strict decoding fails, by bisection over prefixes (only used on the error path). */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    // A prefix may end inside a valid multi-byte character; `stream: true` keeps that from counting as an error.
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      good = mid;
    } catch {
      bad = mid;
    }
  }
  return good;
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${bytes} bytes`;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}
