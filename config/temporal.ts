// Connection settings and the data converter shared by the client (API) and the worker: a local
// dev server needs no connection settings, Temporal Cloud needs TLS with an mTLS certificate pair
// or an API key; every side encrypts payloads with the same codec.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataConverter, PayloadCodec } from '@temporalio/common';
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

/** Makes failure messages and stack traces encodable, so that the payload codec encrypts them too. */
export const failureConverterPath = path.join(import.meta.dirname, 'failureConverter.cjs');

/**
 * The data converter of every client, worker and replayer: the same one everywhere, or a payload
 * written by one side cannot be read by the other. The codec comes from `loadPayloadCodec(config)`
 * (config/payloadCodec.ts). Workflow code bundled ahead of time must be bundled with the same
 * `failureConverterPath`.
 */
export function dataConverterOf(codec: PayloadCodec): DataConverter {
  return { payloadCodecs: [codec], failureConverterPath };
}
