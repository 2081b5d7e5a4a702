/**
 * Parses a spec's text into a `yaml` Document that keeps source positions. Everything the YAML layer can object
 * to (syntax, duplicate keys, tabs, an empty file, several documents, an alias bomb) comes back as diagnostics;
 * the loaded spec is returned whenever there is a document, so findings can still be shown on their lines.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Document, type YAMLError } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedSpec, SpecSource } from './loaded-spec.js';

/**
 * Characters YAML 1.2 does not allow in a stream (outside its printable set): C0 controls but tab, line feed and
 * carriage return, DEL, C1 controls but NEL, and the non-characters U+FFFE and U+FFFF.
 */
const NON_PRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

/** Enough for any sensible reuse of anchors, far too few for a "billion laughs" expansion. */
export const MAX_ALIAS_COUNT = 100;

const CODE_OF_YAML_ERROR: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: 'PARSE006',
  TAB_AS_INDENT: 'PARSE007',
};

/**
 * Loads one spec. `loaded.value` is the plain data for the schema check, and undefined whenever the YAML layer
 * reported an error, so later stages never work on a half-understood file.
 */
export function loadSpec(source: SpecSource): { loaded?: LoadedSpec; diagnostics: Diagnostic[] } {
  const result = loadYaml(source);
  const control = controlCharacter(source);
  if (control === undefined) return result;
  // Whatever the parser made of such a line would only confuse: the one finding is the character. The document is
  // kept for the code frame, without a value, so nothing later works on the file.
  return { ...(result.loaded ? { loaded: { ...result.loaded, value: undefined } } : {}), diagnostics: [control] };
}

/** The first character YAML does not allow, as a PARSE014 finding at its line and column. */
function controlCharacter(source: SpecSource): Diagnostic | undefined {
  const control = NON_PRINTABLE.exec(source.text);
  if (control === null) return undefined;
  const before = source.text.slice(0, control.index);
  const line = before.split('\n').length;
  const col = control.index - before.lastIndexOf('\n');
  const code = control[0].codePointAt(0) ?? 0;
  return {
    code: 'PARSE014',
    severity: 'error',
    message: `${source.file} contains the control character U+${code.toString(16).toUpperCase().padStart(4, '0')} at line ${line}, column ${col}; YAML allows only tab, line feed and carriage return`,
    file: source.file,
    path: [],
    position: { file: source.file, line, col, endLine: line, endCol: col + 1 },
    hint: 'remove it (a binary file or a bad paste?); in a double-quoted string write an escape such as \\u0001 if it is meant',
  };
}

function loadYaml(source: SpecSource): { loaded?: LoadedSpec; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const at = (line: number, col: number) => ({ file: source.file, line, col });

  // logLevel 'error': the parser's own warnings (a collection used as a key) would go to the process's stderr;
  // what they are about is reported as diagnostics (an unknown key, a wrong type) instead.
  // merge: the `<<: *base` merge keys of YAML 1.1, which YAML 1.2 left out but specs with several similar
  // environments want; a key written beside the merge wins over the merged one.
  const documents = parseAllDocuments(source.text, { lineCounter, prettyErrors: true, uniqueKeys: true, strict: true, merge: true, logLevel: 'error' });
  const all: readonly Document.Parsed[] = Array.isArray(documents) ? documents : [];
  const first = all[0];
  if (first === undefined || (first.contents === null && first.errors.length === 0 && all.length === 1)) {
    for (const error of 'errors' in documents ? documents.errors : []) diagnostics.push(yamlDiagnostic(source.file, error, 'error'));
    diagnostics.push({
      code: 'PARSE008',
      severity: 'error',
      message: `${source.file} is empty`,
      file: source.file,
      path: [],
      position: at(1, 1),
      hint: 'describe the platform; `platformc init --name <platform>` in an empty directory writes a commented starter spec to start from',
    });
    return first === undefined ? { diagnostics } : { loaded: { ...source, document: first, lineCounter, value: undefined }, diagnostics };
  }

  for (const document of all) {
    for (const error of document.errors) diagnostics.push(yamlDiagnostic(source.file, error, 'error'));
    for (const warning of document.warnings) diagnostics.push(yamlDiagnostic(source.file, warning, 'warning'));
  }
  const second = all[1];
  if (second !== undefined) {
    const { line, col } = lineCounter.linePos(second.range[0]);
    diagnostics.push({
      code: 'PARSE009',
      severity: 'error',
      message: `${source.file} holds ${all.length} YAML documents; one file describes exactly one platform`,
      file: source.file,
      path: [],
      position: at(line, col),
      hint: 'put each platform in its own *.platform.yaml file',
    });
  }

  const spot = (at: Spot, message: string, hint: string): Diagnostic => {
    const start = lineCounter.linePos(at.offset);
    const end = lineCounter.linePos(at.end);
    const position = { file: source.file, line: start.line, col: start.col, endLine: end.line, endCol: end.col };
    return { code: 'PARSE005', severity: 'error', message, file: source.file, path: [], position, hint };
  };
  const unusable = unusableNodes(first);
  for (const alias of unusable.aliases) {
    diagnostics.push(spot(alias, `alias *${alias.what} refers to no anchor`, `define &${alias.what} on a value before this alias, or write the value out`));
  }
  for (const value of unusable.tagged) {
    diagnostics.push(spot(value, `this tag makes ${value.what}; spec values are strings, numbers, booleans, lists and mappings`, 'remove the tag (quote the value to keep it a string)'));
  }
  for (const merge of unusable.merges) {
    diagnostics.push(spot(merge, `a merge key (<<) takes a mapping, an alias of one or a list of them; this is ${merge.what}`, 'merge an anchored mapping (<<: *base), or write the keys out'));
  }

  let value: unknown;
  if (!diagnostics.some((d) => d.severity === 'error')) {
    try {
      value = first.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      diagnostics.push(conversionDiagnostic(source.file, error));
    }
  }
  return { loaded: { ...source, document: first, lineCounter, value }, diagnostics };
}

