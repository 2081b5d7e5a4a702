import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandLogging } from '../../../compiler/expand/logging.js';
import type { LogGroupSpec } from '../../../compiler/model/spec.js';
import { envOf, platformOf, templateOf } from './helpers.js';

const RETENTIONS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
const retention = fc.oneof(fc.constantFrom(...RETENTIONS), fc.constant('never-expire' as const));

const groups = fc.uniqueArray(
  fc.record({ name: fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), retentionDays: fc.option(retention, { nil: undefined }) }),
  { selector: (group) => group.name, minLength: 1, maxLength: 6 },
);

describe('logging expander properties', () => {
  it('never leaves a group to never-expire unless written, and ships every group exactly once', () => {
    fc.assert(
      fc.property(groups, retention, fc.boolean(), (declared: LogGroupSpec[], envRetention, archive) => {
        const platform = platformOf(
          {
            logging: {
              groups: declared,
              ...(archive ? { archive: { transitions: [{ days: 30, storageClass: 'STANDARD_IA' as const }], expireDays: 365 } } : {}),
            },
          },
          [{ name: 'dev', account: '111122223333', region: 'us-west-2', logRetentionDays: envRetention }],
        );
        const template = templateOf(expandLogging({ platform, env: envOf(platform, 'dev') }), 'logging');
        const resources = Object.values(template.Resources);
        const logGroups = resources.filter((r) => r.Type === 'AWS::Logs::LogGroup');
        const explicit = new Map(declared.map((group) => [`/cloudstack/dev/${group.name}`, group.retentionDays ?? envRetention]));
        for (const group of logGroups) {
          const name = String(group.Properties!['LogGroupName']);
          const expected = explicit.get(name) ?? envRetention;
          expect(group.Properties!['RetentionInDays']).toBe(expected === 'never-expire' ? undefined : expected);
        }
        const subscriptions = resources.filter((r) => r.Type === 'AWS::Logs::SubscriptionFilter');
        expect(subscriptions.length).toBe(archive ? logGroups.length : 0);
        const perGroup = new Set(subscriptions.map((s) => JSON.stringify(s.Properties!['LogGroupName'])));
        expect(perGroup.size).toBe(subscriptions.length);
      }),
      { numRuns: 200 },
    );
  });
});
