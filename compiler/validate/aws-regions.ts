/**
 * AWS region codes by partition, as published by AWS (commercial, China, GovCloud, the isolated partitions and the
 * European Sovereign Cloud). Kept as a table, not a pattern, so a typo such as `us-east-3` is caught.
 * Add a region here when AWS opens it.
 */
export const AWS_REGIONS: Readonly<Record<string, string>> = {
  'af-south-1': 'aws',
  'ap-east-1': 'aws',
  'ap-east-2': 'aws',
  'ap-northeast-1': 'aws',
  'ap-northeast-2': 'aws',
  'ap-northeast-3': 'aws',
  'ap-south-1': 'aws',
  'ap-south-2': 'aws',
  'ap-southeast-1': 'aws',
  'ap-southeast-2': 'aws',
  'ap-southeast-3': 'aws',
  'ap-southeast-4': 'aws',
  'ap-southeast-5': 'aws',
  'ap-southeast-6': 'aws',
  'ap-southeast-7': 'aws',
  'ca-central-1': 'aws',
  'ca-west-1': 'aws',
  'eu-central-1': 'aws',
  'eu-central-2': 'aws',
  'eu-north-1': 'aws',
  'eu-south-1': 'aws',
  'eu-south-2': 'aws',
  'eu-west-1': 'aws',
  'eu-west-2': 'aws',
  'eu-west-3': 'aws',
  'il-central-1': 'aws',
  'me-central-1': 'aws',
  'me-south-1': 'aws',
  'mx-central-1': 'aws',
  'sa-east-1': 'aws',
  'us-east-1': 'aws',
  'us-east-2': 'aws',
  'us-west-1': 'aws',
  'us-west-2': 'aws',
  'cn-north-1': 'aws-cn',
  'cn-northwest-1': 'aws-cn',
  'us-gov-east-1': 'aws-us-gov',
  'us-gov-west-1': 'aws-us-gov',
  'us-iso-east-1': 'aws-iso',
  'us-iso-west-1': 'aws-iso',
  'us-isob-east-1': 'aws-iso-b',
  'eu-isoe-west-1': 'aws-iso-e',
  'us-isof-east-1': 'aws-iso-f',
  'us-isof-south-1': 'aws-iso-f',
  'eusc-de-east-1': 'aws-eusc',
};

export const REGION_CODES: readonly string[] = Object.keys(AWS_REGIONS);

export function isAwsRegion(code: string): boolean {
  return Object.hasOwn(AWS_REGIONS, code);
}

/** The partition of a region (`aws`, `aws-cn`, `aws-us-gov`, ...), undefined for unknown codes. */
export function partitionOf(region: string): string | undefined {
  return isAwsRegion(region) ? AWS_REGIONS[region] : undefined;
}
