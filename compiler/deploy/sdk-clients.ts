/**
 * The real DeployClients on the AWS SDK v3, imported lazily so only `deploy` pays for it. The SDK's own retries
 * are turned off: deploy retries with its own backoff (retry.ts) so throttling is visible and testable.
 */
import type { Stack } from '@aws-sdk/client-cloudformation';
import type { CloudFormationApi, DeployClients, DeployedStack, ResourceDrift, S3Api, StackEvent, StsApi } from './aws-api.js';
import { changeCauses } from './change-causes.js';
import { assertExtraCaLoaded } from './extra-ca.js';
import { quietSdkNodeNotice } from './sdk-notice.js';

export interface SdkClientOptions {
  readonly region: string;
  /** A local or private endpoint (moto, a proxy); plain AWS when absent. */
  readonly endpoint?: string;
  /** Static credentials (used with local endpoints); otherwise the standard credential chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /** A named profile of the shared config and credentials files instead (wins over `credentials`). */
  readonly profile?: { readonly name: string; readonly credentialsFile?: string; readonly configFile?: string };
  /** Per-request socket timeout, so a hung endpoint becomes a retryable TimeoutError. */
  readonly requestTimeoutMs: number;
  /** Called for every API call, e.g. to count calls in tests and benchmarks. */
  readonly onCall?: (service: string, command: string) => void;
}

interface MiddlewareHost {
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

function countCalls(client: MiddlewareHost, service: string, onCall: SdkClientOptions['onCall']): void {
  if (!onCall) return;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      onCall(service, (context.commandName ?? 'Unknown').replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'platformcCountCalls' },
  );
}

