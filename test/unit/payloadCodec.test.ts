import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import {
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  formatPayloadKey,
  KEY_ID_METADATA,
  loadPayloadCodec,
  parsePayloadKeys,
} from '../../config/payloadCodec';

const keyOf = (id: string) => formatPayloadKey(id, randomBytes(32));
const codecOf = (list: string, current?: string) => new EncryptionCodec(parsePayloadKeys(list), current);
const payloadOf = (value: unknown) => defaultPayloadConverter.toPayload(value)!;
const valueOf = (payload: Payload) => defaultPayloadConverter.fromPayload(payload);
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

const statement = { statement: '本企业承诺按期整改', signatory: '张三' };

describe('payload encryption', () => {
  it('round-trips a payload, and the encrypted one names its key and hides the text', async () => {
    const codec = codecOf(`k1:${randomBytes(32).toString('base64')}`);

    const [encrypted] = await codec.encode([payloadOf(statement)]);
    const [decrypted] = await codec.decode([encrypted!]);

    expect(text(encrypted!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encrypted!.metadata![KEY_ID_METADATA])).toBe('k1');
    expect(Buffer.from(encrypted!.data!).includes(Buffer.from('本企业'))).toBe(false);
    expect(valueOf(decrypted!)).toEqual(statement);
  });

  it('uses a fresh IV for every payload', async () => {
    const codec = codecOf(keyOf('k1'));

    const [a, b] = await codec.encode([payloadOf(statement), payloadOf(statement)]);

    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('refuses a payload whose ciphertext was altered', async () => {
    const codec = codecOf(keyOf('k1'));
    const [encrypted] = await codec.encode([payloadOf(statement)]);
    const data = Buffer.from(encrypted!.data!);
    data[20]! ^= 0x01;

    await expect(codec.decode([{ ...encrypted, data }])).rejects.toThrow(/key "k1" failed authentication/);
  });

  it('refuses a payload pointed at another configured key', async () => {
    const codec = codecOf(`${keyOf('k1')},${keyOf('k2')}`);
    const [encrypted] = await codec.encode([payloadOf(statement)]);
    const relabelled = { ...encrypted, metadata: { ...encrypted!.metadata, [KEY_ID_METADATA]: Buffer.from('k1') } };

    await expect(codec.decode([relabelled])).rejects.toThrow(/key "k1" failed authentication/);
  });

  it('names an unknown key id and how to fix it', async () => {
    const [encrypted] = await codecOf(keyOf('old')).encode([payloadOf(statement)]);

    await expect(codecOf(keyOf('new')).decode([encrypted!])).rejects.toThrow(
      'A payload is encrypted with key "old", which is not configured (configured: new); add it to PAYLOAD_KEYS.',
    );
  });

  it('decodes payloads of the old key after a new current key is added, and encodes with the new one', async () => {
    const old = keyOf('2025-01');
    const [before] = await codecOf(old).encode([payloadOf(statement)]);
    const rotated = codecOf(`${old},${keyOf('2026-01')}`);

    const [decoded] = await rotated.decode([before!]);
    const [after] = await rotated.encode([payloadOf(statement)]);

    expect(valueOf(decoded!)).toEqual(statement);
    expect(rotated.currentKeyId).toBe('2026-01');
    expect(text(after!.metadata![KEY_ID_METADATA])).toBe('2026-01');
  });

  it('passes plaintext payloads through on decode, so histories recorded before encryption still replay', async () => {
    const plain = payloadOf(statement);

    const [decoded] = await codecOf(keyOf('k1')).decode([plain]);

    expect(decoded).toBe(plain);
  });
});

describe('payload keys in the configuration', () => {
  const env = (extra: Record<string, string>) => ({ DATA_DIR: '/tmp/unused', ...extra });

  it('takes the last listed key as the current one unless PAYLOAD_KEY_ID names another', () => {
    const keys = `${keyOf('a')}, ${keyOf('b')}`;

    expect([...loadConfig(env({ PAYLOAD_KEYS: keys })).PAYLOAD_KEYS!.keys()]).toEqual(['a', 'b']);
    expect(codecOf(keys).currentKeyId).toBe('b');
    expect(codecOf(keys, 'a').currentKeyId).toBe('a');
  });

  it.each([
    ['a key of the wrong length', `k1:${randomBytes(16).toString('base64')}`, /key "k1" must be 32 random bytes/],
    ['a key that is not base64', 'k1:not base64!', /key "k1" must be 32 random bytes/],
    ['an entry without an id', randomBytes(32).toString('base64'), /entry 1: expected id:base64key/],
    ['an id listed twice', `${keyOf('k1')},${keyOf('k1')}`, /key "k1" is listed twice/],
  ])('stops at start-up on %s, without echoing the key', (_, value, message) => {
    expect(() => loadConfig(env({ PAYLOAD_KEYS: value }))).toThrow(message);
    expect(() => loadConfig(env({ PAYLOAD_KEYS: value }))).not.toThrow(value.split(':').at(-1)!);
  });

  it('stops at start-up when PAYLOAD_KEY_ID names no configured key', () => {
    expect(() => loadConfig(env({ PAYLOAD_KEYS: keyOf('a'), PAYLOAD_KEY_ID: 'b' }))).toThrow(
      'Invalid configuration: PAYLOAD_KEY_ID: "b" is not among PAYLOAD_KEYS',
    );
  });

  it('allows the Web UI of the configured port by default, or the listed origins', () => {
    expect(loadConfig(env({ TEMPORAL_UI_PORT: '9000' })).codecCorsOrigins).toEqual([
      'http://localhost:9000',
      'http://127.0.0.1:9000',
    ]);
    expect(loadConfig(env({ CODEC_CORS_ORIGINS: 'https://temporal.example.org' })).codecCorsOrigins).toEqual([
      'https://temporal.example.org',
    ]);
    expect(() => loadConfig(env({ CODEC_CORS_ORIGINS: 'https://temporal.example.org/ui' }))).toThrow(/not an origin/);
  });

  describe('without PAYLOAD_KEYS', () => {
    const dirs: string[] = [];
    afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

    it('generates one development key into DATA_DIR and keeps using it', async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'tempered-keys-'));
      dirs.push(dataDir);
      const config = loadConfig(env({ DATA_DIR: dataDir }));

      const first = await loadPayloadCodec(config);
      const second = await loadPayloadCodec(config);
      const [encrypted] = await first.codec.encode([payloadOf(statement)]);

      expect(first.source).toBe(path.join(dataDir, 'payload-keys'));
      expect(first.codec.currentKeyId).toMatch(/^dev-[0-9a-f]{8}$/);
      expect(second.codec.currentKeyId).toBe(first.codec.currentKeyId);
      expect(valueOf((await second.codec.decode([encrypted!]))[0]!)).toEqual(statement);
      expect((await stat(first.source)).mode & 0o777).toBe(0o600);
      expect(parsePayloadKeys(await readFile(first.source, 'utf8')).size).toBe(1);
    });
  });
});
