/**
 * A spec file as read: the text, the `yaml` Document with its LineCounter (kept so any spec path can be turned
 * into `file:line:col` later), and the plain value for the schema check.
 */
import type { Document, LineCounter } from 'yaml';

export interface SpecSource {
  /** Path as given by the user, relative to the working directory, forward slashes. */
  readonly file: string;
  readonly text: string;
  /** The spec's name in generated output (see `outputSpecName`); `file` when not given. */
  readonly name?: string;
}

export interface LoadedSpec extends SpecSource {
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** The document as plain data; undefined when the file could not be parsed. */
  readonly value: unknown;
}
