/**
 * The CLI's side of bin/platformc's start without NODE_EXTRA_CA_CERTS: the value is put back for every process
 * the CLI starts, and the AWS SDK is never loaded in a process that started without the certificates.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type ExtraCa = typeof import('../../compiler/deploy/extra-ca.js');

describe('restoring NODE_EXTRA_CA_CERTS', () => {
  let extraCa: ExtraCa;
  beforeEach(async () => {
    // The module remembers how this process started; each test gets a fresh one.
    vi.resetModules();
    extraCa = await import('../../compiler/deploy/extra-ca.js');
  });

  it('puts the value the launcher set aside back, and refuses the SDK afterwards', () => {
    const env: NodeJS.ProcessEnv = { NODE_EXTRA_CA_CERTS: '', PLATFORMC_EXTRA_CA_CERTS: '/etc/ca.pem', PATH: '/bin' };
    extraCa.restoreExtraCa(env);
    expect(env).toEqual({ NODE_EXTRA_CA_CERTS: '/etc/ca.pem', PATH: '/bin' });
    expect(() => extraCa.assertExtraCaLoaded()).toThrow(/started Node without NODE_EXTRA_CA_CERTS/);
  });

  it.each([
    ['nothing set aside', { NODE_EXTRA_CA_CERTS: '/etc/ca.pem' }, { NODE_EXTRA_CA_CERTS: '/etc/ca.pem' }],
    ['no variable at all', {}, {}],
    ['a value someone set after the launcher', { NODE_EXTRA_CA_CERTS: '/other.pem', PLATFORMC_EXTRA_CA_CERTS: '/etc/ca.pem' }, { NODE_EXTRA_CA_CERTS: '/other.pem' }],
    ['an empty value set aside', { NODE_EXTRA_CA_CERTS: '', PLATFORMC_EXTRA_CA_CERTS: '' }, { NODE_EXTRA_CA_CERTS: '' }],
  ])('leaves the SDK allowed with %s', (_name, given: NodeJS.ProcessEnv, expected: NodeJS.ProcessEnv) => {
    const env = { ...given };
    extraCa.restoreExtraCa(env);
    expect(env).toEqual(expected);
    expect(() => extraCa.assertExtraCaLoaded()).not.toThrow();
  });
});
