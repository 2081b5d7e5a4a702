/**
 * The offline IAM validate step: every policy of every compiled spec, acknowledgements applied.
 */
import type { ValidateStep } from '../validate/steps.js';

export const IAM_CHECK_STEP: ValidateStep = {
  name: 'iam',
  run: async (context) => {
    const [{ compiledSpecs }, { checkIam }, { applyAcknowledgements, pointAtValue }, { createIamCatalog }] = await Promise.all([
      import('../lint/compiled-specs.js'), import('./check-iam.js'), import('./finding.js'), import('./catalog.js'),
    ]);
    const catalog = createIamCatalog();
    const { compiled } = await compiledSpecs(context);
    const out = [];
    for (const c of compiled) {
      const environments = c.platform.environments.map((e) => ({ name: e.name, account: e.account, partition: e.partition, trustedAccounts: e.trustedAccounts }));
      const findings = (await checkIam(c.stacks, { environments, catalog })).map((f) => pointAtValue(f, c.loaded));
      out.push(...applyAcknowledgements(findings, c.spec.acknowledge ?? []));
    }
    return out;
  },
};