/** Creates SDK-backed clients for one region. */
export async function createSdkClients(options: SdkClientOptions): Promise<DeployClients> {
  assertExtraCaLoaded();
  quietSdkNodeNotice();
  const [cfn, sts, s3] = await Promise.all([
    import('@aws-sdk/client-cloudformation'),
    import('@aws-sdk/client-sts'),
    import('@aws-sdk/client-s3'),
  ]);
  const profile = options.profile;
  const fromProfile = profile
    ? (await import('@aws-sdk/credential-provider-ini')).fromIni({
      profile: profile.name,
      ...(profile.credentialsFile ? { filepath: profile.credentialsFile } : {}),
      ...(profile.configFile ? { configFilepath: profile.configFile } : {}),
    })
    : undefined;
  const common = {
    region: options.region,
    maxAttempts: 1,
    requestHandler: { requestTimeout: options.requestTimeoutMs, connectionTimeout: options.requestTimeoutMs, throwOnRequestTimeout: true },
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(fromProfile ? { credentials: fromProfile } : options.credentials ? { credentials: { ...options.credentials } } : {}),
  };
  const cf = new cfn.CloudFormationClient(common);
  const stsClient = new sts.STSClient(common);
  const s3Client = new s3.S3Client({ ...common, forcePathStyle: options.endpoint !== undefined });
  countCalls(cf as unknown as MiddlewareHost, 'cloudformation', options.onCall);
  countCalls(stsClient as unknown as MiddlewareHost, 'sts', options.onCall);
  countCalls(s3Client as unknown as MiddlewareHost, 's3', options.onCall);

  const notFound = (error: unknown, stackName: string): boolean =>
    error instanceof Error && error.name === 'ValidationError' && error.message.includes(`${stackName} does not exist`);

  const deployedStack = (s: Stack, stackName: string): DeployedStack => ({
    stackId: s.StackId ?? stackName,
    stackName: s.StackName ?? stackName,
    status: s.StackStatus ?? 'UNKNOWN',
    statusReason: s.StackStatusReason,
    parameters: (s.Parameters ?? []).map((p) => ({ key: p.ParameterKey ?? '', value: p.ParameterValue ?? '' })),
    tags: Object.fromEntries((s.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
    outputs: (s.Outputs ?? []).map((o) => ({ key: o.OutputKey ?? '', value: o.OutputValue ?? '' })),
    terminationProtection: s.EnableTerminationProtection === true,
  });

  const cloudFormation: CloudFormationApi = {
    async describeStack(stackName) {
      try {
        const out = await cf.send(new cfn.DescribeStacksCommand({ StackName: stackName }));
        const s = out.Stacks?.[0];
        return s ? deployedStack(s, stackName) : undefined;
      } catch (error) {
        // CloudFormation has no "not found" error code for stacks: a missing stack is a ValidationError whose
        // message says so. This is the one place deploy reads an error message.
        if (notFound(error, stackName)) return undefined;
        throw error;
      }
    },
    async listStacks(namePrefix) {
      const statuses = Object.values(cfn.StackStatus).filter((status) => status !== 'DELETE_COMPLETE');
      const ids: string[] = [];
      let nextToken: string | undefined;
      do {
        const out = await cf.send(new cfn.ListStacksCommand({ StackStatusFilter: statuses, ...(nextToken ? { NextToken: nextToken } : {}) }));
        for (const s of out.StackSummaries ?? []) if (s.StackName?.startsWith(namePrefix) === true && s.StackId !== undefined) ids.push(s.StackId);
        nextToken = out.NextToken;
      } while (nextToken);
      const stacks: DeployedStack[] = [];
      for (const id of ids) {
        const out = await cf.send(new cfn.DescribeStacksCommand({ StackName: id }));
        const s = out.Stacks?.[0];
        if (s !== undefined && s.StackStatus !== 'DELETE_COMPLETE') stacks.push(deployedStack(s, id));
      }
      return stacks;
    },
    async getTemplate(stackName) {
      const out = await cf.send(new cfn.GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }));
      return out.TemplateBody ?? '';
    },
    async getStackPolicy(stackName) {
      const out = await cf.send(new cfn.GetStackPolicyCommand({ StackName: stackName }));
      return out.StackPolicyBody;
    },
    async createChangeSet(input) {
      const out = await cf.send(
        new cfn.CreateChangeSetCommand({
          StackName: input.stackName,
          ChangeSetName: input.changeSetName,
          ChangeSetType: input.changeSetType,
          TemplateBody: input.templateBody,
          TemplateURL: input.templateUrl,
          Parameters: input.parameters.map((p) => ({ ParameterKey: p.key, ParameterValue: p.value })),
          Tags: Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value })),
          Capabilities: ['CAPABILITY_NAMED_IAM'],
          RoleARN: input.roleArn,
          Description: input.description,
        }),
      );
      return { id: out.Id ?? input.changeSetName, stackId: out.StackId ?? input.stackName };
    },
    async describeChangeSet(changeSetId, stackName) {
      let token: string | undefined;
      const changes: { action: string; logicalId: string; resourceType: string; replacement?: string; causes?: string[]; physicalId?: string }[] = [];
      for (;;) {
        const out = await cf.send(new cfn.DescribeChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackName, NextToken: token }));
        for (const c of out.Changes ?? []) {
          const r = c.ResourceChange;
          if (!r) continue;
          changes.push({
            action: r.Action ?? 'Unknown',
            logicalId: r.LogicalResourceId ?? '',
            resourceType: r.ResourceType ?? '',
            replacement: r.Replacement,
            ...(r.Action === 'Modify' ? { causes: changeCauses(r.Details) } : {}),
            physicalId: r.PhysicalResourceId,
          });
        }
        token = out.NextToken;
        if (!token) {
          return {
            id: out.ChangeSetId ?? changeSetId,
            stackId: out.StackId ?? '',
            status: out.Status ?? 'UNKNOWN',
            statusReason: out.StatusReason,
            executionStatus: out.ExecutionStatus,
            changes,
          };
        }
      }
    },
    async deleteChangeSet(changeSetId, stackName) {
      await cf.send(new cfn.DeleteChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackName }));
    },
    async executeChangeSet(changeSetId, stackName, options = {}) {
      await cf.send(new cfn.ExecuteChangeSetCommand({ ChangeSetName: changeSetId, StackName: stackName, ...(options.disableRollback === true ? { DisableRollback: true } : {}) }));
    },
    async retryStack(input) {
      await cf.send(
        new cfn.UpdateStackCommand({
          StackName: input.stackName,
          UsePreviousTemplate: true,
          Parameters: input.parameterKeys.map((key) => ({ ParameterKey: key, UsePreviousValue: true })),
          Capabilities: ['CAPABILITY_NAMED_IAM'],
          RoleARN: input.roleArn,
          DisableRollback: input.disableRollback,
        }),
      );
    },
    async rollbackStack(stackName, roleArn) {
      await cf.send(new cfn.RollbackStackCommand({ StackName: stackName, RoleARN: roleArn }));
    },
    async detectStackDrift(stackName) {
      const out = await cf.send(new cfn.DetectStackDriftCommand({ StackName: stackName }));
      return out.StackDriftDetectionId ?? '';
    },
    async driftDetectionStatus(detectionId) {
      const out = await cf.send(new cfn.DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId: detectionId }));
      return { detectionStatus: out.DetectionStatus ?? 'DETECTION_FAILED', stackDriftStatus: out.StackDriftStatus, reason: out.DetectionStatusReason };
    },
    async resourceDrifts(stackName) {
      const drifts: ResourceDrift[] = [];
      let token: string | undefined;
      do {
        const out = await cf.send(new cfn.DescribeStackResourceDriftsCommand({ StackName: stackName, StackResourceDriftStatusFilters: ['MODIFIED', 'DELETED'], NextToken: token }));
        for (const d of out.StackResourceDrifts ?? []) {
          drifts.push({
            logicalId: d.LogicalResourceId ?? '',
            resourceType: d.ResourceType ?? '',
            status: d.StackResourceDriftStatus ?? '',
            differences: (d.PropertyDifferences ?? []).map((p) => `${p.PropertyPath ?? '?'} (${p.DifferenceType ?? '?'})`),
          });
        }
        token = out.NextToken;
      } while (token);
      return drifts;
    },
    async describeStackEvents(stackName, untilEventId) {
      const events: StackEvent[] = [];
      let token: string | undefined;
      for (;;) {
        const out = await cf.send(new cfn.DescribeStackEventsCommand({ StackName: stackName, NextToken: token }));
        for (const e of out.StackEvents ?? []) {
          if (untilEventId !== undefined && e.EventId === untilEventId) return events;
          events.push({
            eventId: e.EventId ?? '',
            timestamp: e.Timestamp ?? new Date(0),
            logicalId: e.LogicalResourceId ?? '',
            resourceType: e.ResourceType ?? '',
            status: e.ResourceStatus ?? '',
            reason: e.ResourceStatusReason,
          });
        }
        token = out.NextToken;
        if (!token || untilEventId === undefined) return events;
      }
    },
    async deleteStack(stackName, roleArn) {
      await cf.send(new cfn.DeleteStackCommand({ StackName: stackName, RoleARN: roleArn }));
    },
    async updateTerminationProtection(stackName, enable) {
      await cf.send(new cfn.UpdateTerminationProtectionCommand({ StackName: stackName, EnableTerminationProtection: enable }));
    },
    async setStackPolicy(stackName, policyBody) {
      await cf.send(new cfn.SetStackPolicyCommand({ StackName: stackName, StackPolicyBody: policyBody }));
    },
    async continueUpdateRollback(stackName, roleArn) {
      await cf.send(new cfn.ContinueUpdateRollbackCommand({ StackName: stackName, RoleARN: roleArn }));
    },
  };

  const stsApi: StsApi = {
    async getCallerAccount() {
      const out = await stsClient.send(new sts.GetCallerIdentityCommand({}));
      return out.Account ?? '';
    },
  };

  const s3Api: S3Api = {
    async putTemplate(bucket, key, body) {
      await s3Client.send(new s3.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }));
      // Path-style: CloudFormation accepts it and local endpoints (moto) resolve it to their own S3.
      return `https://s3.${options.region}.amazonaws.com/${bucket}/${key}`;
    },
  };

  return { cloudFormation, sts: stsApi, s3: s3Api };
}
