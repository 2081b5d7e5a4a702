/**
 * The AWS calls deploy makes, as a narrow interface of plain data. The command builds the real implementation
 * (sdk-clients.ts, SDK loaded lazily) and passes it in; nothing in deploy holds a client in module state, so tests
 * point the real SDK at moto or at a fault-injecting proxy.
 */
export interface StackParameter {
  readonly key: string;
  readonly value: string;
}

export interface StackOutput {
  readonly key: string;
  readonly value: string;
}

export interface DeployedStack {
  readonly stackId: string;
  readonly stackName: string;
  readonly status: string;
  readonly statusReason?: string;
  readonly parameters: readonly StackParameter[];
  readonly tags: Readonly<Record<string, string>>;
  readonly outputs: readonly StackOutput[];
  readonly terminationProtection: boolean;
}

export interface ResourceChange {
  readonly action: string;
  readonly logicalId: string;
  readonly resourceType: string;
  /** 'True' | 'False' | 'Conditional' for Modify; undefined otherwise. */
  readonly replacement?: string;
  /** For Modify: the properties that change and what drives each (see change-causes.ts). */
  readonly causes?: readonly string[];
  readonly physicalId?: string;
}

export interface ChangeSetDescription {
  readonly id: string;
  readonly stackId: string;
  readonly status: string;
  readonly statusReason?: string;
  readonly executionStatus?: string;
  readonly changes: readonly ResourceChange[];
}

export interface StackEvent {
  readonly eventId: string;
  readonly timestamp: Date;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly reason?: string;
}

export interface CreateChangeSetInput {
  readonly stackName: string;
  readonly changeSetName: string;
  readonly changeSetType: 'CREATE' | 'UPDATE';
  readonly templateBody?: string;
  readonly templateUrl?: string;
  readonly parameters: readonly StackParameter[];
  readonly tags: Readonly<Record<string, string>>;
  readonly roleArn?: string;
  readonly description: string;
}

/** Where a drift detection is: still running, done (with whether the stack drifted), or failed. */
export interface DriftDetection {
  readonly detectionStatus: 'DETECTION_IN_PROGRESS' | 'DETECTION_COMPLETE' | 'DETECTION_FAILED' | string;
  readonly stackDriftStatus?: string;
  readonly reason?: string;
}

/** A resource changed (MODIFIED) or removed (DELETED) outside CloudFormation. */
export interface ResourceDrift {
  readonly logicalId: string;
  readonly resourceType: string;
  readonly status: string;
  /** `PropertyPath (DifferenceType)`, e.g. `/SecurityGroupIngress/1 (ADD)`. */
  readonly differences: readonly string[];
}

export interface CloudFormationApi {
  /** undefined when the stack does not exist. */
  describeStack(stackName: string): Promise<DeployedStack | undefined>;
  /**
   * The stacks of the account and region whose name starts with `namePrefix` and that are not deleted, with their
   * tags: ListStacks (all pages), then DescribeStacks on each match, so a policy scoped to the platform's stack
   * ARNs (plus ListStacks, which has no resource scope) suffices.
   */
  listStacks(namePrefix: string): Promise<readonly DeployedStack[]>;
  /** The template as deployed (Original stage). */
  getTemplate(stackName: string): Promise<string>;
  getStackPolicy(stackName: string): Promise<string | undefined>;
  createChangeSet(input: CreateChangeSetInput): Promise<{ readonly id: string; readonly stackId: string }>;
  /** All pages of changes. */
  describeChangeSet(changeSetId: string, stackName: string): Promise<ChangeSetDescription>;
  deleteChangeSet(changeSetId: string, stackName: string): Promise<void>;
  /** `disableRollback`: a failed operation keeps what succeeded (CREATE_FAILED / UPDATE_FAILED) instead of rolling back. */
  executeChangeSet(changeSetId: string, stackName: string, options?: { readonly disableRollback?: boolean }): Promise<void>;
  /**
   * Runs the stack's current template and parameter values again (UpdateStack with the previous template and
   * values): the retry of an operation that failed with rollback disabled.
   */
  retryStack(input: { readonly stackName: string; readonly parameterKeys: readonly string[]; readonly disableRollback: boolean; readonly roleArn?: string }): Promise<void>;
  /** RollbackStack: a stack in CREATE_FAILED or UPDATE_FAILED back to its last stable state. */
  rollbackStack(stackName: string, roleArn?: string): Promise<void>;
  /** DetectStackDrift: starts a drift detection and returns its id. */
  detectStackDrift(stackName: string): Promise<string>;
  /** DescribeStackDriftDetectionStatus of one detection. */
  driftDetectionStatus(detectionId: string): Promise<DriftDetection>;
  /** DescribeStackResourceDrifts (all pages) of the resources that are MODIFIED or DELETED. */
  resourceDrifts(stackName: string): Promise<readonly ResourceDrift[]>;
  /** Newest first, as CloudFormation returns them; stops paging once `untilEventId` is seen. */
  describeStackEvents(stackName: string, untilEventId?: string): Promise<readonly StackEvent[]>;
  deleteStack(stackName: string, roleArn?: string): Promise<void>;
  updateTerminationProtection(stackName: string, enable: boolean): Promise<void>;
  setStackPolicy(stackName: string, policyBody: string): Promise<void>;
  continueUpdateRollback(stackName: string, roleArn?: string): Promise<void>;
}

export interface StsApi {
  getCallerAccount(): Promise<string>;
}

export interface S3Api {
  /** Uploads and returns an https URL CloudFormation can read. */
  putTemplate(bucket: string, key: string, body: string): Promise<string>;
}

export interface DeployClients {
  readonly cloudFormation: CloudFormationApi;
  readonly sts: StsApi;
  readonly s3: S3Api;
}

/**
 * Builds the clients for one region (cross-environment outputs may live in another region), with the command's
 * credentials or, to read another account's outputs, those of a named AWS profile.
 */
export type DeployClientsFactory = (region: string, options?: { readonly profile?: string }) => Promise<DeployClients>;
