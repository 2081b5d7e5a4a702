/**
 * Why CloudFormation changes a resource, from a change set's details: the properties it changes and what drives
 * each, shown in the preview beside the replacement. A parameter that changes a property says so, which is how a
 * new AMI published to the image's SSM parameter shows: every host replaced because of `ImageId (parameter
 * ImageId)`, with no change in the template.
 */

/** The parts of a change set's `ResourceChangeDetail` the preview reads (the SDK's shape, narrowed). */
export interface ChangeDetail {
  readonly Target?: { readonly Attribute?: string; readonly Name?: string };
  readonly ChangeSource?: string;
  readonly CausingEntity?: string;
}

/** One phrase per changed property, in the order of the details, each once: `ImageId (parameter ImageId)`. */
export function changeCauses(details: readonly ChangeDetail[] | undefined): string[] {
  const causes: string[] = [];
  for (const detail of details ?? []) {
    const target = detail.Target;
    if (target?.Attribute !== 'Properties' || target.Name === undefined || target.Name === '') continue;
    const entity = detail.CausingEntity;
    const source = detail.ChangeSource;
    const by = entity === undefined || entity === ''
      ? ''
      : source === 'ParameterReference' ? ` (parameter ${entity})` : source === 'ResourceReference' || source === 'ResourceAttribute' ? ` (${entity})` : '';
    const cause = `${target.Name}${by}`;
    if (!causes.includes(cause)) causes.push(cause);
  }
  return causes;
}
