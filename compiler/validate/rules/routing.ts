/**
 * Route 53 routing: the eight policies with their constraints, records sharing a name and type sharing a policy,
 * and every referenced environment existing.
 */
import type { CodeInfo } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../../load/loaded-spec.js';
import type { PlatformSpec, RecordSpec, RecordTargetSpec, RoutingPolicy } from '../../model/spec.js';
import { healthCheckProbes, MANAGEMENT_UI_PORT } from '../../model/routing-targets.js';
import { isAwsRegion, REGION_CODES } from '../aws-regions.js';
import { parseCidr } from '../cidr.js';
import { canonicalName, DOMAIN_NAME } from '../domain-names.js';
import { isCountryCode, isUsSubdivisionCode } from '../iso-3166.js';
import { environmentNames, finding, type Rule } from '../rule.js';
import { suggestionHint } from '../suggest.js';

export const MAX_WEIGHT = 255;
export const MAX_MULTIVALUE_ANSWERS = 8;
export const MAX_BIAS = 99;

/** A record name: a domain name, or a wildcard (`*.apps.example.com`), which Route 53 allows as the leftmost label only. */
function isRecordName(name: string): boolean {
  return name.startsWith('*.') ? DOMAIN_NAME.test(name.slice(2)) && name.length <= 253 : DOMAIN_NAME.test(name);
}
const COUNTRY = /^[A-Z]{2}$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
/** Policies whose answers are listed under `targets`. */
const TARGET_POLICIES: readonly RoutingPolicy[] = ['weighted', 'latency', 'geolocation', 'geoproximity', 'multivalue', 'ip-based'];

export const ROUTING_CODES: readonly CodeInfo[] = [
  { code: 'DNS001', title: 'Routing home is an unknown environment', why: 'The hosted zone and dns stack live in the account of an existing environment.', example: 'routing: { home: prd, ... }', fix: 'Use a name from environments.' },
  { code: 'DNS002', title: 'Record names an unknown environment', why: 'A record answers with an environment\'s entry point; a missing environment has none.', example: 'targets: [{ env: prd, weight: 10 }]', fix: 'Use a name from environments.' },
  { code: 'DNS003', title: 'Weight missing or out of range', why: 'Route 53 weights are integers from 0 to 255, one per weighted answer.', example: 'targets: [{ env: prod, weight: 300 }]', fix: 'Give every weighted target a weight from 0 to 255.' },
  { code: 'DNS004', title: 'Failover without exactly one primary', why: 'A failover set has exactly one PRIMARY and at most one SECONDARY answer.', example: 'two failover records for the same name, both with a primary', fix: 'Declare one failover record per name and type, with primary and optionally secondary.' },
  { code: 'DNS005', title: 'Failover primary without health check', why: 'Route 53 fails over only when a health check reports the primary unhealthy.', example: '{ policy: failover, primary: prod, secondary: dr }', fix: 'Add healthCheck: { port, path }.' },
  { code: 'DNS006', title: 'Too many multivalue answers', why: `Route 53 returns at most ${MAX_MULTIVALUE_ANSWERS} healthy answers for a multivalue record.`, example: 'policy: multivalue with 9 targets', fix: `Keep at most ${MAX_MULTIVALUE_ANSWERS} targets.` },
  { code: 'DNS007', title: 'Geoproximity bias out of range', why: 'Route 53 accepts a bias from -99 to 99.', example: 'targets: [{ env: prod, bias: 150 }]', fix: 'Use a bias from -99 to 99.' },
  { code: 'DNS008', title: 'Records of one name and type use different policies', why: 'Route 53 records with the same name and type form one set with one routing policy.', example: 'api A weighted, and api A latency', fix: 'Use one policy for the name and type.' },
  { code: 'DNS009', title: 'Target without exactly one of env or value', why: 'An answer is either an environment\'s entry point or a literal value.', example: 'targets: [{ weight: 10 }]', fix: 'Give env or value.' },
  { code: 'DNS010', title: 'Record shape does not fit its policy', why: 'Each policy takes its own fields: simple a target, failover primary/secondary, the others targets.', example: '{ policy: weighted, target: { env: prod } }', fix: 'Use the fields the policy takes (see the schema description of policy).' },
  { code: 'DNS011', title: 'Invalid latency or geoproximity region', why: 'Latency and geoproximity answers are tied to an AWS region.', example: 'targets: [{ value: 192.0.2.1, region: eu-centrall-1 }]', fix: 'Use an AWS region code, or target an environment to use its region.' },
  { code: 'DNS012', title: 'Invalid geolocation', why: 'Geolocation answers name a continent, a country (with an optional subdivision, which Route 53 has for the United States only) or the "*" default, each once.', example: 'location: { country: Germany }', fix: 'Use continent codes (EU), assigned ISO country codes (DE), US state codes with country: US (CA), or "*".' },
  { code: 'DNS013', title: 'Invalid geoproximity location', why: 'A geoproximity answer has exactly one location: an AWS region or coordinates.', example: 'targets: [{ value: 192.0.2.1 }]', fix: 'Give env, awsRegion or coordinates (latitude -90..90, longitude -180..180).' },
  { code: 'DNS014', title: 'Invalid ip-based CIDR list', why: 'IP-based routing maps client CIDR blocks to answers.', example: 'targets: [{ env: prod, cidrs: [] }]', fix: 'Give each target valid CIDRs.' },
  { code: 'DNS015', title: 'Record outside the zone', why: 'A hosted zone holds only names inside its domain.', example: 'zone: example.com\nrecords: [{ name: api.example.org, ... }]', fix: 'Use a name ending in the zone.' },
  { code: 'DNS016', title: 'Invalid domain name', why: 'Zone and record names must be valid DNS names; a record name may start with a wildcard label (*.apps.example.com), as Route 53 allows.', example: 'zone: "example..com"', fix: 'Write a valid domain name; a wildcard only as the leftmost label.' },
  { code: 'DNS017', title: 'Health checkers shut out', why: 'The router accepts the checked port only from clientCidrs unless the region\'s Route 53 health-checker prefix list is declared; the checkers then never get an answer and the check reports the environment unhealthy (a failover would never return to it).', example: 'healthCheck: { port: 8080 } on prod (us-east-1), no routing.healthCheckerPrefixLists entry for us-east-1', fix: 'Add the region\'s prefix list id under routing.healthCheckerPrefixLists.' },
  { code: 'DNS018', title: 'Health check on a port the router does not serve', why: `The router forwards only TCP ${MANAGEMENT_UI_PORT} (the management UI) to the management server; nothing answers a check on another port of its address.`, example: 'healthCheck: { port: 443 } on an environment target', fix: `Check port ${MANAGEMENT_UI_PORT}.` },
  { code: 'DNS019', title: 'Prefix list for an unknown region', why: 'Prefix lists of the health checkers are declared per AWS region.', example: 'healthCheckerPrefixLists: { us-est-1: pl-0123456789abcdef0 }', fix: 'Use an AWS region code.' },
];

