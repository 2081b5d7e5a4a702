/**
 * A finding on a generated statement points at the value it is about when the spec writes that value exactly
 * once under the statement's entry.
 */
import { describe, expect, it } from 'vitest';
import { pathOfValue, valueAt } from '../../compiler/load/path-of-value.js';

const spec = {
  iam: {
    roles: {
      shipper: { allow: [{ actions: ['logs:PutLogEvents', 'sqs:ReceiveMessages'], resources: ['*'] }] },
      twice: { allow: [{ actions: ['s3:Gett'], notActions: ['s3:Gett'] }] },
    },
    boundaries: { standard: { deny: ['organizations:*', 'account:*'] } },
  },
};

describe('pathOfValue', () => {
  it.each<[string, readonly (string | number)[], string, readonly (string | number)[] | undefined]>([
    ['an action in a statement\'s list', ['iam', 'roles', 'shipper', 'allow', 0], 'sqs:ReceiveMessages', ['iam', 'roles', 'shipper', 'allow', 0, 'actions', 1]],
    ['an entry of a plain list', ['iam', 'boundaries', 'standard', 'deny'], 'account:*', ['iam', 'boundaries', 'standard', 'deny', 1]],
    ['a value written twice: no guess', ['iam', 'roles', 'twice', 'allow', 0], 's3:Gett', undefined],
    ['a value the spec does not write (a generated one)', ['iam', 'roles', 'shipper', 'allow', 0], 'logs:CreateLogStream', undefined],
    ['a value deeper than two levels', ['iam', 'roles', 'shipper'], 'sqs:ReceiveMessages', undefined],
    ['a path that leads nowhere', ['iam', 'roles', 'missing'], 'sqs:ReceiveMessages', undefined],
    ['the value itself at the path', ['iam', 'boundaries', 'standard', 'deny', 0], 'organizations:*', ['iam', 'boundaries', 'standard', 'deny', 0]],
  ])('%s', (_name, path, value, expected) => {
    expect(pathOfValue(spec, path, value)).toEqual(expected);
  });

  it('reads plain values along a path, and nothing through a scalar or a missing key', () => {
    expect(valueAt(spec, ['iam', 'boundaries', 'standard', 'deny', 1])).toBe('account:*');
    expect(valueAt(spec, ['iam', 'boundaries', 'standard', 'deny', 'x'])).toBeUndefined();
    expect(valueAt(spec, ['iam', 'roles', 'shipper', 'allow', 0, 'actions', 0, 'more'])).toBeUndefined();
    expect(valueAt(spec, ['toString'])).toBeUndefined();
  });
});
