/**
 * One spec record -> the AWS::Route53::RecordSet resources of its routing policy, in the shape CloudFormation
 * expects for each of the eight policies, plus the health checks and CIDR collection they use.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Json, JsonObject } from '../model/cfn.js';
import type { HealthCheckSpec, RecordSpec, RecordTargetSpec } from '../model/spec.js';
import type { FragmentResource } from './fragment.js';
import type { AnswerResolver, Answer } from './dns-answers.js';
import { healthCheckResource } from './dns-health-checks.js';
import { logicalName } from './shared/names.js';

/** Every record set refers to the zone by this logical id. */
export const HOSTED_ZONE_ID = 'HostedZone';
const DEFAULT_TTL = 60;

/** What the records of one dns stack share. */
export interface RecordContext {
  readonly platform: string;
  readonly resolver: AnswerResolver;
  /** Logical ids already taken in the dns stack; new ids get a numeric suffix instead of colliding. */
  readonly used: Set<string>;
  /** The region of a named environment: the default for latency and geoproximity answers. */
  readonly regionOf: (env: string | undefined) => string;
  /** Set identifiers taken per `name/type`: spec records of one name and type form one Route 53 set. */
  readonly setIdentifiers: Map<string, Set<string>>;
  /** The one CIDR collection per `name/type` of ip-based records, filled as records are expanded. */
  readonly collections: Map<string, CidrCollectionPlan>;
}

/** A CIDR collection being gathered from every ip-based record of one name and type. */
export interface CidrCollectionPlan {
  readonly logicalId: string;
  readonly name: string;
  readonly origin: SpecPath;
  readonly locations: { readonly LocationName: string; readonly CidrList: readonly string[] }[];
}

interface Answered {
  readonly target: RecordTargetSpec;
  readonly origin: SpecPath;
  readonly answer: Answer;
  readonly setIdentifier: string;
}

function setKey(record: RecordSpec): string {
  return `${record.name}/${record.type}`;
}

/** The candidate, or the candidate with the first free numeric suffix when the set already uses it. */
function claimSetIdentifier(record: RecordSpec, candidate: string, context: RecordContext): string {
  const used = context.setIdentifiers.get(setKey(record)) ?? new Set<string>();
  context.setIdentifiers.set(setKey(record), used);
  let identifier = candidate;
  for (let suffix = 2; used.has(identifier); suffix += 1) identifier = `${candidate}-${suffix}`;
  used.add(identifier);
  return identifier;
}

/** The resources for one record of `routing.records`. */
export function recordResources(record: RecordSpec, index: number, context: RecordContext): readonly FragmentResource[] {
  const origin: SpecPath = ['routing', 'records', index];
  const base = `Record${logicalName(record.name.replace(/^\*/, 'wildcard'))}${record.type}`;
  if (record.policy === 'simple') return [simpleRecord(record, origin, base, context)];
  if (record.policy === 'failover') return failoverRecords(record, origin, base, context);
  const answered = answerTargets(record, origin, context);
  const out: FragmentResource[] = [];
  const collection = record.policy === 'ip-based' ? collectionOf(record, base, origin, context) : undefined;
  for (const item of answered) {
    const logicalId = unique(`${base}${logicalName(item.setIdentifier)}`, context.used);
    const properties: { [key: string]: Json } = {
      ...recordBase(record, [item.answer.value]),
      SetIdentifier: item.setIdentifier,
      ...policyProperties(record, item, { collection, region: context.regionOf(item.target.env) }),
    };
    if (item.target.healthCheck !== undefined) {
      const check = healthCheck(record, item, item.target.healthCheck, logicalId, context);
      out.push(check);
      properties['HealthCheckId'] = { Ref: check.logicalId };
    }
    out.push({ logicalId, origin: item.origin, resource: { Type: 'AWS::Route53::RecordSet', Properties: properties } });
  }
  return out;
}

