/**
 * The execute build's time allows for every round of a rolling batch: all hypervisors at once is one round; with a
 * batch, each hosts stack takes its hypervisors over the batch, and the stacks go one after another.
 */
import { describe, expect, it } from 'vitest';
import { executeMinutes, MAX_BUILD_MINUTES, rollingRounds } from '../../../compiler/expand/pipeline-timeouts.js';
import type { Environment } from '../../../compiler/model/platform.js';

const env = (hypervisorCount: number, options: { rollingBatch?: number; perStack?: number } = {}): Environment =>
  ({ hypervisorCount, hypervisorsPerStack: options.perStack ?? 100, ...(options.rollingBatch === undefined ? {} : { rollingBatch: options.rollingBatch }) }) as Environment;

describe('rolling rounds', () => {
  it.each<[string, Environment, number]>([
    ['all at once', env(40), 1],
    ['one at a time', env(4, { rollingBatch: 1 }), 4],
    ['two at a time, the last round short', env(5, { rollingBatch: 2 }), 3],
    ['a batch larger than the fleet', env(3, { rollingBatch: 10 }), 1],
    ['per stack: 7 in stacks of 3, two at a time (2 + 2 + 1)', env(7, { rollingBatch: 2, perStack: 3 }), 5],
  ])('%s', (_, e, rounds) => {
    expect(rollingRounds(e)).toBe(rounds);
  });
});

describe('execute build minutes', () => {
  it.each<[string, Environment[], number]>([
    ['no rolling: the hour it always had', [env(40), env(2)], 60],
    ['the slowest environment decides', [env(4, { rollingBatch: 1 }), env(2, { rollingBatch: 1 })], 105],
    ['never over what CodeBuild allows', [env(300, { rollingBatch: 1 })], MAX_BUILD_MINUTES],
  ])('%s', (_, envs, minutes) => {
    expect(executeMinutes(envs)).toBe(minutes);
  });
});
