/**
 * The dns stack, only in the environment that holds the hosted zone (`routing.home`): the zone, and for each
 * record the record sets, health checks and CIDR collections of its routing policy. Answers that point at other
 * environments arrive as parameters filled from their hosts stacks' outputs at deploy time (see dns-answers.ts).
 */
import type { Expander, ExpandContext, Fragment, FragmentResource } from './fragment.js';
import { AnswerResolver } from './dns-answers.js';
import { collectionResources, HOSTED_ZONE_ID, recordResources, type RecordContext } from './dns-records.js';

/** Expands the dns stack; an empty list in every environment but the routing home. */
export const expandDns: Expander = (context: ExpandContext): readonly Fragment[] => {
  const { platform, env } = context;
  const routing = platform.spec.routing;
  if (routing === undefined || routing.home !== env.name) return [];
  const resolver = new AnswerResolver(context);
  const regions = new Map(platform.environments.map((each) => [each.name, each.region]));
  const recordContext: RecordContext = {
    platform: platform.name,
    resolver,
    used: new Set([HOSTED_ZONE_ID]),
    regionOf: (name) => regions.get(name ?? env.name) ?? env.region,
    setIdentifiers: new Map(),
    collections: new Map(),
  };
  const keep = env.protect ? ({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' } as const) : {};
  const zone: FragmentResource = {
    logicalId: HOSTED_ZONE_ID,
    origin: ['routing', 'zone'],
    resource: {
      Type: 'AWS::Route53::HostedZone',
      ...keep,
      Properties: {
        Name: routing.zone,
        HostedZoneConfig: { Comment: `${platform.name} routing zone, compiled from ${platform.specName}` },
      },
    },
  };
  const records = routing.records.flatMap((record, index) => recordResources(record, index, recordContext));
  const collections = collectionResources(recordContext);
  return [
    {
      stack: 'dns',
      resources: [zone, ...collections, ...records],
      parameters: resolver.collected(),
      outputs: [
        { name: 'HostedZoneId', value: { Ref: HOSTED_ZONE_ID }, description: `Hosted zone id of ${routing.zone}.` },
        {
          name: 'HostedZoneNameServers',
          value: { 'Fn::Join': [',', { 'Fn::GetAtt': [HOSTED_ZONE_ID, 'NameServers'] }] },
          description: `Name servers to delegate ${routing.zone} to.`,
        },
      ],
    },
  ];
};