function policyProperties(
  record: RecordSpec,
  item: Answered,
  options: { readonly collection: CidrCollectionPlan | undefined; readonly region: string },
): JsonObject {
  const { target } = item;
  const { collection, region } = options;
  switch (record.policy) {
    case 'weighted':
      return { Weight: target.weight ?? 1 };
    case 'latency':
      return { Region: target.region ?? region };
    case 'geolocation':
      return { GeoLocation: geoLocation(target.location) };
    case 'geoproximity':
      return { GeoProximityLocation: geoProximity(target, region) };
    case 'multivalue':
      return { MultiValueAnswer: true };
    case 'ip-based':
      return collection === undefined ? {} : {
        CidrRoutingConfig: { CollectionId: { 'Fn::GetAtt': [collection.logicalId, 'Id'] }, LocationName: addLocation(collection, item) },
      };
    default:
      return {};
  }
}

function geoLocation(location: RecordTargetSpec['location']): JsonObject {
  if (location === undefined || location === '*') return { CountryCode: '*' };
  const out: { [key: string]: Json } = {};
  if (location.continent !== undefined) out['ContinentCode'] = location.continent;
  if (location.country !== undefined) out['CountryCode'] = location.country;
  if (location.subdivision !== undefined) out['SubdivisionCode'] = location.subdivision;
  return out;
}

function geoProximity(target: RecordTargetSpec, region: string): JsonObject {
  const where: JsonObject = target.coordinates !== undefined
    ? { Coordinates: { Latitude: target.coordinates.latitude, Longitude: target.coordinates.longitude } }
    : { AWSRegion: target.awsRegion ?? target.region ?? region };
  return target.bias === undefined ? where : { ...where, Bias: target.bias };
}

/**
 * The record's location in its set's collection: `*` (clients outside every listed block) for a target without
 * `cidrs`, else a location named after the set identifier (at most 16 characters, unique in the collection).
 */
function addLocation(collection: CidrCollectionPlan, item: Answered): string {
  const cidrs = item.target.cidrs ?? [];
  if (cidrs.length === 0) return '*';
  const taken = new Set(collection.locations.map((location) => location.LocationName));
  const base = item.setIdentifier.replace(/[^0-9A-Za-z_-]/g, '-').slice(0, 16);
  let name = base;
  for (let suffix = 2; taken.has(name); suffix += 1) name = `${base.slice(0, 16 - String(suffix).length - 1)}-${suffix}`;
  collection.locations.push({ LocationName: name, CidrList: [...cidrs] });
  return name;
}

function collectionOf(record: RecordSpec, base: string, origin: SpecPath, context: RecordContext): CidrCollectionPlan {
  const existing = context.collections.get(setKey(record));
  if (existing !== undefined) return existing;
  const plan: CidrCollectionPlan = {
    logicalId: unique(`CidrCollection${base.slice('Record'.length)}`, context.used),
    name: `${context.platform}-${record.name}-${record.type}`.replace(/[^0-9A-Za-z_-]/g, '-').slice(0, 64),
    origin,
    locations: [],
  };
  context.collections.set(setKey(record), plan);
  return plan;
}

/** The CIDR collections gathered while expanding the records, one per name and type of ip-based records. */
export function collectionResources(context: RecordContext): readonly FragmentResource[] {
  return [...context.collections.values()].map((plan) => ({
    logicalId: plan.logicalId,
    origin: plan.origin,
    resource: {
      Type: 'AWS::Route53::CidrCollection',
      Properties: { Name: plan.name, Locations: plan.locations.map((location) => ({ ...location, CidrList: [...location.CidrList] })) },
    },
  }));
}

function simpleRecord(record: RecordSpec, origin: SpecPath, base: string, context: RecordContext): FragmentResource {
  const targets = record.target !== undefined ? [record.target] : record.targets ?? [];
  const answers = targets.map((target, index) =>
    context.resolver.resolve(target, record.target !== undefined ? [...origin, 'target'] : [...origin, 'targets', index]),
  );
  return {
    logicalId: unique(base, context.used),
    origin,
    resource: { Type: 'AWS::Route53::RecordSet', Properties: recordBase(record, answers.map((answer) => answer.value)) },
  };
}

