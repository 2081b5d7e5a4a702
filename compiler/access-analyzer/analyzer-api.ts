/**
 * The three Access Analyzer operations validate uses, behind a small interface so the rest of the code never
 * touches the SDK. The SDK is imported with `import()` only when `--access-analyzer` is given: compile and plain
 * validate never load it.
 */
import type {
  CheckAccessNotGrantedCommandInput,
  CheckAccessNotGrantedCommandOutput,
  CheckNoNewAccessCommandInput,
  CheckNoNewAccessCommandOutput,
  ValidatePolicyCommandInput,
  ValidatePolicyCommandOutput,
} from '@aws-sdk/client-accessanalyzer';
import { assertExtraCaLoaded } from '../deploy/extra-ca.js';
import { quietSdkNodeNotice } from '../deploy/sdk-notice.js';

export interface AnalyzerApi {
  validatePolicy(input: ValidatePolicyCommandInput): Promise<ValidatePolicyCommandOutput>;
  checkNoNewAccess(input: CheckNoNewAccessCommandInput): Promise<CheckNoNewAccessCommandOutput>;
  checkAccessNotGranted(input: CheckAccessNotGrantedCommandInput): Promise<CheckAccessNotGrantedCommandOutput>;
}

export interface AnalyzerClientOptions {
  readonly region: string;
  /** A custom endpoint (tests, VPC endpoints); default: the regional service endpoint. */
  readonly endpoint?: string;
  /** Static credentials; default: the SDK's provider chain (environment, profile, SSO, instance role). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /** Attempts the SDK itself makes per call (its standard retry strategy handles throttling first). */
  readonly maxAttempts?: number;
}

/** Loads the SDK and returns an API bound to one region. */
export async function createAnalyzerApi(options: AnalyzerClientOptions): Promise<AnalyzerApi> {
  assertExtraCaLoaded();
  quietSdkNodeNotice();
  const sdk = await import('@aws-sdk/client-accessanalyzer');
  const client = new sdk.AccessAnalyzerClient({
    region: options.region,
    maxAttempts: options.maxAttempts ?? 3,
    retryMode: 'standard',
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: { ...options.credentials } } : {}),
  });
  return {
    validatePolicy: (input) => client.send(new sdk.ValidatePolicyCommand(input)),
    checkNoNewAccess: (input) => client.send(new sdk.CheckNoNewAccessCommand(input)),
    checkAccessNotGranted: (input) => client.send(new sdk.CheckAccessNotGrantedCommand(input)),
  };
}
