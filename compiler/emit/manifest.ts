/**
 * `generated/<platform>/manifest.json`: every stack of every environment with what deploy needs to know
 * (account, region, stack name, deploy order, tags, termination protection) and a content hash that tells
 * whether a deployed stack is already up to date.
 */
export interface ManifestStack {
  /** Short name within the environment: `iam`, `network`, `hosts`, `hosts-2`, ... */
  readonly name: string;
  readonly kind: string;
  /** CloudFormation stack name: `<platform>-<env>-<name>`. */
  readonly stackName: string;
  /** Paths relative to `generated/<platform>/`. */
  readonly template: string;
  readonly parameters: string;
  readonly sourceMap: string;
  /** Short names of stacks of the same environment to deploy first. */
  readonly dependsOn: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly terminationProtection: boolean;
  /** sha256 over stack name, template, parameters and tags (hex). */
  readonly contentHash: string;
  /** Parameters filled at deploy time from another environment's stack output (never Fn::ImportValue). */
  readonly crossEnvironmentParameters: readonly {
    readonly parameter: string;
    readonly env: string;
    readonly stack: string;
    readonly output: string;
  }[];
}

export interface ManifestEnvironment {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  readonly protect: boolean;
  readonly boundaryPolicyName: string;
  /** In deploy order (a topological order of dependsOn, ties broken by the canonical stack order). */
  readonly stacks: readonly ManifestStack[];
}

export interface Manifest {
  readonly manifestVersion: 1;
  readonly platform: string;
  /** The spec file, relative to the repository root. */
  readonly spec: string;
  readonly environments: readonly ManifestEnvironment[];
}