function failoverRecords(record: RecordSpec, origin: SpecPath, base: string, context: RecordContext): FragmentResource[] {
  const roles = [
    { role: 'PRIMARY', env: record.primary, key: 'primary' },
    { role: 'SECONDARY', env: record.secondary, key: 'secondary' },
  ] as const;
  const out: FragmentResource[] = [];
  for (const { role, env, key } of roles) {
    if (env === undefined) continue;
    const target: RecordTargetSpec = { env };
    const itemOrigin = [...origin, key];
    const item: Answered = { target, origin: itemOrigin, answer: context.resolver.resolve(target, itemOrigin), setIdentifier: claimSetIdentifier(record, `${env}-${key}`, context) };
    const logicalId = unique(`${base}${logicalName(key)}`, context.used);
    const properties: { [key: string]: Json } = {
      ...recordBase(record, [item.answer.value]),
      SetIdentifier: item.setIdentifier,
      Failover: role,
    };
    if (role === 'PRIMARY' && record.healthCheck !== undefined) {
      const check = healthCheck(record, item, record.healthCheck, logicalId, context, [...origin, 'healthCheck']);
      out.push(check);
      properties['HealthCheckId'] = { Ref: check.logicalId };
    }
    out.push({ logicalId, origin: itemOrigin, resource: { Type: 'AWS::Route53::RecordSet', Properties: properties } });
  }
  return out;
}

function healthCheck(
  record: RecordSpec,
  item: Answered,
  spec: HealthCheckSpec,
  recordLogicalId: string,
  context: RecordContext,
  origin: SpecPath = [...item.origin, 'healthCheck'],
): FragmentResource {
  return healthCheckResource({
    logicalId: unique(`HealthCheck${recordLogicalId.slice('Record'.length)}`, context.used),
    spec,
    answer: item.answer,
    label: `${record.name} ${item.setIdentifier}`,
    origin,
  });
}

function answerTargets(record: RecordSpec, origin: SpecPath, context: RecordContext): Answered[] {
  const targets = record.targets ?? [];
  const labels = targets.map((target, index) => target.env ?? `answer${index + 1}`);
  return targets.map((target, index) => {
    const label = labels[index]!;
    const candidate = labels.filter((other) => other === label).length > 1 ? `${label}-${index + 1}` : label;
    const targetOrigin = [...origin, 'targets', index];
    const answer = context.resolver.resolve(target, targetOrigin);
    return { target, origin: targetOrigin, answer, setIdentifier: claimSetIdentifier(record, candidate, context) };
  });
}

function recordBase(record: RecordSpec, values: readonly Json[]): JsonObject {
  return {
    HostedZoneId: { Ref: HOSTED_ZONE_ID },
    Name: record.name,
    Type: record.type,
    TTL: String(record.ttl ?? DEFAULT_TTL),
    ResourceRecords: values.map((value) => (record.type === 'TXT' && typeof value === 'string' ? quoteTxt(value) : value)),
  };
}

/** The longest character-string a TXT record holds; longer data (a DKIM key) is several strings in one value. */
export const TXT_STRING_MAX = 255;

/**
 * TXT data as Route 53 takes it: quoted, with quotes and backslashes escaped, split into strings of at most 255
 * characters (`"first 255 ..." "rest"`), which resolvers join again. A value the spec already quotes is kept.
 */
export function quoteTxt(value: string): string {
  if (value.startsWith('"')) return value;
  const strings: string[] = [];
  for (let start = 0; start < value.length || strings.length === 0; start += TXT_STRING_MAX) {
    strings.push(JSON.stringify(value.slice(start, start + TXT_STRING_MAX)));
  }
  return strings.join(' ');
}

function unique(base: string, used: Set<string>): string {
  let candidate = base;
  for (let suffix = 2; used.has(candidate); suffix += 1) candidate = `${base}${suffix}`;
  used.add(candidate);
  return candidate;
}
