// The payload codec of every test client, worker and replayer: production's codec with a fixed key
// that is committed on purpose, so that recorded histories (test/histories/) stay decodable by the
// replay test for good. TEST ONLY: this key protects nothing and must never be configured anywhere.
import { EncryptionCodec, parsePayloadKeys } from '../../config/payloadCodec';
import { dataConverterOf } from '../../config/temporal';

export const TEST_ONLY_PAYLOAD_KEYS = 'test-only-1:CoAhl/HN71DImDYS8ldN832b8T8ZpSaxqFMrQZBfzfU=';

export const testPayloadCodec = new EncryptionCodec(parsePayloadKeys(TEST_ONLY_PAYLOAD_KEYS));

export const testDataConverter = dataConverterOf(testPayloadCodec);
