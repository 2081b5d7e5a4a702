/**
 * Where a record's answer comes from. A literal `value` is used as written. An environment's entry point is its
 * router's Elastic IP: in the dns stack's own environment that is a cross-stack reference to the hosts stack;
 * for any other environment (possibly another account or region) it is a template parameter that `deploy`
 * fills from that environment's hosts stack output `RouterPublicIp`, never an `Fn::ImportValue` across accounts.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Json } from '../model/cfn.js';
import type { ExpandContext, FragmentParameter } from './fragment.js';
import { ROUTER_EIP_ID } from './hosts.js';
import { attOf } from './shared/refs.js';
import { logicalName } from './shared/names.js';
import { compareText } from '../model/compare-text.js';

/** The output under which each hosts stack publishes its router's address. */
export const ROUTER_PUBLIC_IP_OUTPUT = 'RouterPublicIp';

/** A dotted-quad IPv4 address, as the AllowedPattern of router address parameters. */
export const IPV4_PATTERN =
  '^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$';
const IPV4 = new RegExp(IPV4_PATTERN);

export interface Answer {
  /** The value as it appears in the template: a literal, a cross-stack marker or a `Ref` to a parameter. */
  readonly value: Json;
  /** True when the value is an IPv4 address (so a health check can probe it by address). */
  readonly isAddress: boolean;
}

/** Collects the parameters a dns stack needs, one per other environment, whatever number of records use it. */
export class AnswerResolver {
  private readonly parameters = new Map<string, FragmentParameter>();

  constructor(private readonly context: ExpandContext) {}

  /** The answer for a target that names an environment or a literal value. */
  resolve(target: { readonly env?: string; readonly value?: string }, origin: SpecPath): Answer {
    if (target.value !== undefined) return { value: target.value, isAddress: IPV4.test(target.value) };
    const env = target.env ?? this.context.env.name;
    if (env === this.context.env.name) return { value: attOf(ROUTER_EIP_ID, 'PublicIp'), isAddress: true };
    const name = `${ROUTER_PUBLIC_IP_OUTPUT}${logicalName(env)}`;
    if (!this.parameters.has(name)) {
      this.parameters.set(name, {
        name,
        origin,
        value: `output:${env}/hosts/${ROUTER_PUBLIC_IP_OUTPUT}`,
        fromOutput: { env, stack: 'hosts', output: ROUTER_PUBLIC_IP_OUTPUT },
        definition: {
          Type: 'String',
          Description: `Public IPv4 address of the ${env} router (output ${ROUTER_PUBLIC_IP_OUTPUT} of its hosts stack).`,
          AllowedPattern: IPV4_PATTERN,
          ConstraintDescription: 'an IPv4 address such as 203.0.113.10',
        },
      });
    }
    return { value: { Ref: name }, isAddress: true };
  }

  /** The parameters used so far, sorted by name. */
  collected(): readonly FragmentParameter[] {
    return [...this.parameters.values()].sort((a, b) => compareText(a.name, b.name));
  }
}
