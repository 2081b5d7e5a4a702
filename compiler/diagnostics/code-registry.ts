/**
 * Every diagnostic code platformc can report, gathered from the files that own the rules. The reference docs are
 * generated from this table, and a test checks that every code is unique and described. To add codes: one import
 * and one spread line below.
 */
import { COMPILE_CODES } from '../assemble/codes.js';
import { PARSE_CODES } from '../load/parse-codes.js';
import { ACKNOWLEDGE_CODES } from '../validate/rules/acknowledge.js';
import { UNUSED_ACKNOWLEDGEMENT_CODES } from '../validate/unused-acknowledgements.js';
import { ENVIRONMENT_CODES } from '../validate/rules/environments.js';
import { HOST_CODES } from '../validate/rules/hosts.js';
import { IAM_CODES } from '../validate/rules/iam.js';
import { LOGGING_CODES } from '../validate/rules/logging.js';
import { NETWORK_CODES } from '../validate/rules/network.js';
import { PIPELINE_CODES } from '../validate/rules/pipelines.js';
import { ROUTING_CODES } from '../validate/rules/routing.js';
import { RECORD_ANSWER_CODES } from '../validate/rules/record-answers.js';
import { TAG_CODES } from '../validate/rules/tags.js';
import { SCHEMA_CODES } from '../validate/schema-codes.js';
import { LINT_CODES } from '../lint/codes.js';
import { IAM_CHECK_CODES } from '../iam-checks/codes.js';
import { ACCESS_ANALYZER_CODES } from '../access-analyzer/codes.js';
import { DIFF_CODES } from '../diff/codes.js';
import { DEPLOY_CODES } from '../deploy/codes.js';
import type { CodeInfo } from './codes.js';

export const CODE_REGISTRY: readonly CodeInfo[] = [
  ...PARSE_CODES,
  ...SCHEMA_CODES,
  ...TAG_CODES,
  ...ENVIRONMENT_CODES,
  ...NETWORK_CODES,
  ...HOST_CODES,
  ...LOGGING_CODES,
  ...ROUTING_CODES,
  ...RECORD_ANSWER_CODES,
  ...IAM_CODES,
  ...PIPELINE_CODES,
  ...ACKNOWLEDGE_CODES,
  ...UNUSED_ACKNOWLEDGEMENT_CODES,
  ...COMPILE_CODES,
  ...DIFF_CODES,
  ...LINT_CODES,
  ...IAM_CHECK_CODES,
  ...ACCESS_ANALYZER_CODES,
  ...DEPLOY_CODES,
];

/** The description of `code`, if platformc knows it. */
export function codeInfo(code: string): CodeInfo | undefined {
  return CODE_REGISTRY.find((info) => info.code === code);
}
