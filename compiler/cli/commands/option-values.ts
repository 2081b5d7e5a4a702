/**
 * Parsers for option values that commander hands over as plain strings. A value that cannot be right is a usage
 * error (exit 2, commander's `error: option '--out <dir>' argument '' is invalid. ...`), caught before any work:
 * an empty `--out` would otherwise write platforms into the current directory, an empty `--env` would report
 * "no environment named" with nothing after it.
 */
import { InvalidArgumentError } from 'commander';

/** A parser that accepts any value but an empty or blank one; `what` names what was expected. */
export function nonEmpty(what: string): (value: string) => string {
  return (value) => {
    if (value.trim() === '') throw new InvalidArgumentError(`expected ${what}, got an empty value.`);
    return value;
  };
}

/** An AWS account id: exactly 12 digits (`--account`). */
export function accountId(value: string): string {
  if (!/^\d{12}$/.test(value)) throw new InvalidArgumentError('expected an AWS account id of 12 digits');
  return value;
}

/** An AWS region code such as us-east-1 (`--region`); whether AWS has it is checked where it is used. */
export function regionCode(value: string): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(value)) throw new InvalidArgumentError('expected a region code such as us-east-1');
  return value;
}

/** A whole number of at least 1 (`--concurrency`, `--timeout`). */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}
