/**
 * The structural check of CloudWatch Logs filter patterns behind LOG009: the pattern forms CloudWatch documents
 * pass, unpaired brackets, quotes and regex delimiters do not.
 */
import { describe, expect, it } from 'vitest';
import { filterPatternProblem, MAX_FILTER_PATTERN } from '../../compiler/validate/filter-pattern.js';

describe('filterPatternProblem', () => {
  it.each([
    'ERROR',
    'ERROR ?WARN -DEBUG',
    '"Exception in thread"',
    '"a \\" quote inside"',
    '[ip, user, username, timestamp, request = "GET *", status_code = 4*, bytes]',
    '{ $.level = "ERROR" }',
    '{ ($.errorCode = "AccessDenied") || ($.errorCode = "*UnauthorizedOperation") }',
    '{ $.latency > 1000 && $.message = %time(d)?out% }',
    '%ERROR|FATAL%',
    '[w1, w2 = %4[0-9]{2}%, w3]',
  ])('accepts %s', (pattern) => {
    expect(filterPatternProblem(pattern)).toBeUndefined();
  });

  it.each([
    ['{ $.level = "ERROR"', '"}" is missing at the end'],
    ['{ $.level = "ERROR" }}', '"}" at position 22 closes nothing'],
    ['[a, b}', '"}" at position 6 where "]" should close'],
    ['{ ($.a = 1 }', '"}" at position 12 where ")" should close'],
    ['"unterminated', 'a double quote is not closed'],
    ['%ERROR', 'a %regular expression% is not closed'],
    ['x'.repeat(MAX_FILTER_PATTERN + 1), `it is ${MAX_FILTER_PATTERN + 1} characters; CloudWatch allows ${MAX_FILTER_PATTERN}`],
  ])('refuses %s: %s', (pattern, problem) => {
    expect(filterPatternProblem(pattern)).toBe(problem);
  });
});