export const checkRouting: Rule = (spec, loaded) => {
  const routing = spec.routing;
  if (routing === undefined) return [];
  const out: Diagnostic[] = [];
  const envs = environmentNames(spec);
  const report = (code: string, path: readonly (string | number)[], message: string, hint?: string): void => {
    out.push(finding(loaded, { code, path, message, ...(hint ? { hint } : {}) }));
  };
  const envRef = (env: string, path: readonly (string | number)[]): void => {
    if (!envs.includes(env)) report('DNS002', path, `record names environment "${env}", which does not exist`, suggestionHint(env, envs, 'environments'));
  };

  if (!envs.includes(routing.home)) report('DNS001', ['routing', 'home'], `routing home "${routing.home}" is not an environment`, suggestionHint(routing.home, envs, 'environments'));
  const zone = canonicalName(routing.zone);
  if (!DOMAIN_NAME.test(routing.zone)) report('DNS016', ['routing', 'zone'], `zone "${routing.zone}" is not a valid domain name`);

  const sets = new Map<string, { policy: RoutingPolicy; index: number; primaries: number; secondaries: number }>();
  for (const [index, record] of routing.records.entries()) {
    const base = ['routing', 'records', index];
    const name = canonicalName(record.name);
    if (!isRecordName(record.name)) report('DNS016', [...base, 'name'], `record name "${record.name}" is not a valid domain name`, record.name.includes('*') ? 'a wildcard is allowed as the leftmost label only: *.apps.example.com' : undefined);
    else if (name !== zone && !name.endsWith(`.${zone}`)) {
      // The record's first label inside the zone is the usual fix (www.example.org in zone example.com).
      const label = name.split('.')[0] ?? '';
      report('DNS015', [...base, 'name'], `record ${record.name} is not inside zone ${routing.zone}`, `name it inside the zone, such as ${label === '' ? '' : `${label}.`}${zone} (or the zone's apex, ${zone})`);
    }

    const key = `${name}|${record.type}`;
    const set = sets.get(key);
    if (set !== undefined && set.policy !== record.policy) {
      report('DNS008', [...base, 'policy'], `${record.name} ${record.type} uses ${record.policy}, but record ${set.index + 1} of the same name and type uses ${set.policy}`, `use ${set.policy} for every ${record.type} record of ${record.name}`);
    } else if (set !== undefined && record.policy === 'simple') {
      report('DNS010', base, `${record.name} ${record.type} is declared twice with the simple policy`, 'a simple record has one answer; use multivalue or weighted for several');
    }
    const current = set ?? { policy: record.policy, index, primaries: 0, secondaries: 0 };
    sets.set(key, current);

    out.push(...shapeFindings(loaded, record, base));
    if (record.target !== undefined) out.push(...targetFindings(spec, loaded, { record, target: record.target, path: [...base, 'target'] }));
    for (const [t, target] of (record.targets ?? []).entries()) {
      out.push(...targetFindings(spec, loaded, { record, target, path: [...base, 'targets', t] }));
    }

    if (record.policy === 'failover') {
      if (record.primary !== undefined) {
        envRef(record.primary, [...base, 'primary']);
        current.primaries += 1;
        if (current.primaries > 1) report('DNS004', [...base, 'primary'], `${record.name} ${record.type} has more than one failover primary`, 'declare one failover record per name and type');
        if (record.healthCheck === undefined) report('DNS005', base, `failover primary ${record.primary} of ${record.name} has no health check`, 'add healthCheck: { port: 8080, path: /client/ }');
      } else {
        report('DNS004', base, `failover record ${record.name} has no primary`, 'add primary: <env>');
      }
      if (record.secondary !== undefined) {
        envRef(record.secondary, [...base, 'secondary']);
        current.secondaries += 1;
        if (current.secondaries > 1) report('DNS004', [...base, 'secondary'], `${record.name} ${record.type} has more than one failover secondary`);
        if (record.secondary === record.primary) report('DNS004', [...base, 'secondary'], `failover record ${record.name} uses ${record.secondary} as both primary and secondary`);
      }
    }
    if (record.policy === 'multivalue' && (record.targets?.length ?? 0) > MAX_MULTIVALUE_ANSWERS) {
      report('DNS006', [...base, 'targets'], `multivalue record ${record.name} has ${record.targets?.length} answers; Route 53 allows at most ${MAX_MULTIVALUE_ANSWERS}`);
    }
    if (record.policy === 'geolocation') out.push(...geolocationDuplicates(loaded, record, base));
  }
  out.push(...healthCheckerFindings(spec, loaded));
  return out;
};

