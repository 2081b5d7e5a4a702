/**
 * `bin/platformc` starts Node without NODE_EXTRA_CA_CERTS for the commands that open no TLS connection (Node 20
 * reads and parses those certificates while it starts, before any of platformc runs) and passes the value on as
 * PLATFORMC_EXTRA_CA_CERTS. The CLI puts it back first thing, so that every process it starts (git, cfn-lint) sees
 * the environment as it was; only this Node process runs without the extra certificates.
 */
const STASHED_EXTRA_CA = 'PLATFORMC_EXTRA_CA_CERTS';

/** True once `restoreExtraCa` found that this process started without the extra certificates it was given. */
let startedWithoutExtraCa = false;

/** Moves a value `bin/platformc` set aside back into NODE_EXTRA_CA_CERTS; anything else is left as it is. */
export function restoreExtraCa(env: NodeJS.ProcessEnv): void {
  const stashed = env[STASHED_EXTRA_CA];
  if (stashed === undefined) return;
  delete env[STASHED_EXTRA_CA];
  // The launcher empties the variable; a value there now was set by someone else and stays.
  if (env.NODE_EXTRA_CA_CERTS !== '') return;
  env.NODE_EXTRA_CA_CERTS = stashed;
  startedWithoutExtraCa = stashed !== '';
}

/**
 * Called by the commands that open TLS connections, first thing, and again before the AWS SDK is loaded: a process
 * that started without the extra certificates cannot add them to its TLS connections any more, and would fail
 * behind a proxy with its own CA. The launcher keeps them for every such command, so this is a bug if it ever
 * throws (the CLI reports it as an internal error, exit 70).
 */
export function assertExtraCaLoaded(): void {
  if (startedWithoutExtraCa) {
    throw new Error('this command opens TLS connections, but bin/platformc started Node without NODE_EXTRA_CA_CERTS; run `node <platformc>/bin/platformc.cjs` directly meanwhile');
  }
}
