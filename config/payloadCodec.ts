// Encryption of everything the service hands Temporal (workflow inputs, update arguments, activity
// payloads, results, failure messages), so that names, statements and notes never sit readable in
// Temporal's history or Web UI. AES-256-GCM with a random 12-byte IV per payload; the key id travels
// in the payload's metadata, so keys rotate by adding one: encode always uses the current key,
// decode uses whichever key the payload names, and payloads written before encryption (no
// `binary/encrypted` encoding) pass through unchanged.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import type { Logger } from 'pino';
import type { Config } from './index';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/;

const { Payload: PayloadMessage } = proto.temporal.api.common.v1;
const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/** Keys by id, in the order they were listed: the last one is the current one unless told otherwise. */
export type PayloadKeys = ReadonlyMap<string, Uint8Array>;

/**
 * Parses `id:base64key` pairs separated by commas (the PAYLOAD_KEYS format, also the format of the
 * generated development key file). Errors name the entry, never the key material.
 */
export function parsePayloadKeys(list: string): PayloadKeys {
  const keys = new Map<string, Uint8Array>();
  const entries = list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new Error('no keys: expected comma-separated id:base64key pairs');
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    const where = id ? `key "${id}"` : `entry ${index + 1}`;
    if (!KEY_ID.test(id))
      throw new Error(`${where}: expected id:base64key, the id made of letters, digits, ".", "_" or "-"`);
    if (keys.has(id)) throw new Error(`${where} is listed twice`);
    const encoded = entry.slice(colon + 1);
    const key = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : undefined;
    if (key?.length !== KEY_BYTES)
      throw new Error(`${where} must be ${KEY_BYTES} random bytes in base64 (e.g. \`openssl rand -base64 32\`)`);
    keys.set(id, new Uint8Array(key));
  });
  return keys;
}

/** Formats a key for PAYLOAD_KEYS or the development key file. */
export const formatPayloadKey = (id: string, key: Uint8Array) => `${id}:${Buffer.from(key).toString('base64')}`;

/**
 * The payload codec of every Temporal client, worker and replayer of the service, and of the
 * codec endpoint the Web UI decodes through.
 */
export class EncryptionCodec implements PayloadCodec {
  readonly currentKeyId: string;

  constructor(
    private readonly keys: PayloadKeys,
    currentKeyId?: string,
  ) {
    const current = currentKeyId ?? [...keys.keys()].at(-1);
    if (current === undefined || !keys.has(current))
      throw new Error(`The current payload key "${current ?? ''}" is not among the configured keys.`);
    this.currentKeyId = current;
  }

  /** Ids of every key this codec can decode with. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const keyId = this.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keys.get(keyId)!, iv);
    cipher.setAAD(additionalData(keyId));
    const plaintext = PayloadMessage.encode(payload).finish();
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(keyId) },
      data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]),
    };
  }

  private decrypt(payload: Payload): Payload {
    if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
    const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
    if (!keyId) throw new Error(`An encrypted payload carries no "${KEY_ID_METADATA}" metadata.`);
    const key = this.keys.get(keyId);
    if (!key)
      throw new Error(
        `A payload is encrypted with key "${keyId}", which is not configured (configured: ${this.keyIds.join(', ')}); ` +
          'add it to PAYLOAD_KEYS.',
      );
    const data = Buffer.from(payload.data ?? []);
    if (data.length < IV_BYTES + TAG_BYTES) throw new Error(`An encrypted payload (key "${keyId}") is truncated.`);
    const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, IV_BYTES));
    decipher.setAAD(additionalData(keyId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new Error(
        `A payload encrypted with key "${keyId}" failed authentication: it was altered, ` +
          'or the key configured under that id is not the one that encrypted it.',
      );
    }
    return PayloadMessage.decode(plaintext);
  }
}

/** Binds the ciphertext to its key id, so that metadata pointing it at another key is refused. */
const additionalData = (keyId: string) => utf8(`${ENCRYPTED_ENCODING};${keyId}`);

export interface LoadedPayloadCodec {
  codec: EncryptionCodec;
  /** Where the keys came from, for the start-up log: `PAYLOAD_KEYS` or the development key file. */
  source: string;
}

/**
 * The codec for this configuration: PAYLOAD_KEYS when set, else a development key generated once
 * into DATA_DIR (like the development JWT key), so that `npm start` works out of the box and every
 * process on the same DATA_DIR agrees. Losing that file makes the histories it encrypted unreadable.
 */
export async function loadPayloadCodec(config: Config): Promise<LoadedPayloadCodec> {
  if (config.PAYLOAD_KEYS) {
    return { codec: new EncryptionCodec(config.PAYLOAD_KEYS, config.PAYLOAD_KEY_ID), source: 'PAYLOAD_KEYS' };
  }
  const file = path.join(config.dataDir, 'payload-keys');
  await mkdir(config.dataDir, { recursive: true });
  const generated = formatPayloadKey(`dev-${randomBytes(4).toString('hex')}`, randomBytes(KEY_BYTES));
  // 'wx' fails if another process created the key first; then everyone reads the same one.
  await writeFile(file, `${generated}\n`, { flag: 'wx', mode: 0o600 }).catch((e) => {
    if (e.code !== 'EEXIST') throw e;
  });
  let keys: PayloadKeys;
  try {
    keys = parsePayloadKeys(await readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`Invalid development payload key file ${file}: ${(e as Error).message}`);
  }
  return { codec: new EncryptionCodec(keys, config.PAYLOAD_KEY_ID), source: file };
}

/** Says which key encrypts (never the key), and warns when a generated key may not be shared. */
export function logPayloadKeys(logger: Logger, { codec, source }: LoadedPayloadCodec, config: Config): void {
  logger.info(
    { payloadKeyId: codec.currentKeyId, payloadKeyIds: codec.keyIds, payloadKeysFrom: source },
    `Temporal payloads are encrypted with key "${codec.currentKeyId}"`,
  );
  if (source !== 'PAYLOAD_KEYS' && !config.embeddedTemporal)
    logger.warn(
      `PAYLOAD_KEYS is unset, so payloads are encrypted with the development key in ${source}: ` +
        'every API and worker process must read the same key, and losing it makes histories unreadable.',
    );
}
