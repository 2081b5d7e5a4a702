/**
 * Codes for the shape check against schema/platform.schema.json (SCHEMA). Kept apart from the checker so the code
 * registry can be read without compiling the schema.
 */
import type { CodeInfo } from '../diagnostics/codes.js';

export const SCHEMA_CODES: readonly CodeInfo[] = [
  {
    code: 'SCHEMA001',
    title: 'Unknown key',
    why: 'A misspelt key would otherwise be ignored and its setting silently lost.',
    example: 'network:\n  overlay: { cidr: 172.16.0.0/16, vnii: 100 }',
    fix: 'Use the suggested key, or remove it. The schema lists every key with a description.',
  },
  {
    code: 'SCHEMA002',
    title: 'Missing required key',
    why: 'The compiler needs this value and has no safe default for it.',
    example: 'environments:\n  dev: { account: "111122223333", region: us-west-2 }',
    fix: 'Add the key named in the message.',
  },
  {
    code: 'SCHEMA003',
    title: 'Wrong type',
    why: 'A value of the wrong type (a number for a list, an unquoted account id) means something else than intended.',
    example: 'logging:\n  groups: system',
    fix: 'Write the value with the type named in the message.',
  },
  {
    code: 'SCHEMA004',
    title: 'Value not allowed',
    why: 'The field accepts a fixed set of values.',
    example: 'pipelines:\n  p: { stages: [{ env: prod, approval: sometimes }] }',
    fix: 'Use one of the allowed values (the schema lists them).',
  },
  {
    code: 'SCHEMA005',
    title: 'Value out of range',
    why: 'Numbers, lists and texts have limits set by AWS or by the language.',
    example: 'network:\n  hostSubnet: { prefixLength: 30 }',
    fix: 'Use a value within the limits given in the message.',
  },
  {
    code: 'SCHEMA006',
    title: 'Value has the wrong format',
    why: 'Names and identifiers must have a form AWS and the generated scripts accept.',
    example: 'platform: CloudStack',
    fix: 'Write the value in the format given in the message.',
  },
  {
    code: 'SCHEMA007',
    title: 'Duplicate list item',
    why: 'A list that names something twice is a mistake (the second entry adds nothing).',
    example: 'clientCidrs: [203.0.113.0/24, 203.0.113.0/24]',
    fix: 'Remove the duplicate.',
  },
  {
    code: 'SCHEMA008',
    title: 'Value does not match the schema',
    why: 'The value breaks a schema constraint not covered by a more specific code.',
    example: '(rare)',
    fix: 'Read the field description in schema/platform.schema.json.',
  },
];
