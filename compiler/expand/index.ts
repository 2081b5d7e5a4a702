/**
 * Every concern's expander, in the order their fragments are gathered. Adding a concern is adding its expander
 * here; each one maps (platform, environment) to fragments and knows nothing of the others.
 */
import type { Expander } from './fragment.js';
import { expandDns } from './dns.js';
import { expandHosts } from './hosts.js';
import { expandIam } from './iam.js';
import { expandLogging } from './logging.js';
import { expandNetwork } from './network.js';
import { expandPipeline } from './pipeline.js';

export const EXPANDERS: readonly Expander[] = [expandIam, expandNetwork, expandLogging, expandHosts, expandDns, expandPipeline];
