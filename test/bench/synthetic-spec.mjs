// Synthetic platform specs of any size, shaped like the bundled CloudStack example: the benchmark compiles
// them, the property tests generate variations from them. Plain JavaScript so `npm run bench` needs no build
// step of its own.
import { stringify } from 'yaml';

const REGIONS = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ca-central-1'];

/**
 * @param {{ environments: number, hypervisors: number | readonly number[], roles?: number, routing?: boolean, pipeline?: boolean }} shape
 * @returns {Record<string, unknown>} the spec as plain data
 */
export function syntheticSpecValue(shape) {
  const names = Array.from({ length: shape.environments }, (_, i) => (i === 0 ? 'dev' : i === 1 ? 'prod' : `env${String(i).padStart(3, '0')}`));
  const counts = names.map((_, i) => (Array.isArray(shape.hypervisors) ? (shape.hypervisors[i % shape.hypervisors.length] ?? 1) : shape.hypervisors));
  const environments = Object.fromEntries(names.map((name, i) => [name, {
    account: String(111122223333 + (i % 2) * 333333333),
    region: REGIONS[i % REGIONS.length],
    vpcCidr: `10.${i + 1}.0.0/16`,
    boundary: i === 0 ? 'relaxed' : 'strict',
    logRetentionDays: i === 0 ? 14 : 365,
    ...(i === 0 ? {} : { protect: true }),
    clientCidrs: ['203.0.113.0/24'],
  }]));
  const roles = {
    'log-shipper': { service: 'ec2.amazonaws.com', allow: [{ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: ['logGroup:overlay'] }] },
  };
  for (let r = 0; r < (shape.roles ?? 0); r++) {
    roles[`worker-${r}`] = { service: 'ec2.amazonaws.com', allow: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::example-bucket/*'] }] };
  }
  const spec = {
    version: 1,
    platform: 'cloudstack',
    tags: { owner: 'platform-team', 'cost-center': '4711' },
    environments,
    network: {
      hostSubnet: { prefixLength: 24 },
      overlay: { cidr: '172.16.0.0/16', vni: 100, port: 4789, multicastGroup: '239.255.0.1', mtu: 8951 },
    },
    hosts: {
      router: { instanceType: 'c5n.large' },
      management: { instanceType: 'm5.xlarge' },
      hypervisors: { instanceType: 'c5.metal', count: Object.fromEntries(names.map((n, i) => [n, counts[i]])), volumeGiB: 500 },
      image: { ssmParameter: '/platform/cloudstack/ami' },
    },
    logging: {
      groups: ['system', 'management', 'overlay'],
      archive: { transitions: [{ days: 30, storageClass: 'STANDARD_IA' }, { days: 90, storageClass: 'GLACIER' }], expireDays: 2557 },
    },
    iam: {
      boundaries: { relaxed: { deny: ['config:*'] }, strict: { deny: ['config:*', 'ec2:DeleteVpc', 'iam:CreateUser'] } },
      roles,
    },
  };
  if (shape.routing !== false && names.length >= 2) {
    spec.routing = {
      zone: 'example.com',
      home: names[1],
      records: [
        { name: 'cloudstack.example.com', type: 'A', policy: 'failover', primary: names[1], secondary: names[0], healthCheck: { port: 8080, path: '/client/' } },
        { name: 'api.example.com', type: 'A', policy: 'weighted', targets: [{ env: names[1], weight: 90 }, { env: names[0], weight: 10 }] },
      ],
      // The failover primary's health checkers reach its router (a made-up id of the right shape).
      healthCheckerPrefixLists: { [REGIONS[1 % REGIONS.length]]: 'pl-0123456789abcdef0' },
    };
  }
  if (shape.pipeline !== false) {
    spec.pipelines = {
      platform: {
        source: { github: 'example-org/platform', branch: 'main', connection: 'arn:aws:codeconnections:us-east-1:111122223333:connection/abc' },
        stages: names.map((n, i) => (i === 0 ? n : { env: n, approval: 'always' })),
      },
    };
  }
  return spec;
}

/** The same spec as YAML text. */
export function syntheticSpec(shape) {
  return stringify(syntheticSpecValue(shape), { lineWidth: 0 });
}
