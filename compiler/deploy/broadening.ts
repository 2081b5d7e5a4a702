/**
 * What the preview asks reviewers to read first: IAM permissions and network reachability that grow with this
 * deploy, and the instances it stops and starts (new user data or instance type). Computed by the semantic diff (compiler/diff) between what is deployed and what would be deployed,
 * over the whole environment so a statement moving between stacks is not mistaken for new access.
 */
import type { StackParameter } from './aws-api.js';
import type { StackReport } from './report.js';

export interface BroadeningInput {
  readonly platform: string;
  readonly env: string;
  readonly stacks: readonly {
    readonly name: string;
    readonly stackName: string;
    readonly localTemplate: string;
    readonly localParameters: readonly StackParameter[];
    /** Where the local template's resources and policy statements come from in the spec, from its source map. */
    readonly locations?: Readonly<Record<string, string>>;
    readonly statementLocations?: Readonly<Record<string, string>>;
    /** Absent for a stack that does not exist yet. */
    readonly deployedTemplate?: string;
    readonly deployedParameters?: readonly StackParameter[];
  }[];
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export interface ReviewLines {
  /** One line per broadening finding, prefixed with the stack name; empty when nothing grows. */
  readonly broadening: string[];
  /** Resources updated with an interruption, each with its line (`<stack name>/<logical id> stopped and started: ...`). */
  readonly interruptions: { readonly stackName: string; readonly logicalId: string; readonly line: string }[];
  /** One line per stateful resource deleted with its data (`<stack name>/<logical id> deleted with its data ...`). */
  readonly deletions: string[];
}

export async function reviewLines(input: BroadeningInput): Promise<ReviewLines> {
  const [{ diffStacks }, { deletionText, iamText, interruptionText, networkText }] = await Promise.all([import('../diff/diff-stacks.js'), import('../diff/describe.js')]);
  type Input = Parameters<typeof diffStacks>[0][number];
  const values = (params: readonly StackParameter[]): Record<string, string> => Object.fromEntries(params.map((p) => [p.key, p.value]));
  const base: Input[] = [];
  const head: Input[] = [];
  for (const s of input.stacks) {
    const local = parse(s.localTemplate);
    if (local === undefined) continue;
    head.push({
      platform: input.platform, env: input.env, stack: s.name, template: local as Input['template'], parameterValues: values(s.localParameters),
      ...(s.locations ? { sources: s.locations } : {}), ...(s.statementLocations ? { statementSources: s.statementLocations } : {}),
    });
    const deployed = s.deployedTemplate === undefined ? undefined : parse(s.deployedTemplate);
    if (deployed !== undefined) {
      base.push({ platform: input.platform, env: input.env, stack: s.name, template: deployed as Input['template'], parameterValues: values(s.deployedParameters ?? []) });
    }
  }
  const names = new Map(input.stacks.map((s) => [s.name, s.stackName]));
  const diff = diffStacks(base, head);
  return {
    // Each with the spec line that grants it (the statement's, else the resource's), for whoever approves.
    broadening: diff.stacks.flatMap((s) => {
      const at = (logicalId: string, location = s.sources[logicalId]): string => (location === undefined ? '' : ` (${location})`);
      return [
        ...s.iam.map((f) => `${names.get(s.stack) ?? s.stack}: IAM ${f.logicalId}${at(f.logicalId, f.location)}: ${iamText(f)}`),
        ...s.network.map((f) => `${names.get(s.stack) ?? s.stack}: network ${f.logicalId}${at(f.logicalId)}: ${networkText(f)}`),
      ];
    }),
    // Only stacks that exist: a stack created by this deploy interrupts nothing.
    interruptions: diff.stacks.filter((s) => s.kind === 'modified').flatMap((s) => s.interruptions.map((i) => {
      const stackName = names.get(s.stack) ?? s.stack;
      return { stackName, logicalId: i.logicalId, line: `${stackName}/${i.logicalId} ${interruptionText(i)}` };
    })),
    deletions: diff.stacks.flatMap((s) => s.deletions.map((d) => `${names.get(s.stack) ?? s.stack}/${d.logicalId} ${deletionText(d)}`)),
  };
}

/**
 * What an `on-risk` approval asks a person about besides broadening: resources the change sets replace (for certain
 * or possibly), instances the update stops and starts, stateful resources deleted with their data. Without the
 * semantic diff, any change counts, so the approval is asked for rather than skipped.
 */
export function riskLines(stacks: readonly StackReport[], review: ReviewLines | undefined): string[] {
  const planned = stacks.filter((s) => s.result === 'planned');
  const replaced = planned.flatMap((s) =>
    s.changes.filter((r) => r.replacement === 'True' || r.replacement === 'Conditional').map((r) => ({ id: `${s.stackName}/${r.logicalId}`, certain: r.replacement === 'True' })),
  );
  if (review === undefined) return planned.length > 0 ? ['risks could not be computed; review the change sets'] : [];
  const ids = new Set(replaced.map((r) => r.id));
  return [
    ...replaced.map((r) => `${r.id} ${r.certain ? 'replaced' : 'possibly replaced'}`),
    ...review.interruptions.filter((i) => !ids.has(`${i.stackName}/${i.logicalId}`)).map((i) => i.line),
    ...review.deletions,
  ];
}
