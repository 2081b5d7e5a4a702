/**
 * What an Access Analyzer location path names in the policy that was sent: an action, a resource, a condition
 * key, or nothing a spec could write as it is.
 */
import { describe, expect, it } from 'vitest';
import { elementOfPath } from '../../compiler/access-analyzer/map-findings.js';

const document = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['logs:PutLogEvents', 's3:DeleteObject'], Resource: '*' },
    { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } },
  ],
};

describe('elementOfPath', () => {
  it.each<[string, { value?: string; index?: number; key?: string }[] | undefined, string | undefined]>([
    ['an action in a list', [{ value: 'Statement' }, { index: 0 }, { value: 'Action' }, { index: 1 }], 's3:DeleteObject'],
    ['an action written alone', [{ value: 'Statement' }, { index: 1 }, { value: 'Action' }], 's3:GetObject'],
    ['a resource', [{ value: 'Statement' }, { index: 1 }, { value: 'Resource' }], 'arn:aws:s3:::b/*'],
    ['a condition key', [{ value: 'Statement' }, { index: 1 }, { value: 'Condition' }, { value: 'StringEquals' }, { key: 'aws:SourceAccount' }], 'aws:SourceAccount'],
    ['a whole statement', [{ value: 'Statement' }, { index: 0 }], undefined],
    ['a path past the end', [{ value: 'Statement' }, { index: 5 }, { value: 'Action' }], undefined],
    ['an index into a string', [{ value: 'Statement' }, { index: 1 }, { value: 'Action' }, { index: 0 }], undefined],
    ['a span inside a string', [{ value: 'Statement' }, { index: 1 }, { value: 'Resource' }, {}], undefined],
    ['no path', undefined, undefined],
    ['an inherited name', [{ value: 'toString' }], undefined],
  ])('%s', (_name, path, expected) => {
    expect(elementOfPath(document, path)).toBe(expected);
  });
});
