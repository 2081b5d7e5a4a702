/**
 * Logging: retention values CloudWatch Logs accepts, an archive lifecycle S3 accepts, alarms on groups that exist.
 */
import type { CodeInfo } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../../load/loaded-spec.js';
import type { StorageClass } from '../../model/spec.js';
import { finding, type Rule } from '../rule.js';
import { suggestionHint } from '../suggest.js';
import { filterPatternProblem } from '../filter-pattern.js';

/** The retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
export const NEVER_EXPIRE = 'never-expire';
/** S3 refuses transitions to the infrequent-access classes before day 30. */
export const MIN_IA_DAYS = 30;
const INFREQUENT_ACCESS: readonly StorageClass[] = ['STANDARD_IA', 'ONEZONE_IA'];
/** The S3 lifecycle "waterfall": objects only move to colder classes. */
const COLDNESS: Readonly<Record<StorageClass, number>> = { STANDARD_IA: 1, INTELLIGENT_TIERING: 1, ONEZONE_IA: 2, GLACIER_IR: 3, GLACIER: 4, DEEP_ARCHIVE: 5 };
export const LOG_GROUP_NAME = /^[A-Za-z0-9_\-./#]{1,200}$/;
export const ALARM_NAME = /^[a-z][a-z0-9-]{0,63}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const LOGGING_CODES: readonly CodeInfo[] = [
  { code: 'LOG001', title: 'Retention not accepted by CloudWatch Logs', why: `CloudWatch Logs accepts only ${RETENTION_DAYS.join(', ')} days; never-expire must be written explicitly.`, example: 'logRetentionDays: 10', fix: 'Use the nearest accepted value, or "never-expire" to keep logs forever.' },
  { code: 'LOG002', title: 'Archive transitions not in increasing days', why: 'Lifecycle transitions happen in order; a later transition on an earlier day is rejected by S3.', example: 'transitions: [{ days: 90, ... }, { days: 30, ... }]', fix: 'Order the transitions by days, each later than the one before.' },
  { code: 'LOG003', title: 'Infrequent-access transition before day 30', why: 'S3 refuses transitions to STANDARD_IA or ONEZONE_IA earlier than 30 days after creation.', example: '{ days: 7, storageClass: STANDARD_IA }', fix: 'Use 30 days or more, or a different class.' },
  { code: 'LOG004', title: 'Archive expires before its last transition', why: 'Objects deleted before (or on) the day of their last transition never reach that class.', example: 'transitions: [{ days: 90, storageClass: GLACIER }]\nexpireDays: 60', fix: 'Set expireDays after the last transition.' },
  { code: 'LOG005', title: 'Invalid or duplicate log group', why: 'Log group names allow only some characters and must be unique.', example: 'groups: [system, system]', fix: 'Use unique names of letters, digits and _-./#.' },
  { code: 'LOG006', title: 'Alarm on an unknown log group', why: 'An alarm watches one of the declared log groups.', example: 'alarms: [{ group: managment, ... }]', fix: 'Name a group from logging.groups.' },
  { code: 'LOG007', title: 'Invalid alarm', why: 'Alarm names must be unique and usable in resource names; periods must be 10, 30 or a multiple of 60; emails must be addresses.', example: 'alarms: [{ name: errors, periodSeconds: 45, ... }]', fix: 'Fix the value named in the message.' },
  { code: 'LOG008', title: 'Archive transition to a warmer storage class', why: 'S3 lifecycle rules only move objects to colder classes (STANDARD_IA -> GLACIER_IR -> GLACIER -> DEEP_ARCHIVE).', example: 'transitions: [{ days: 30, storageClass: GLACIER }, { days: 90, storageClass: STANDARD_IA }]', fix: 'Order the classes from warm to cold.' },
  { code: 'LOG009', title: 'Malformed filter pattern', why: 'CloudWatch Logs refuses a filter pattern whose brackets, quotes or %regular expression% delimiters do not pair up, or that is longer than 1,024 characters, only when the logging stack deploys.', example: "pattern: '{ $.level = \"ERROR\"'", fix: 'Close what the message names; see the CloudWatch Logs filter pattern syntax.' },
];

export const checkLogging: Rule = (spec, loaded) => {
  const out: Diagnostic[] = [];
  for (const [name, env] of Object.entries(spec.environments)) {
    out.push(...retention(loaded, env.logRetentionDays, ['environments', name, 'logRetentionDays']));
  }
  const logging = spec.logging;
  if (logging === undefined) return out;

  const names: string[] = [];
  for (const [index, group] of logging.groups.entries()) {
    const name = typeof group === 'string' ? group : group.name;
    const path = typeof group === 'string' ? ['logging', 'groups', index] : ['logging', 'groups', index, 'name'];
    if (!LOG_GROUP_NAME.test(name)) {
      out.push(finding(loaded, { code: 'LOG005', path, message: `log group name "${name}" is not valid`, hint: 'use letters, digits and _-./# only' }));
    } else if (names.includes(name)) {
      out.push(finding(loaded, { code: 'LOG005', path, message: `log group "${name}" is declared twice` }));
    }
    names.push(name);
    if (typeof group !== 'string' && group.retentionDays !== undefined) {
      out.push(...retention(loaded, group.retentionDays, ['logging', 'groups', index, 'retentionDays']));
    }
  }

  const archive = logging.archive;
  if (archive !== undefined) {
    let previous: { days: number; storageClass: StorageClass } | undefined;
    for (const [index, transition] of archive.transitions.entries()) {
      const path = ['logging', 'archive', 'transitions', index];
      if (INFREQUENT_ACCESS.includes(transition.storageClass) && transition.days < MIN_IA_DAYS) {
        out.push(finding(loaded, { code: 'LOG003', path: [...path, 'days'], message: `transition to ${transition.storageClass} after ${transition.days} days; S3 requires at least ${MIN_IA_DAYS}` }));
      }
      if (previous !== undefined && transition.days <= previous.days) {
        out.push(finding(loaded, { code: 'LOG002', path: [...path, 'days'], message: `transition after ${transition.days} days does not come after the previous one (${previous.days} days)`, hint: 'order transitions by increasing days' }));
      }
      if (previous !== undefined && COLDNESS[transition.storageClass] <= COLDNESS[previous.storageClass]) {
        out.push(finding(loaded, { code: 'LOG008', path: [...path, 'storageClass'], message: `transition to ${transition.storageClass} follows ${previous.storageClass}, which is not warmer`, hint: 'order classes from warm to cold: STANDARD_IA, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE' }));
      }
      previous = transition;
    }
    if (archive.expireDays !== undefined && previous !== undefined && archive.expireDays <= previous.days) {
      out.push(finding(loaded, { code: 'LOG004', path: ['logging', 'archive', 'expireDays'], message: `archive expires after ${archive.expireDays} days, not after its last transition (${previous.days} days)`, hint: `set expireDays above ${previous.days}` }));
    }
  }

  const alarmNames: string[] = [];
  for (const [index, alarm] of (logging.alarms ?? []).entries()) {
    const path = ['logging', 'alarms', index];
    if (!ALARM_NAME.test(alarm.name)) {
      out.push(finding(loaded, { code: 'LOG007', path: [...path, 'name'], message: `alarm name "${alarm.name}" is not valid`, hint: 'use [a-z][a-z0-9-]*' }));
    } else if (alarmNames.includes(alarm.name)) {
      out.push(finding(loaded, { code: 'LOG007', path: [...path, 'name'], message: `alarm "${alarm.name}" is declared twice` }));
    }
    alarmNames.push(alarm.name);
    if (!names.includes(alarm.group)) {
      out.push(finding(loaded, { code: 'LOG006', path: [...path, 'group'], message: `alarm ${alarm.name} watches log group "${alarm.group}", which is not declared`, hint: suggestionHint(alarm.group, names, 'log groups') }));
    }
    const period = alarm.periodSeconds;
    if (period !== undefined && period !== 10 && period !== 30 && period % 60 !== 0) {
      out.push(finding(loaded, { code: 'LOG007', path: [...path, 'periodSeconds'], message: `alarm period ${period} s is not 10, 30 or a multiple of 60` }));
    }
    const problem = filterPatternProblem(alarm.pattern);
    if (problem !== undefined) {
      out.push(finding(loaded, { code: 'LOG009', path: [...path, 'pattern'], message: `filter pattern of alarm ${alarm.name} is malformed: ${problem}` }));
    }
    if (alarm.email !== undefined && !EMAIL.test(alarm.email)) {
      out.push(finding(loaded, { code: 'LOG007', path: [...path, 'email'], message: `"${alarm.email}" is not an email address` }));
    }
  }
  return out;
};

function retention(loaded: LoadedSpec, value: number | string, path: readonly (string | number)[]): Diagnostic[] {
  if (value === NEVER_EXPIRE) return [];
  if (typeof value === 'number' && RETENTION_DAYS.includes(value)) return [];
  const hint = typeof value === 'number' ? `the nearest accepted value is ${nearest(value)}` : `write a number of days or "${NEVER_EXPIRE}"`;
  return [finding(loaded, { code: 'LOG001', path, message: `retention ${JSON.stringify(value)} is not a value CloudWatch Logs accepts (${RETENTION_DAYS.join(', ')} or ${NEVER_EXPIRE})`, hint })];
}

function nearest(days: number): number {
  return RETENTION_DAYS.reduce((best, d) => (Math.abs(d - days) < Math.abs(best - days) ? d : best), RETENTION_DAYS[0] ?? 1);
}
