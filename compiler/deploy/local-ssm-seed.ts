/**
 * `--local` only: a fresh moto server holds no SSM parameters, so a template parameter typed
 * `AWS::SSM::Parameter::Value<...>` (an image id kept in Parameter Store, say) cannot resolve and moto answers the
 * execution with HTTP 500. Before deploying to the emulator we put a placeholder behind every such name. Never
 * used against a real endpoint: there the parameter is the operator's to create.
 */
import type { StackPlan } from './load-plan.js';
import { DeployError } from './deploy-error.js';
import { LOCAL_CREDENTIALS } from './local-moto.js';
import { compareText } from '../model/compare-text.js';
import { quietSdkNodeNotice } from './sdk-notice.js';

/** An image id in moto 5.2.5's built-in image set (moto/ec2/resources/amis.json.gz), so EC2 resources accept it. */
export const MOTO_PLACEHOLDER_IMAGE_ID = 'ami-12c6146b';

const SSM_VALUE_TYPE = /^AWS::SSM::Parameter::Value<(.+)>$/;

/**
 * AWS's public parameters (`/aws/service/ami-amazon-linux-latest/...`, the starter spec's image): nobody may write
 * under `/aws/`, in AWS or in moto, which serves the well-known ones itself as AWS does. They are never seeded.
 */
export function isPublicParameter(name: string): boolean {
  return /^\/?aws\//i.test(name);
}

export interface SsmSeed {
  /** The SSM parameter name the parameter file passes. */
  readonly name: string;
  readonly value: string;
  /** Stacks whose templates read it. */
  readonly stacks: readonly string[];
}

interface TemplateParameters {
  readonly Parameters?: Readonly<Record<string, { readonly Type?: unknown; readonly Default?: unknown }>>;
}

function placeholderFor(valueType: string): string {
  if (valueType === 'AWS::EC2::Image::Id' || valueType === 'List<AWS::EC2::Image::Id>') return MOTO_PLACEHOLDER_IMAGE_ID;
  return 'placeholder';
}

/**
 * The SSM parameters the stacks' templates read through `AWS::SSM::Parameter::Value<...>` parameters (the name
 * from the parameter file, else the template default), each with a placeholder moto accepts. Sorted by name.
 */
export function ssmSeedsOf(stacks: readonly Pick<StackPlan, 'stackName' | 'templateBody' | 'parameters'>[]): SsmSeed[] {
  const seeds = new Map<string, { value: string; stacks: string[] }>();
  for (const stack of stacks) {
    let template: TemplateParameters;
    try {
      template = JSON.parse(stack.templateBody) as TemplateParameters;
    } catch {
      continue;
    }
    for (const [key, declared] of Object.entries(template.Parameters ?? {})) {
      const match = typeof declared.Type === 'string' ? SSM_VALUE_TYPE.exec(declared.Type) : null;
      if (!match?.[1]) continue;
      const passed = stack.parameters.find((p) => p.key === key)?.value;
      const name = passed ?? (typeof declared.Default === 'string' ? declared.Default : undefined);
      if (!name || isPublicParameter(name)) continue;
      const seed = seeds.get(name) ?? { value: placeholderFor(match[1]), stacks: [] };
      if (!seed.stacks.includes(stack.stackName)) seed.stacks.push(stack.stackName);
      seeds.set(name, seed);
    }
  }
  return [...seeds.entries()].sort(([a], [b]) => compareText(a, b)).map(([name, s]) => ({ name, value: s.value, stacks: s.stacks }));
}

/** Puts each seed into the local endpoint's Parameter Store (real @aws-sdk/client-ssm, loaded only here). */
export async function seedLocalSsm(options: { readonly endpoint: string; readonly region: string; readonly seeds: readonly SsmSeed[] }): Promise<void> {
  if (options.seeds.length === 0) return;
  quietSdkNodeNotice();
  const ssm = await import('@aws-sdk/client-ssm');
  const client = new ssm.SSMClient({ region: options.region, endpoint: options.endpoint, credentials: { ...LOCAL_CREDENTIALS } });
  try {
    for (const seed of options.seeds) {
      try {
        await client.send(new ssm.PutParameterCommand({ Name: seed.name, Value: seed.value, Type: 'String', Overwrite: true }));
      } catch (error) {
        throw new DeployError({
          code: 'DEPLOY020',
          message: `the local endpoint refused the placeholder for SSM parameter ${seed.name} (read by ${seed.stacks.join(', ')}): ${error instanceof Error ? error.message : String(error)}`,
          hint: 'Deploy with --endpoint-url to an emulator that holds the parameter, or name the image with hosts.image.amiId.',
        });
      }
    }
  } finally {
    client.destroy();
  }
}
