/**
 * Which property changes make CloudFormation replace a resource ("Update requires: Replacement" in the
 * CloudFormation resource reference), for the resource types platformc generates. One declarative table, kept
 * beside the facts it encodes; a property path is a top-level property or a dotted path into one
 * (`HealthCheckConfig.Type`). `conditional` lists properties that replace only for some changes. `stateful`
 * marks types whose data is lost when replaced, so the diff calls them out.
 *
 * `replace` is exactly the type's createOnlyProperties in the CloudFormation resource schemas (a test holds it to
 * the schemas cfn-lint ships); `conditional` adds what the schemas call updatable but that can still cost the
 * resource or its data. When platformc learns a new resource type, add its row here (a type missing from the table
 * never reports a replacement, except when its Type itself changes).
 */
export interface ReplacementRule {
  readonly replace: readonly string[];
  readonly conditional?: readonly string[];
  readonly stateful?: boolean;
  /** Why the type is stateful, shown beside the replacement. */
  readonly state?: string;
  /**
   * Attributes whose value changes on every update of the resource (a launch template's LatestVersionNumber):
   * a replacement-causing property that reads one is changed by any update of it.
   */
  readonly updatedAttributes?: readonly string[];
  /**
   * Properties that CloudFormation updates in place but with an interruption of the resource ("Update requires:
   * Some interruptions"), and what the interruption is. For an instance: a stop and a start, which for a
   * hypervisor takes every guest on it down with it.
   */
  readonly interrupt?: readonly string[];
  readonly interruption?: string;
}

