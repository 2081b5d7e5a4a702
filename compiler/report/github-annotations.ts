/**
 * Findings as GitHub Actions workflow commands (`::error file=...,line=...,col=...,title=...::message`): printed
 * by a workflow step, each becomes an annotation on its spec line in the pull request's changed files and in the
 * run's summary. Unlike code scanning's SARIF, this needs nothing but a workflow, in any repository. Severities
 * map as in SARIF: blocking ones are errors, warnings stay warnings, the rest (and acknowledged findings, with
 * their reason) are notices.
 */
import { posix } from 'node:path';
import { hintOf } from '../diagnostics/hint.js';
import { reportLevel, type Diagnostic, type Severity, type SourcePosition } from '../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../load/loaded-spec.js';

export interface AnnotationOptions {
  /** Severities that block (annotated as `error`). */
  readonly blocking: readonly Severity[];
  /** The working directory's path inside the repository (`infra/`): GitHub resolves `file` from the root. */
  readonly repositoryPrefix: string;
  /** The spec position of a diagnostic that carries only a path. */
  readonly locate: (diagnostic: Diagnostic) => SourcePosition | undefined;
}

/** The workflow command for a finding: its report level, where GitHub's name for a note is `notice`. */
function command(diagnostic: Diagnostic, blocking: readonly Severity[]): 'error' | 'warning' | 'notice' {
  const level = reportLevel(diagnostic, blocking);
  return level === 'note' ? 'notice' : level;
}

/** A workflow command's message: `%`, CR and LF escaped, as the runner expects. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A workflow command's property value: the message escapes, plus `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** Where an annotation points; every field is optional (a command without `file` shows in the run summary only). */
export interface AnnotationProperties {
  readonly title?: string;
  readonly file?: string;
  readonly line?: number;
  readonly endLine?: number;
  readonly col?: number;
  readonly endColumn?: number;
}

/** One workflow command, its properties in the order GitHub's own toolkit (@actions/core) writes them. */
export function workflowCommand(command: 'error' | 'warning' | 'notice', properties: AnnotationProperties, message: string): string {
  const order = ['title', 'file', 'line', 'endLine', 'col', 'endColumn'] as const;
  const props = order.flatMap((name) => (properties[name] === undefined ? [] : [`${name}=${escapeProperty(String(properties[name]))}`]));
  return `::${command}${props.length > 0 ? ` ${props.join(',')}` : ''}::${escapeData(message)}`;
}

/** One workflow command per diagnostic, in the order given, each on its own line. */
export function toAnnotations(diagnostics: readonly Diagnostic[], options: AnnotationOptions): string {
  return diagnostics.map((d) => `${annotation(d, options)}\n`).join('');
}

function annotation(d: Diagnostic, options: AnnotationOptions): string {
  const position = d.position ?? options.locate(d);
  // A column range only within one line, as GitHub reads it.
  const oneLine = position?.endCol !== undefined && (position.endLine === undefined || position.endLine === position.line);
  const hint = hintOf(d);
  const lines = [
    d.message,
    ...(hint !== undefined ? [`hint: ${hint}`] : []),
    ...(d.notes ?? []).map((note) => `note: ${note}`),
    ...(d.acknowledged !== undefined ? [`acknowledged: ${d.acknowledged}`] : []),
  ];
  return workflowCommand(command(d, options.blocking), {
    title: d.code,
    file: posix.join(options.repositoryPrefix, d.file.split('\\').join('/')),
    ...(position === undefined ? {} : { line: position.line, col: position.col }),
    ...(position?.endLine === undefined ? {} : { endLine: position.endLine }),
    ...(oneLine ? { endColumn: position?.endCol } : {}),
  }, lines.join('\n'));
}

/** The annotations for a validate run, with file names made relative to the repository root. */
export async function githubAnnotations(diagnostics: readonly Diagnostic[], options: { sources: ReadonlyMap<string, LoadedSpec>; blocking: readonly Severity[]; cwd: string }): Promise<string> {
  const [{ resolvePosition }, { prefixInRepository }] = await Promise.all([import('../diagnostics/render.js'), import('../git/git.js')]);
  return toAnnotations(diagnostics, {
    blocking: options.blocking,
    repositoryPrefix: (await prefixInRepository({ cwd: options.cwd })) ?? '',
    locate: (d) => resolvePosition(d, options.sources),
  });
}