interface Spot {
  readonly what: string;
  readonly offset: number;
  readonly end: number;
}

/**
 * YAML 1.1 tags that the parser still resolves into values JSON has no word for (bytes, a date, a set, ordered
 * pairs): the schema check would describe them wrongly (`!!binary` reads as an object with keys "0", "1", ...).
 */
const NON_JSON_TAGS: Readonly<Record<string, string>> = {
  'tag:yaml.org,2002:binary': 'binary data',
  'tag:yaml.org,2002:timestamp': 'a timestamp',
  'tag:yaml.org,2002:set': 'a set',
  'tag:yaml.org,2002:omap': 'an ordered map',
  'tag:yaml.org,2002:pairs': 'a list of pairs',
};

/**
 * In one walk of the document: aliases (`*name`) with no anchor (`&name`) before them, which yaml reports only on
 * conversion, values of NON_JSON_TAGS, and merge keys (`<<`) whose value is not a mapping to merge, which yaml
 * reports on conversion too but without a position. In document order.
 */
function unusableNodes(document: Document.Parsed): { aliases: Spot[]; tagged: Spot[]; merges: Spot[] } {
  const aliases: Spot[] = [];
  const tagged: Spot[] = [];
  const merges: Spot[] = [];
  visit(document, (_key, node) => {
    if (isPair(node) && isScalar(node.key) && typeof node.key.value === 'symbol') {
      const what = mergeSourceProblem(document, node.value);
      // At the value, or at the key when there is none to point at.
      const at = isNode(node.value) && !(isScalar(node.value) && node.value.value === null) ? node.value : node.key;
      if (what !== undefined) merges.push({ what, offset: at.range?.[0] ?? 0, end: at.range?.[1] ?? 0 });
      return;
    }
    if (!isNode(node)) return;
    const spot = (what: string): Spot => ({ what, offset: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0 });
    if (isAlias(node)) {
      if (node.resolve(document) === undefined) aliases.push(spot(node.source));
      return;
    }
    const what = node.tag === undefined ? undefined : NON_JSON_TAGS[node.tag];
    if (what !== undefined) tagged.push(spot(what));
  });
  return { aliases, tagged, merges };
}

/** What is wrong with the value of a merge key, or undefined when it is a mapping, an alias of one or a list of them. */
function mergeSourceProblem(document: Document.Parsed, value: unknown): string | undefined {
  const kind = (node: unknown): string => {
    const resolved = isAlias(node) ? node.resolve(document) : node;
    if (isMap(resolved)) return 'mapping';
    if (isSeq(resolved)) return 'a list';
    return resolved === undefined || resolved === null || (isScalar(resolved) && resolved.value === null) ? 'empty' : 'a single value';
  };
  if (value === null || value === undefined) return 'empty';
  if (isSeq(value)) {
    const bad = value.items.map(kind).find((k) => k !== 'mapping');
    return bad === undefined ? undefined : `a list holding ${bad === 'empty' ? 'an empty entry' : bad}`;
  }
  const own = kind(value);
  return own === 'mapping' ? undefined : own;
}

function yamlDiagnostic(file: string, error: YAMLError, severity: 'error' | 'warning'): Diagnostic {
  const start = error.linePos?.[0] ?? { line: 1, col: 1 };
  const end = error.linePos?.[1];
  const code = severity === 'warning' ? 'PARSE012' : CODE_OF_YAML_ERROR[error.code] ?? 'PARSE005';
  // The parser reports running out of stack on hundreds of nested levels as RESOURCE_EXHAUSTION; say what it means.
  const tooDeep = error.code === 'RESOURCE_EXHAUSTION';
  return {
    code,
    severity,
    message: tooDeep ? 'the YAML nests too deeply to be read (hundreds of levels of brackets or indentation)' : firstLine(error.message),
    file,
    path: [],
    position: { file, line: start.line, col: start.col, ...(end ? { endLine: end.line, endCol: end.col } : {}) },
    hint: tooDeep ? 'a platform spec nests a few levels deep; look for runaway brackets' : HINTS[code],
  };
}

const HINTS: Readonly<Record<string, string>> = {
  PARSE005: 'fix the YAML syntax here; quoting the value often helps',
  PARSE006: 'remove or rename one of the two keys',
  PARSE007: 'indent with spaces, not tabs',
  PARSE012: 'the spec language uses plain values only, without tags',
};

/** Drops yaml's own "at line N, column M:" suffix and code frame; the renderer draws its own. */
function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function conversionDiagnostic(file: string, error: unknown): Diagnostic {
  // yaml's message for an alias bomb: "Excessive alias count indicates a resource exhaustion attack".
  const excessive = error instanceof ReferenceError && /excessive alias/i.test(error.message);
  return {
    code: excessive ? 'PARSE010' : 'PARSE005',
    severity: 'error',
    message: excessive
      ? `aliases in ${file} expand to too many nodes (more than ${MAX_ALIAS_COUNT} alias uses)`
      : `${file} cannot be converted to data: ${error instanceof Error ? error.message : String(error)}`,
    file,
    path: [],
    position: { file, line: 1, col: 1 },
    hint: excessive ? 'write the values out, or use fewer aliases' : 'simplify the YAML at this point',
  };
}
