/**
 * Route 53 answers against their record type: what each answer can be (an environment answers with its router's
 * Elastic IP, an IPv4 address), and where a CNAME may stand. Route 53 refuses the others only when the change set
 * executes, and an environment's answer is a template parameter that no linter can see through.
 */
import type { CodeInfo } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { RecordSpec, RecordTargetSpec } from '../../model/spec.js';
import { isIpv6Address, parseIpv4 } from '../cidr.js';
import { canonicalName, DOMAIN_NAME } from '../domain-names.js';
import { finding, type Rule } from '../rule.js';

export const RECORD_ANSWER_CODES: readonly CodeInfo[] = [
  { code: 'DNS020', title: 'Answer does not fit the record type', why: 'An A record answers with an IPv4 address, AAAA with IPv6, CNAME with a domain name, TXT with printable ASCII (no double quotes); an environment answers with its router\'s Elastic IP, which is IPv4, so only A records can name one. Route 53 refuses anything else when the change set executes.', example: '{ name: v6.example.com, type: AAAA, policy: simple, target: { env: prod } }', fix: 'Use type A for environment answers, or give a value of the record\'s kind.' },
  { code: 'DNS021', title: 'CNAME where DNS allows none', why: 'A CNAME cannot stand at the zone apex (the zone\'s own SOA and NS records are there) nor share its name with records of another type.', example: '{ name: example.com, type: CNAME, ... } in zone example.com', fix: 'Use an A record at the apex, or give the CNAME a name of its own.' },
];

/**
 * TXT data platformc quotes itself: printable ASCII (Route 53 wants anything else written as escapes) without
 * double quotes (escaped quotes are valid DNS, but fail the Route 53 pattern cfn-lint holds every template to).
 */
const TXT_DATA = /^[\x20\x21\x23-\x7e]+$/;

/** Why `value` cannot answer a record of `type`, or undefined when it can. */
function valueProblem(type: RecordSpec['type'], value: string): string | undefined {
  switch (type) {
    case 'A':
      return parseIpv4(value) === undefined ? 'an A record answers with an IPv4 address' : undefined;
    case 'AAAA':
      return isIpv6Address(value) ? undefined : 'an AAAA record answers with an IPv6 address';
    case 'CNAME':
      return DOMAIN_NAME.test(value) && parseIpv4(value) === undefined ? undefined : 'a CNAME record answers with a domain name';
    case 'TXT':
      // A value the spec quotes itself is passed on as written.
      return value.startsWith('"') || TXT_DATA.test(value) ? undefined : 'TXT data here is non-empty printable ASCII without double quotes';
  }
}

interface Answer {
  readonly target: RecordTargetSpec | { readonly env: string };
  readonly path: readonly (string | number)[];
}

function answersOf(record: RecordSpec, path: readonly (string | number)[]): Answer[] {
  const answers: Answer[] = [];
  if (record.target !== undefined) answers.push({ target: record.target, path: [...path, 'target'] });
  for (const key of ['primary', 'secondary'] as const) {
    const env = record[key];
    if (env !== undefined) answers.push({ target: { env }, path: [...path, key] });
  }
  (record.targets ?? []).forEach((target, index) => answers.push({ target, path: [...path, 'targets', index] }));
  return answers;
}

export const checkRecordAnswers: Rule = (spec, loaded) => {
  const routing = spec.routing;
  if (routing === undefined) return [];
  const out: Diagnostic[] = [];
  routing.records.forEach((record, index) => {
    const path = ['routing', 'records', index];
    for (const { target, path: where } of answersOf(record, path)) {
      if ('env' in target && target.env !== undefined && record.type !== 'A') {
        const field = where[where.length - 1] === 'primary' || where[where.length - 1] === 'secondary' ? where : [...where, 'env'];
        out.push(finding(loaded, { code: 'DNS020', path: field, message: `${record.name} ${record.type} cannot answer with environment ${target.env}: an environment answers with its router's Elastic IP, an IPv4 address`, hint: 'make the record type A, or give a value instead of env' }));
      }
      const value = 'value' in target ? target.value : undefined;
      const problem = value === undefined ? undefined : valueProblem(record.type, value);
      if (problem !== undefined) {
        out.push(finding(loaded, { code: 'DNS020', path: [...where, 'value'], message: `${record.name} ${record.type} cannot answer "${value}": ${problem}` }));
      }
    }
    if (record.type !== 'CNAME') return;
    const name = canonicalName(record.name);
    if (name === canonicalName(routing.zone)) {
      out.push(finding(loaded, { code: 'DNS021', path: [...path, 'name'], message: `${record.name} is the zone apex, where a CNAME cannot stand`, hint: 'use an A record at the apex' }));
    }
    const other = routing.records.findIndex((each) => each.type !== 'CNAME' && canonicalName(each.name) === name);
    if (other >= 0) {
      out.push(finding(loaded, { code: 'DNS021', path: [...path, 'name'], message: `${record.name} has a CNAME and a ${routing.records[other]?.type ?? ''} record (record ${other + 1}); a CNAME cannot share its name`, hint: 'give the CNAME a name of its own' }));
    }
  });
  return out;
};
