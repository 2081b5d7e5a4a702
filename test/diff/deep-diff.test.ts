/**
 * Comparing values element by element, as a table: what a reviewer reads for each kind of array change.
 */
import { describe, expect, it } from 'vitest';
import { diffValues } from '../../compiler/diff/deep-diff.js';
import type { Json } from '../../compiler/model/cfn.js';

const lines = (before: Json, after: Json): string[] =>
  diffValues(before, after).map((c) => `${c.path.join('.')} ${c.kind} ${JSON.stringify(c.old ?? null)} -> ${JSON.stringify(c.new ?? null)}`);

describe('diffValues', () => {
  it.each<[string, Json, Json, string[]]>([
    ['one id replaced by another in an unordered list', { DependsOn: ['A'] }, { DependsOn: ['B'] }, ['DependsOn.0 modified "A" -> "B"']],
    ['an id added', { DependsOn: ['A'] }, { DependsOn: ['A', 'B'] }, ['DependsOn.1 added null -> "B"']],
    ['an id removed', { DependsOn: ['A', 'B'] }, { DependsOn: ['B'] }, ['DependsOn.0 removed "A" -> null']],
    ['the same ids in another order', { DependsOn: ['A', 'B'] }, { DependsOn: ['B', 'A'] }, []],
    ['a security group id swapped, others kept', { SecurityGroupIds: ['sg-1', 'sg-2'] }, { SecurityGroupIds: ['sg-1', 'sg-3'] }, ['SecurityGroupIds.1 modified "sg-2" -> "sg-3"']],
    ['an ordered list compares position by position', { Args: ['a', 'b'] }, { Args: ['b', 'a'] }, ['Args.0 modified "a" -> "b"', 'Args.1 modified "b" -> "a"']],
  ])('%s', (_, before, after, expected) => {
    expect(lines(before, after)).toEqual(expected);
  });
});
