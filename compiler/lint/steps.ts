/**
 * The validate steps of this area: compile (problems only the later stages find) and cfn-lint over every compiled
 * template. Implementations are imported inside `run`.
 */
import type { ValidateStep } from '../validate/steps.js';

export const COMPILE_STEP: ValidateStep = {
  name: 'compile',
  run: async (context) => {
    const { compiledSpecs } = await import('./compiled-specs.js');
    return (await compiledSpecs(context)).diagnostics;
  },
};

export const CFN_LINT_STEP: ValidateStep = {
  name: 'cfn-lint',
  enabled: (flags) => flags.lint !== false,
  run: async (context) => {
    const [{ compiledSpecs }, { lintStacks }, { applyAcknowledgements }, { directoryCache }, { join }] = await Promise.all([
      import('./compiled-specs.js'), import('./run-cfn-lint.js'), import('../iam-checks/finding.js'), import('../cache/result-cache.js'), import('node:path'),
    ]);
    const { compiled } = await compiledSpecs(context);
    const stacks = compiled.flatMap((c) => c.stacks);
    // --no-cache lints every template again.
    const cache = context.flags.cache === false ? undefined : directoryCache(join(context.cwd, '.platformc-cache', 'cfn-lint'));
    const findings = await lintStacks(stacks, { cwd: context.cwd, env: process.env, ...(cache === undefined ? {} : { cache }) });
    const acknowledgements = new Map(compiled.map((c) => [c.file, c.spec.acknowledge ?? []]));
    return findings.flatMap((f) => applyAcknowledgements([f], acknowledgements.get(f.diagnostic.file) ?? []));
  },
};
