/**
 * Codes for reading and parsing a spec file (PARSE). They come before the schema: a file that cannot be read or
 * parsed has no shape to check.
 */
import type { CodeInfo } from '../diagnostics/codes.js';

export const PARSE_CODES: readonly CodeInfo[] = [
  {
    code: 'PARSE001',
    title: 'Spec file not found',
    why: 'A path given on the command line must name an existing file.',
    example: 'platformc validate specs/missing.platform.yaml',
    fix: 'Check the path, or run without arguments to use specs/**/*.platform.yaml.',
  },
  {
    code: 'PARSE002',
    title: 'Path is not a regular file',
    why: 'A spec is one file on disk; a device or named pipe (/dev/zero, a FIFO) has no end and would hang the read. (A directory on the command line stands for every *.platform.yaml under it.)',
    example: 'platformc validate /dev/zero',
    fix: 'Name the spec file, its directory, or a glob such as "specs/**/*.platform.yaml".',
  },
  {
    code: 'PARSE003',
    title: 'Spec file too large',
    why: 'A platform description is a few kilobytes; a file of many megabytes is a mistake or an attack and is refused before parsing.',
    example: 'a 20 MiB file passed as a spec',
    fix: 'Pass the platform.yaml itself; split unrelated platforms into separate files.',
  },
  {
    code: 'PARSE004',
    title: 'File is not UTF-8',
    why: 'YAML is read as UTF-8; other encodings would silently change names and values.',
    example: 'a spec saved as Latin-1 containing "ü"',
    fix: 'Save the file as UTF-8.',
  },
  {
    code: 'PARSE005',
    title: 'YAML syntax error',
    why: 'The file is not valid YAML, so nothing in it can be trusted.',
    example: 'environments: { dev: [ }',
    fix: 'Fix the syntax at the reported position.',
  },
  {
    code: 'PARSE006',
    title: 'Duplicate key',
    why: 'With a repeated key one of the two values would be ignored without notice.',
    example: 'environments:\n  dev: {...}\n  dev: {...}',
    fix: 'Remove or rename one of the keys.',
  },
  {
    code: 'PARSE007',
    title: 'Tab used for indentation',
    why: 'YAML forbids tabs as indentation; editors show them at different widths.',
    example: 'network:\n\toverlay: {...}',
    fix: 'Indent with spaces.',
  },
  {
    code: 'PARSE008',
    title: 'Empty spec file',
    why: 'An empty file describes no platform.',
    example: '(a file with only comments)',
    fix: 'Describe the platform, starting from the commented spec `platformc init` writes.',
  },
  {
    code: 'PARSE009',
    title: 'Several YAML documents in one file',
    why: 'One file describes exactly one platform; a second document after "---" would be ignored.',
    example: 'platform: a\n---\nplatform: b',
    fix: 'Put each platform in its own *.platform.yaml file.',
  },
  {
    code: 'PARSE010',
    title: 'Too many aliases',
    why: 'Nested aliases can expand a small file into billions of nodes ("billion laughs"); expansion is capped.',
    example: 'a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b, ...]',
    fix: 'Write the values out, or use fewer aliases.',
  },
  {
    code: 'PARSE011',
    title: 'Spec file cannot be read',
    why: 'The operating system refused to read the file.',
    example: 'a file without read permission',
    fix: 'Check the file permissions.',
  },
  {
    code: 'PARSE012',
    title: 'YAML warning',
    why: 'The YAML parser accepted the file but found something that is probably not meant, such as an unknown tag.',
    example: 'platform: !Ref name',
    fix: 'Remove the tag or construct; the spec language uses plain values only.',
  },
  {
    code: 'PARSE014',
    title: 'Control character in the file',
    why: 'YAML allows no control characters but tab, line feed and carriage return; a NUL or an escape character in a spec is a binary file or a bad paste, and the parser would misread the line.',
    example: 'platform: demo<U+0000>',
    fix: 'Remove the character; in a double-quoted string, write it as an escape such as \\u0001 if it is really meant.',
  },
  {
    code: 'PARSE013',
    title: 'No spec files found',
    why: 'The patterns matched no file, so nothing would be checked; saying so avoids a silent success.',
    example: 'platformc validate "spec/*.platform.yaml"',
    fix: 'Check the pattern; by default platformc looks for specs/**/*.platform.yaml, which `platformc init` starts.',
  },
];
