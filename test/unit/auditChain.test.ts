import { describe, expect, it } from 'vitest';
import {
  canonicalEntry,
  entryHash,
  formatInstant,
  verifyChain,
  type ChainEntry,
  type StoredEntry,
} from '../../db/auditChain';

/** An entry whose canonical form and hash Postgres 15 computed (audit_log_canonical, audit_log_hash). */
const reference: ChainEntry = {
  id: 7,
  atMicros: 1795264496123456n,
  actor: 'officer-1',
  role: 'officer',
  action: 'catalog.matter_updated',
  entityType: 'matter',
  entityId: 'MS-001',
  before: '{"lists": ["no_penalty"], "version": 1}',
  after: '{"fine": 2000.5, "lists": [], "title": "未按规定公示 \\"收费\\"\\n\\u0001", "version": 2}',
  reason: 'legal office\treview',
  requestId: 'req-1',
  eventKey: null,
  prevHash: 'ab'.repeat(32),
};

function chainOf(count: number): StoredEntry[] {
  const entries: StoredEntry[] = [];
  for (let i = 1; i <= count; i++) {
    const entry: ChainEntry = {
      ...reference,
      id: i * 2,
      atMicros: reference.atMicros + BigInt(i),
      prevHash: entries.at(-1)?.hash ?? null,
    };
    entries.push({ ...entry, hash: entryHash(entry) });
  }
  return entries;
}

describe('audit chain: canonical form', () => {
  it('spells an entry byte for byte as the database does, and hashes it to the same SHA-256', () => {
    // given an entry the database has hashed

    // when Node spells and hashes it
    const canonical = canonicalEntry(reference);

    // then both agree
    expect(canonical).toBe(
      String.raw`["tempered.audit.v1",7,"2026-11-21T12:34:56.123456Z","officer-1","officer","catalog.matter_updated",` +
        String.raw`"matter","MS-001","{\"lists\": [\"no_penalty\"], \"version\": 1}",` +
        String.raw`"{\"fine\": 2000.5, \"lists\": [], \"title\": \"未按规定公示 \\\"收费\\\"\\n\\u0001\", \"version\": 2}",` +
        String.raw`"legal office\treview","req-1",null,"abababababababababababababababababababababababababababababababab"]`,
    );
    expect(entryHash(reference)).toBe('167fb2a7fa8b1cae2f619b30fe7bd1975d6bd9349e6995bb89073152420106a3');
  });

  it('keeps microseconds, in UTC, also before 1970', () => {
    expect(formatInstant(1795264496123456n)).toBe('2026-11-21T12:34:56.123456Z');
    expect(formatInstant(BigInt(Date.parse('2026-01-02T03:04:05.678Z')) * 1000n)).toBe('2026-01-02T03:04:05.678000Z');
    expect(formatInstant(0n)).toBe('1970-01-01T00:00:00.000000Z');
    expect(formatInstant(-1n)).toBe('1969-12-31T23:59:59.999999Z');
  });

  it('tells SQL NULL from a jsonb null and from an empty string', () => {
    const hashes = [null, 'null', ''].map((before) => entryHash({ ...reference, before }));

    expect(new Set(hashes).size).toBe(3);
  });
});

describe('audit chain: verification', () => {
  it('accepts an intact chain and names its head', async () => {
    const chain = chainOf(5);

    const report = await verifyChain(chain);

    expect(report).toEqual({ verified: 5, last: { id: 10, hash: chain[4]!.hash } });
  });

  it('finds an entry whose content was changed', async () => {
    const chain = chainOf(5);
    chain[2] = { ...chain[2]!, reason: 'a better story' };

    const report = await verifyChain(chain);

    expect(report.verified).toBe(2);
    expect(report.broken).toMatchObject({ id: 6, field: 'hash', found: chain[2]!.hash });
    expect(report.broken?.message).toContain('changed after it was recorded');
  });

  it('finds an entry rewritten along with its hash, at the entry after it', async () => {
    const chain = chainOf(5);
    const rewritten = { ...chain[2]!, reason: 'a better story' };
    chain[2] = { ...rewritten, hash: entryHash(rewritten) };

    const report = await verifyChain(chain);

    expect(report.broken).toMatchObject({
      id: 8,
      field: 'prevHash',
      expected: chain[2]!.hash,
      found: chain[3]!.prevHash,
    });
  });

  it('finds a removed entry, and removed first entries', async () => {
    const chain = chainOf(5);

    const middle = await verifyChain(chain.filter((e) => e.id !== 6));
    const first = await verifyChain(chain.slice(1));

    expect(middle.broken).toMatchObject({ id: 8, field: 'prevHash' });
    expect(middle.broken?.message).toContain('does not follow entry 4');
    expect(first.broken).toMatchObject({ id: 4, field: 'prevHash', expected: null });
    expect(first.verified).toBe(0);
  });
});