export const REPLACEMENT_TABLE: { readonly [type: string]: ReplacementRule } = {
  // Network
  'AWS::EC2::VPC': { replace: ['CidrBlock', 'Ipv4IpamPoolId', 'Ipv4NetmaskLength', 'VpcEncryptionControl'], conditional: ['InstanceTenancy'] },
  'AWS::EC2::Subnet': {
    replace: ['AvailabilityZone', 'AvailabilityZoneId', 'CidrBlock', 'Ipv4IpamPoolId', 'Ipv4NetmaskLength', 'Ipv6IpamPoolId',
      'Ipv6Native', 'Ipv6NetmaskLength', 'OutpostArn', 'VpcId'],
  },
  'AWS::EC2::RouteTable': { replace: ['VpcId'] },
  'AWS::EC2::Route': {
    replace: ['RouteTableId', 'DestinationCidrBlock', 'DestinationIpv6CidrBlock', 'DestinationPrefixListId'],
  },
  'AWS::EC2::SubnetRouteTableAssociation': { replace: ['RouteTableId', 'SubnetId'] },
  'AWS::EC2::VPCEndpoint': {
    replace: ['ServiceName', 'VpcEndpointType', 'VpcId', 'ServiceNetworkArn', 'ResourceConfigurationArn', 'ServiceRegion',
      'DnsOptions.PrivateDnsPreference', 'DnsOptions.PrivateDnsSpecifiedDomains'],
  },
  'AWS::EC2::InternetGateway': { replace: [] },
  'AWS::EC2::VPCGatewayAttachment': { replace: ['VpcId'] },
  'AWS::EC2::SecurityGroup': { replace: ['GroupDescription', 'GroupName', 'VpcId'] },
  'AWS::EC2::SecurityGroupIngress': {
    replace: ['CidrIp', 'CidrIpv6', 'FromPort', 'GroupId', 'GroupName', 'IpProtocol', 'SourcePrefixListId',
      'SourceSecurityGroupId', 'SourceSecurityGroupName', 'SourceSecurityGroupOwnerId', 'ToPort'],
  },
  'AWS::EC2::SecurityGroupEgress': {
    replace: ['CidrIp', 'CidrIpv6', 'DestinationPrefixListId', 'DestinationSecurityGroupId', 'FromPort', 'GroupId',
      'IpProtocol', 'ToPort'],
  },
  'AWS::EC2::NetworkInterface': {
    replace: ['InterfaceType', 'PrivateIpAddress', 'SubnetId'],
    conditional: ['PrivateIpAddresses', 'SecondaryPrivateIpAddressCount'],
  },
  'AWS::EC2::EIP': { replace: ['Address', 'IpamPoolId', 'NetworkBorderGroup', 'TransferAddress'], conditional: ['Domain', 'PublicIpv4Pool'] },
  'AWS::EC2::EIPAssociation': { replace: ['AllocationId', 'EIP', 'InstanceId', 'NetworkInterfaceId', 'PrivateIpAddress'] },
  'AWS::EC2::TransitGateway': { replace: ['AmazonSideAsn', 'MulticastSupport'] },
  'AWS::EC2::TransitGatewayAttachment': { replace: ['TransitGatewayId', 'VpcId'] },
  'AWS::EC2::TransitGatewayVpcAttachment': { replace: ['SubnetIds', 'TransitGatewayId', 'VpcId'] },
  'AWS::EC2::TransitGatewayMulticastDomain': { replace: ['TransitGatewayId'] },
  'AWS::EC2::TransitGatewayMulticastDomainAssociation': {
    replace: ['SubnetId', 'TransitGatewayAttachmentId', 'TransitGatewayMulticastDomainId'],
  },
  // Hosts
  'AWS::EC2::Instance': {
    replace: ['AvailabilityZone', 'CpuOptions', 'ElasticGpuSpecifications', 'ElasticInferenceAccelerators', 'EnclaveOptions', 'HibernationOptions',
      'HostResourceGroupArn', 'ImageId', 'Ipv6AddressCount', 'Ipv6Addresses', 'KeyName', 'LaunchTemplate',
      'LicenseSpecifications', 'NetworkInterfaces', 'PlacementGroupName', 'PrivateIpAddress', 'SecurityGroups', 'SubnetId'],
    conditional: ['BlockDeviceMappings', 'Tenancy'],
    stateful: true,
    state: 'root and instance-store disks',
    // The schema's conditionalCreateOnlyProperties that EC2 changes only on a stopped instance (SecurityGroupIds,
    // the other one, changes in place on an instance in a VPC).
    interrupt: ['AdditionalInfo', 'Affinity', 'EbsOptimized', 'HostId', 'InstanceType', 'KernelId', 'PrivateDnsNameOptions', 'RamdiskId', 'UserData'],
    interruption: 'stopped and started',
  },
  // The resource schema lets these be updated, but an EBS volume cannot move zone or change encryption in place:
  // flagged as possibly replacing, since the data is what is at stake.
  'AWS::EC2::Volume': {
    replace: [],
    conditional: ['AvailabilityZone', 'Encrypted', 'KmsKeyId', 'OutpostArn', 'SnapshotId'],
    stateful: true,
    state: 'volume data',
  },
  'AWS::EC2::VolumeAttachment': { replace: ['Device', 'EbsCardIndex', 'InstanceId', 'VolumeId'] },
  'AWS::EC2::LaunchTemplate': { replace: ['LaunchTemplateName'], updatedAttributes: ['LatestVersionNumber'] },
  'AWS::EC2::KeyPair': { replace: ['KeyFormat', 'KeyName', 'KeyType', 'PublicKeyMaterial', 'Tags'] },
  // IAM
  'AWS::IAM::Role': { replace: ['Path', 'RoleName'] },
  'AWS::IAM::User': { replace: ['UserName'] },
  'AWS::IAM::ManagedPolicy': { replace: ['Description', 'ManagedPolicyName', 'Path'] },
  'AWS::IAM::InstanceProfile': { replace: ['InstanceProfileName', 'Path'] },
  'AWS::IAM::RolePolicy': { replace: ['PolicyName', 'RoleName'] },
  'AWS::IAM::Policy': { replace: [] },
  // Logging
  'AWS::Logs::LogGroup': { replace: ['LogGroupName'], conditional: ['LogGroupClass'], stateful: true, state: 'log events' },
  'AWS::Logs::SubscriptionFilter': { replace: ['FilterName', 'LogGroupName'] },
  'AWS::Logs::MetricFilter': { replace: ['FilterName', 'LogGroupName'] },
  'AWS::S3::Bucket': { replace: ['BucketName', 'BucketNamePrefix', 'BucketNamespace'], stateful: true, state: 'objects' },
  'AWS::S3::BucketPolicy': { replace: ['Bucket'] },
  'AWS::KinesisFirehose::DeliveryStream': {
    replace: ['AmazonOpenSearchServerlessDestinationConfiguration.VpcConfiguration',
      'AmazonopensearchserviceDestinationConfiguration.VpcConfiguration', 'DatabaseSourceConfiguration',
      'DeliveryStreamName', 'DeliveryStreamType', 'DirectPutSourceConfiguration',
      'ElasticsearchDestinationConfiguration.VpcConfiguration', 'IcebergDestinationConfiguration.CatalogConfiguration',
      'KinesisStreamSourceConfiguration', 'MSKSourceConfiguration', 'SnowflakeDestinationConfiguration.SnowflakeVpcConfiguration'],
  },
  'AWS::SNS::Topic': { replace: ['FifoTopic', 'TopicName'] },
  'AWS::SNS::Subscription': { replace: ['Endpoint', 'Protocol', 'TopicArn'] },
  'AWS::CloudWatch::Alarm': { replace: ['AlarmName'] },
  // CloudFormation refuses the update rather than replacing a key, which would lose everything encrypted with it.
  'AWS::KMS::Key': { replace: [], conditional: ['KeySpec', 'KeyUsage'], stateful: true, state: 'key material' },
  // DNS. Route 53 updates a record in place only when Name, Type and SetIdentifier are unchanged; otherwise the
  // record is deleted and created again, so a change of routing policy recreates it.
  'AWS::Route53::HostedZone': { replace: ['DelegationSetId', 'Name'], stateful: true, state: 'records outside this stack, delegation' },
  'AWS::Route53::RecordSet': {
    replace: ['HostedZoneId', 'HostedZoneName'],
    conditional: ['Name', 'Type', 'SetIdentifier'],
  },
  'AWS::Route53::HealthCheck': {
    replace: ['HealthCheckConfig.MeasureLatency', 'HealthCheckConfig.RequestInterval', 'HealthCheckConfig.Type'],
  },
  'AWS::Route53::CidrCollection': { replace: ['Name'] },
  // Pipelines
  'AWS::CodePipeline::Pipeline': { replace: ['Name'] },
  'AWS::CodeBuild::Project': { replace: ['Name'] },
  'AWS::CodeStarConnections::Connection': { replace: ['ConnectionName', 'HostArn', 'ProviderType'] },
  'AWS::CodeConnections::Connection': { replace: ['ConnectionName', 'HostArn', 'ProviderType'] },
  // Databases are not generated today; listed so a spec that grows one is already covered.
  'AWS::RDS::DBInstance': {
    replace: ['BackupTarget', 'CharacterSetName', 'CustomIAMInstanceProfile', 'DBClusterIdentifier', 'DBInstanceIdentifier',
      'DBName', 'DBSubnetGroupName', 'DBSystemId', 'KmsKeyId', 'MasterUsername', 'NcharCharacterSetName', 'SourceRegion',
      'StorageEncrypted', 'Timezone'],
    conditional: ['AvailabilityZone', 'Engine', 'DBSnapshotIdentifier'],
    stateful: true,
    state: 'database contents',
  },
  'AWS::DynamoDB::Table': { replace: ['ImportSourceSpecification', 'TableName'], conditional: ['KeySchema'], stateful: true, state: 'items' },
  'AWS::EFS::FileSystem': { replace: ['AvailabilityZoneName', 'Encrypted', 'KmsKeyId', 'PerformanceMode'], stateful: true, state: 'files' },
};

/** The rule for a type; unknown types replace nothing but are never stateful by assumption. */
export function replacementRule(type: string): ReplacementRule {
  return REPLACEMENT_TABLE[type] ?? { replace: [] };
}
