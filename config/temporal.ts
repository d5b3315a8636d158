// Connection settings shared by the client (API) and the worker: a local dev server needs none,
// Temporal Cloud needs TLS with an mTLS certificate pair or an API key.
import { readFileSync } from 'node:fs';
import type { Config } from './index';

export interface TemporalConnectionOptions {
  address: string;
  tls?: boolean | { clientCertPair?: { crt: Buffer; key: Buffer }; serverRootCACertificate?: Buffer };
  apiKey?: string;
}

export function temporalConnectionOptions(config: Config): TemporalConnectionOptions {
  const {
    TEMPORAL_TLS_CERT_PATH: crt,
    TEMPORAL_TLS_KEY_PATH: key,
    TEMPORAL_TLS_CA_PATH: ca,
    TEMPORAL_API_KEY: apiKey,
  } = config;
  const certPair = crt && key ? { crt: readFileSync(crt), key: readFileSync(key) } : undefined;
  const rootCa = ca ? readFileSync(ca) : undefined;
  const wantsTls = config.TEMPORAL_TLS || certPair !== undefined || rootCa !== undefined || apiKey !== undefined;
  const tls =
    certPair || rootCa
      ? { ...(certPair ? { clientCertPair: certPair } : {}), ...(rootCa ? { serverRootCACertificate: rootCa } : {}) }
      : wantsTls;
  return { address: config.temporalAddress, ...(tls ? { tls } : {}), ...(apiKey ? { apiKey } : {}) };
}
