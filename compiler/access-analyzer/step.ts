/**
 * The Access Analyzer validate step, only with `--access-analyzer`. Nothing here imports the SDK; the
 * implementation (and through it the SDK) is imported when the step runs.
 */
import type { ValidateStep } from '../validate/steps.js';

export const ACCESS_ANALYZER_STEP: ValidateStep = {
  name: 'access-analyzer',
  enabled: (flags) => flags.accessAnalyzer === true,
  run: async (context) => {
    const { validateWithAccessAnalyzer } = await import('./validate-with-access-analyzer.js');
    return validateWithAccessAnalyzer(context, { env: process.env });
  },
};