/** Whether Route 53's health checkers can reach each router a health check probes. */
function healthCheckerFindings(spec: PlatformSpec, loaded: LoadedSpec): Diagnostic[] {
  const lists = spec.routing?.healthCheckerPrefixLists ?? {};
  const out: Diagnostic[] = [];
  for (const region of Object.keys(lists)) {
    if (!isAwsRegion(region)) {
      out.push(finding(loaded, { code: 'DNS019', path: ['routing', 'healthCheckerPrefixLists', region], at: 'key', message: `"${region}" is not an AWS region`, hint: suggestionHint(region, REGION_CODES, 'regions') }));
    }
  }
  for (const probe of healthCheckProbes(spec.routing)) {
    const region = spec.environments[probe.env]?.region;
    if (region === undefined) continue;
    const port = [...probe.path, 'port'];
    if (probe.port !== MANAGEMENT_UI_PORT) {
      out.push(finding(loaded, { code: 'DNS018', severity: 'warning', path: port, message: `the health check probes port ${probe.port} of the ${probe.env} router, which serves only ${MANAGEMENT_UI_PORT}`, hint: `check port ${MANAGEMENT_UI_PORT}, where the router forwards to the management UI` }));
    } else if (lists[region] === undefined) {
      out.push(finding(loaded, {
        code: 'DNS017',
        severity: 'warning',
        path: port,
        message: `Route 53's health checkers cannot reach port ${probe.port} of the ${probe.env} router: routing.healthCheckerPrefixLists has no entry for ${region}, so the check will report ${probe.env} unhealthy`,
        hint: `add ${region}: <id> under routing.healthCheckerPrefixLists; the id is printed by aws ec2 describe-managed-prefix-lists --region ${region} --filters Name=prefix-list-name,Values=com.amazonaws.${region}.route53-healthchecks --query 'PrefixLists[0].PrefixListId'`,
      }));
    }
  }
  return out;
}

