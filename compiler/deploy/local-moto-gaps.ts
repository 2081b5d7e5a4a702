/**
 * `--local` only: moto's CloudFormation creates the resource types it models and skips the others, so a stack
 * that references a skipped resource fails on the emulator ("Fn::GetAtt references undefined resource ...", or
 * HTTP 500) although CloudFormation would create it. After such a failure deploy names the types that are the
 * emulator's limit, so a new user does not go hunting for a defect in the template.
 */
import { importedNames } from './leftover-stacks.js';
import type { StackPlan } from './load-plan.js';

/**
 * Resource types platformc emits that moto 5.2.5's CloudFormation does not implement. Measured, not assumed:
 * each is absent from moto 5.2.5's registry of CloudFormation models (every `CloudFormationModel` subclass's
 * `cloudformation_type()`), checked for every type in the committed generated/ templates; and a stack on
 * `moto_server` that reads an attribute of one (e.g. the logging stack's delivery streams) fails with
 * "Fn::GetAtt references undefined resource". Re-measure when moto is upgraded.
 */
export const MOTO_UNSUPPORTED_TYPES: readonly string[] = [
  'AWS::CloudWatch::Alarm',
  'AWS::CodeBuild::Project',
  'AWS::CodePipeline::Pipeline',
  'AWS::EC2::EIPAssociation',
  'AWS::EC2::TransitGatewayAttachment',
  'AWS::EC2::TransitGatewayMulticastDomain',
  'AWS::EC2::TransitGatewayMulticastDomainAssociation',
  'AWS::KinesisFirehose::DeliveryStream',
  'AWS::Logs::MetricFilter',
  'AWS::Logs::SubscriptionFilter',
  'AWS::S3::BucketPolicy',
  'AWS::SNS::Subscription',
];

const UNSUPPORTED = new Set(MOTO_UNSUPPORTED_TYPES);

/** The stack's resource types moto cannot create, sorted and without repeats. */
export function motoUnsupportedTypes(stack: Pick<StackPlan, 'resourceTypes'>): string[] {
  return [...new Set(Object.values(stack.resourceTypes).filter((t) => UNSUPPORTED.has(t)))].sort();
}

function readsImports(templateBody: string): boolean {
  try {
    return importedNames(JSON.parse(templateBody)).length > 0;
  } catch {
    return false;
  }
}

/**
 * The note printed after a failed `--local` deploy: one line per failed stack that holds unsupported types or
 * imports another stack's export (measured: moto 5.2.5 records no Outputs, hence no exports, for stacks created
 * through change sets, so every Fn::ImportValue fails there), then what that means. Stacks with neither failed
 * for another reason and get no note.
 */
export function motoGapNote(options: {
  readonly stacks: readonly Pick<StackPlan, 'stackName' | 'resourceTypes' | 'templateBody'>[];
  readonly failed: readonly string[];
}): string {
  const failed = options.stacks.filter((s) => options.failed.includes(s.stackName));
  const typeLines = failed
    .map((s) => ({ stack: s.stackName, types: motoUnsupportedTypes(s) }))
    .filter((s) => s.types.length > 0)
    .map((s) => `  ${s.stack}: ${s.types.join(', ')}\n`);
  const importing = failed.filter((s) => readsImports(s.templateBody)).map((s) => s.stackName);
  if (typeLines.length === 0 && importing.length === 0) return '';
  return (
    (typeLines.length > 0 ? 'note: the local emulator (moto 5.2.5) does not implement these resource types in CloudFormation:\n' + typeLines.join('') : '') +
    (importing.length > 0
      ? `note: ${importing.join(', ')} import${importing.length === 1 ? 's' : ''} other stacks' exports; moto 5.2.5 keeps no outputs or exports for stacks created through change sets, so Fn::ImportValue cannot resolve locally.\n`
      : '') +
    'This is a limit of the local emulator, not of the template: what refers to a resource or export moto did not\n' +
    'record fails locally. Deploy to AWS (without --local) to create it.\n'
  );
}
