/**
 * `deploy --detect-drift` with the real SDK against moto, which has no drift detection: the proxy in front of it
 * answers DetectStackDrift, DescribeStackDriftDetectionStatus and DescribeStackResourceDrifts in CloudFormation's
 * wire format. What drifted shows in the preview and the report; a detection that is refused is a note.
 */
import { describe, expect, it } from 'vitest';
import { queryError, queryResult, type ProxyRule } from './fault-proxy.js';
import { deploy } from './harness.js';
import { useMotoSession } from './moto-session.js';

const session = useMotoSession();
const STACKS = ['demo-dev-iam', 'demo-dev-network', 'demo-dev-logging', 'demo-dev-hosts'];

/** Drift detection answered for every stack; `drifted` maps a stack to its resources' drift XML members. */
function driftRules(drifted: Readonly<Record<string, string>>, seen: { resourceDrifts: URLSearchParams[] }): ProxyRule[] {
  const polls = new Map<string, number>();
  return [
    { action: 'DetectStackDrift', handle: async ({ params }) => queryResult('DetectStackDrift', `<StackDriftDetectionId>detection-${params.get('StackName') ?? ''}</StackDriftDetectionId>`) },
    {
      action: 'DescribeStackDriftDetectionStatus',
      handle: async ({ params }) => {
        const id = params.get('StackDriftDetectionId') ?? '';
        const stack = id.replace(/^detection-/, '');
        const n = (polls.get(id) ?? 0) + 1;
        polls.set(id, n);
        // The first poll finds the detection still running.
        const status = n === 1 ? 'DETECTION_IN_PROGRESS' : 'DETECTION_COMPLETE';
        const drift = n === 1 ? '' : `<StackDriftStatus>${drifted[stack] !== undefined ? 'DRIFTED' : 'IN_SYNC'}</StackDriftStatus>`;
        return queryResult('DescribeStackDriftDetectionStatus', `<StackId>${stack}</StackId><StackDriftDetectionId>${id}</StackDriftDetectionId>${drift}<DetectionStatus>${status}</DetectionStatus><Timestamp>2026-11-30T10:00:00Z</Timestamp>`);
      },
    },
    {
      action: 'DescribeStackResourceDrifts',
      handle: async ({ params }) => {
        seen.resourceDrifts.push(params);
        const stack = params.get('StackName') ?? '';
        return queryResult('DescribeStackResourceDrifts', `<StackResourceDrifts>${drifted[stack] ?? ''}</StackResourceDrifts>`);
      },
    },
  ];
}

const vpcTagged = `<member><StackId>demo-dev-network</StackId><LogicalResourceId>Vpc</LogicalResourceId><PhysicalResourceId>vpc-1</PhysicalResourceId><ResourceType>AWS::EC2::VPC</ResourceType><StackResourceDriftStatus>MODIFIED</StackResourceDriftStatus><PropertyDifferences><member><PropertyPath>/Tags/0</PropertyPath><ExpectedValue>null</ExpectedValue><ActualValue>{"Key":"hotfix"}</ActualValue><DifferenceType>ADD</DifferenceType></member></PropertyDifferences><Timestamp>2026-11-30T10:00:00Z</Timestamp></member>`;
const subnetGone = `<member><StackId>demo-dev-network</StackId><LogicalResourceId>HostSubnet</LogicalResourceId><ResourceType>AWS::EC2::Subnet</ResourceType><StackResourceDriftStatus>DELETED</StackResourceDriftStatus><Timestamp>2026-11-30T10:00:00Z</Timestamp></member>`;

async function deployed(): Promise<void> {
  expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
  expect(session.proxy.count('DetectStackDrift'), 'no detection without the flag').toBe(0);
  session.proxy.reset();
}

describe('--detect-drift', () => {
  it('names what drifted in the preview and in the report, detecting every deployed stack', async () => {
    await deployed();
    const seen = { resourceDrifts: [] as URLSearchParams[] };
    session.proxy.rules = driftRules({ 'demo-dev-network': vpcTagged + subnetGone }, seen);
    const text = await deploy(session.fixture, { endpointUrl: session.proxy.url, detectDrift: true, dryRun: true, format: 'text' });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain("Drifted (changed outside CloudFormation; an update writes the template's values over it, and a deleted resource can fail it):\n"
      + '  ! demo-dev-network/Vpc (AWS::EC2::VPC) specs/demo.platform.yaml:10:3 MODIFIED: /Tags/0 (ADD)\n'
      + '  ! demo-dev-network/HostSubnet (AWS::EC2::Subnet) specs/demo.platform.yaml:11:3 DELETED\n');
    expect(session.proxy.log.filter((c) => c.action === 'DetectStackDrift').map((c) => c.target).sort()).toEqual([...STACKS].sort());
    expect(seen.resourceDrifts.map((p) => [p.get('StackName'), p.get('StackResourceDriftStatusFilters.member.1'), p.get('StackResourceDriftStatusFilters.member.2')]))
      .toEqual([['demo-dev-network', 'MODIFIED', 'DELETED']]);

    session.proxy.reset();
    session.proxy.rules = driftRules({ 'demo-dev-network': vpcTagged }, { resourceDrifts: [] });
    const json = await deploy(session.fixture, { endpointUrl: session.proxy.url, detectDrift: true, dryRun: true });
    expect(json.report.drift).toEqual([
      { stackName: 'demo-dev-network', resources: [{ logicalId: 'Vpc', resourceType: 'AWS::EC2::VPC', status: 'MODIFIED', differences: ['/Tags/0 (ADD)'] }] },
    ]);
  });

  it('says so when nothing drifted', async () => {
    await deployed();
    session.proxy.rules = driftRules({}, { resourceDrifts: [] });
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, detectDrift: true, yes: true, format: 'text' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Drift: none; every deployed stack matches its template');
    expect(session.proxy.count('DescribeStackResourceDrifts')).toBe(0);
  });

  it('goes on with a note when detection is refused', async () => {
    await deployed();
    session.proxy.rules = [{ action: 'DetectStackDrift', handle: async () => queryError('AccessDenied', 'not authorized to perform cloudformation:DetectStackDrift', 403) }];
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, detectDrift: true, yes: true, format: 'text' });
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toMatch(/demo-dev-iam.*drift not detected: .*AccessDenied/);
  });
});
