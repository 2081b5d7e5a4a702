/**
 * The semantic rules, one per concern, run in this order on a schema-valid spec. Adding a rule: a new file here
 * exporting its rule and its CodeInfo array, one entry below, one spread line in the code registry.
 */
import type { Rule } from '../rule.js';
import { checkAcknowledgements } from './acknowledge.js';
import { checkEnvironments } from './environments.js';
import { checkHosts } from './hosts.js';
import { checkIam } from './iam.js';
import { checkLogging } from './logging.js';
import { checkNetwork } from './network.js';
import { checkPipelines } from './pipelines.js';
import { checkRecordAnswers } from './record-answers.js';
import { checkRouting } from './routing.js';
import { checkTags } from './tags.js';

export const RULES: readonly Rule[] = [
  checkTags,
  checkEnvironments,
  checkNetwork,
  checkHosts,
  checkLogging,
  checkRouting,
  checkRecordAnswers,
  checkIam,
  checkPipelines,
  checkAcknowledgements,
];
