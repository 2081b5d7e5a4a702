/**
 * The offline IAM step of `validate`: every policy of every stack against the catalog and the platform's own
 * rules (boundaries on every principal, known principals in trust policies). Runs without AWS credentials.
 */
import type { AssembledStack } from '../assemble/stack.js';
import { createIamCatalog, type IamCatalog } from './catalog.js';
import { checkStatementCatalog } from './catalog-rules.js';
import { extractPolicies, statementsOf } from './extract-policies.js';
import type { Finding } from './finding.js';
import { checkPrincipals, checkTrust, type EnvironmentAccounts } from './principal-rules.js';
import { checkStatementShape } from './statement-rules.js';

export interface IamCheckOptions {
  /** Every environment of the platform: its account is trusted by the others. */
  readonly environments: readonly EnvironmentAccounts[];
  /** Defaults to a fresh lazily-loaded catalog. */
  readonly catalog?: IamCatalog;
}

/** Runs every offline IAM check over the stacks of one platform; findings in a stable order. */
export async function checkIam(stacks: readonly AssembledStack[], options: IamCheckOptions): Promise<Finding[]> {
  const catalog = options.catalog ?? createIamCatalog();
  const findings: Finding[] = [];
  for (const stack of stacks) {
    const env = options.environments.find((e) => e.name === stack.env);
    findings.push(...checkPrincipals(stack, env));
    for (const policy of extractPolicies(stack)) {
      findings.push(...checkTrust(policy, options.environments));
      const statements = statementsOf(policy);
      for (const [index, statement] of statements.entries()) {
        findings.push(...checkStatementShape(policy, statement, index));
        findings.push(...(await checkStatementCatalog(catalog, policy, statement, index)));
      }
    }
  }
  return findings;
}