/** Which fields each policy takes; anything else is a sign of a wrong policy or a misplaced field. */
function shapeFindings(loaded: LoadedSpec, record: RecordSpec, base: readonly (string | number)[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const wrong = (field: string, why: string): void => {
    out.push(finding(loaded, { code: 'DNS010', path: [...base, field], message: `${field} does not apply to ${record.policy} record ${record.name}: ${why}` }));
  };
  const usesTargets = TARGET_POLICIES.includes(record.policy);
  if (record.policy === 'simple' && record.target === undefined) {
    out.push(finding(loaded, { code: 'DNS010', path: base, message: `simple record ${record.name} has no target`, hint: 'add target: { env: <env> } or target: { value: <answer> }' }));
  }
  if (usesTargets && record.targets === undefined) {
    out.push(finding(loaded, { code: 'DNS010', path: base, message: `${record.policy} record ${record.name} has no targets`, hint: 'add targets: [...]' }));
  }
  if (record.policy !== 'simple' && record.target !== undefined) wrong('target', usesTargets ? 'list answers under targets' : 'use primary and secondary');
  if (!usesTargets && record.targets !== undefined) wrong('targets', record.policy === 'failover' ? 'use primary and secondary' : 'use target');
  if (record.policy !== 'failover') {
    for (const field of ['primary', 'secondary', 'healthCheck'] as const) {
      if (record[field] !== undefined) wrong(field, field === 'healthCheck' ? 'put health checks on the targets' : 'only failover records have primary and secondary');
    }
  }
  return out;
}

interface TargetContext {
  readonly record: RecordSpec;
  readonly target: RecordTargetSpec;
  readonly path: readonly (string | number)[];
}

function targetFindings(spec: PlatformSpec, loaded: LoadedSpec, context: TargetContext): Diagnostic[] {
  const { record, target, path } = context;
  const out: Diagnostic[] = [];
  const report = (code: string, at: string | undefined, message: string, hint?: string): void => {
    out.push(finding(loaded, { code, path: at === undefined ? path : [...path, at], message, ...(hint ? { hint } : {}) }));
  };
  const envs = environmentNames(spec);
  if ((target.env === undefined) === (target.value === undefined)) {
    report('DNS009', undefined, `a target of ${record.name} must give exactly one of env or value`);
  }
  if (target.env !== undefined && !envs.includes(target.env)) {
    report('DNS002', 'env', `record ${record.name} names environment "${target.env}", which does not exist`, suggestionHint(target.env, envs, 'environments'));
  }
  const misplaced = (field: keyof RecordTargetSpec, policy: RoutingPolicy): void => {
    if (target[field] !== undefined && record.policy !== policy) report('DNS010', field, `${field} applies to ${policy} records, not ${record.policy}`);
  };
  misplaced('weight', 'weighted');
  misplaced('region', 'latency');
  misplaced('location', 'geolocation');
  misplaced('coordinates', 'geoproximity');
  misplaced('awsRegion', 'geoproximity');
  misplaced('bias', 'geoproximity');
  misplaced('cidrs', 'ip-based');

  switch (record.policy) {
    case 'weighted':
      if (target.weight === undefined) report('DNS003', undefined, `weighted target of ${record.name} has no weight`, `add weight: 0..${MAX_WEIGHT}`);
      else if (target.weight < 0 || target.weight > MAX_WEIGHT) report('DNS003', 'weight', `weight ${target.weight} is outside 0..${MAX_WEIGHT}`);
      break;
    case 'latency':
      if (target.region !== undefined && !isAwsRegion(target.region)) report('DNS011', 'region', `"${target.region}" is not an AWS region`, suggestionHint(target.region, REGION_CODES, 'regions'));
      else if (target.region === undefined && target.env === undefined) report('DNS011', undefined, `latency target ${target.value ?? ''} of ${record.name} needs a region`, 'add region: <aws region>');
      break;
    case 'geolocation':
      out.push(...geolocationFindings(loaded, target, path));
      break;
    case 'geoproximity': {
      const locations = [target.awsRegion, target.coordinates].filter((l) => l !== undefined).length;
      if (locations > 1 || (locations === 0 && target.env === undefined)) {
        report('DNS013', undefined, `geoproximity target of ${record.name} needs exactly one location (env, awsRegion or coordinates)`);
      }
      if (target.awsRegion !== undefined && !isAwsRegion(target.awsRegion)) report('DNS011', 'awsRegion', `"${target.awsRegion}" is not an AWS region`, suggestionHint(target.awsRegion, REGION_CODES, 'regions'));
      if (target.coordinates !== undefined) {
        const { latitude, longitude } = target.coordinates;
        if (!DECIMAL.test(latitude) || Math.abs(Number(latitude)) > 90) report('DNS013', 'coordinates', `latitude ${latitude} is not a decimal from -90 to 90`);
        if (!DECIMAL.test(longitude) || Math.abs(Number(longitude)) > 180) report('DNS013', 'coordinates', `longitude ${longitude} is not a decimal from -180 to 180`);
      }
      if (target.bias !== undefined && Math.abs(target.bias) > MAX_BIAS) report('DNS007', 'bias', `bias ${target.bias} is outside -${MAX_BIAS}..${MAX_BIAS}`);
      break;
    }
    case 'ip-based': {
      const cidrs = target.cidrs ?? [];
      if (cidrs.length === 0) report('DNS014', undefined, `ip-based target of ${record.name} lists no CIDRs`, 'add cidrs: [198.51.100.0/24]');
      for (const [index, cidr] of cidrs.entries()) {
        const parsed = parseCidr(cidr);
        if (parsed.cidr === undefined) out.push(finding(loaded, { code: 'DNS014', path: [...path, 'cidrs', index], message: `${cidr} ${parsed.problem ?? 'is not valid'}` }));
      }
      break;
    }
    default:
      break;
  }
  return out;
}

const CONTINENTS: readonly string[] = ['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA'];

function geolocationFindings(loaded: LoadedSpec, target: RecordTargetSpec, path: readonly (string | number)[]): Diagnostic[] {
  const at = [...path, 'location'];
  const location = target.location;
  if (location === undefined) return [finding(loaded, { code: 'DNS012', path, message: 'geolocation target has no location', hint: 'add location: { continent: EU }, { country: DE } or "*"' })];
  if (location === '*') return [];
  const out: Diagnostic[] = [];
  if ((location.continent === undefined) === (location.country === undefined)) {
    out.push(finding(loaded, { code: 'DNS012', path: at, message: 'a geolocation names exactly one of continent or country' }));
  }
  if (location.continent !== undefined && !CONTINENTS.includes(location.continent)) {
    out.push(finding(loaded, { code: 'DNS012', path: [...at, 'continent'], message: `continent ${location.continent} is not one of ${CONTINENTS.join(', ')}` }));
  }
  if (location.country !== undefined && !COUNTRY.test(location.country)) {
    out.push(finding(loaded, { code: 'DNS012', path: [...at, 'country'], message: `country "${location.country}" is not a two-letter ISO 3166 code`, hint: 'write e.g. DE or US' }));
  } else if (location.country !== undefined && !isCountryCode(location.country)) {
    out.push(finding(loaded, { code: 'DNS012', path: [...at, 'country'], message: `country ${location.country} is not an assigned ISO 3166-1 code, so Route 53 has no location for it`, hint: 'write an assigned code such as DE, GB or US' }));
  }
  if (location.subdivision !== undefined && location.country === undefined) {
    out.push(finding(loaded, { code: 'DNS012', path: [...at, 'subdivision'], message: 'a subdivision needs a country' }));
  } else if (location.subdivision !== undefined && location.country !== 'US') {
    out.push(finding(loaded, { code: 'DNS012', path: [...at, 'subdivision'], message: `Route 53 knows subdivisions of the United States only, not of ${location.country}`, hint: 'drop the subdivision, or use country: US with a state such as CA' }));
  } else if (location.subdivision !== undefined && !isUsSubdivisionCode(location.subdivision)) {
    out.push(finding(loaded, { code: 'DNS012', path: [...at, 'subdivision'], message: `subdivision ${location.subdivision} is not a state, district or outlying area of the United States`, hint: 'write the two-letter postal code, such as CA, NY or DC' }));
  }
  return out;
}

/** The same location twice in one geolocation record would make the answer ambiguous. */
function geolocationDuplicates(loaded: LoadedSpec, record: RecordSpec, base: readonly (string | number)[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const [index, target] of (record.targets ?? []).entries()) {
    if (target.location === undefined) continue;
    const key = JSON.stringify(target.location);
    if (seen.has(key)) out.push(finding(loaded, { code: 'DNS012', path: [...base, 'targets', index, 'location'], message: `location ${key} appears twice in ${record.name}` }));
    seen.add(key);
  }
  return out;
}
