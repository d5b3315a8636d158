import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, TransactionRollbackError, type SQL } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalEntry,
  entryHash,
  formatInstant,
  readAuditLog,
  verifyAuditLog,
  type StoredEntry,
} from '../../db/auditChain';
import { migrationsFolder, openDatabase, type Database, type DatabaseHandle } from '../../db/client';
import { auditLog } from '../../db/schema';
import { freshDatabase, type TestDatabase } from '../support/database';

async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  // Both drivers answer with `rows`; the engine-neutral type does not say so.
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function stored(db: Database, pageSize?: number): Promise<StoredEntry[]> {
  const entries: StoredEntry[] = [];
  for await (const entry of readAuditLog(db, pageSize)) entries.push(entry);
  return entries;
}

const entry = (eventKey: string | null, overrides: Partial<typeof auditLog.$inferInsert> = {}) => ({
  actor: 'system',
  role: 'system',
  action: 'test.recorded',
  entityType: 'test',
  entityId: 'chain',
  eventKey,
  ...overrides,
});

// Characters whose spelling differs most easily between JSON.stringify and Postgres's to_json.
const tricky = ['"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0001', '\u001f', '\u007f', '\u2028', 'é', '中', '😀'];
const unit = fc.oneof(
  fc.constantFrom(...tricky),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\u0000'),
);
const text = fc.string({ unit, maxLength: 30 });
const json = fc.jsonValue({ stringUnit: unit, maxDepth: 3 });
const generatedEntry = fc.record({
  // 1900 to 2100, to the microsecond.
  atMicros: fc.bigInt({ min: -2_208_988_800_000_000n, max: 4_102_444_800_000_000n }),
  actor: text,
  role: text,
  action: text,
  entityType: text,
  entityId: text,
  before: fc.option(json, { nil: null }),
  after: fc.option(json, { nil: null }),
  reason: fc.option(text, { nil: null }),
  requestId: fc.option(text, { nil: null }),
});

describe('audit chain in the database', () => {
  let postgres: TestDatabase;
  let pglite: DatabaseHandle;
  beforeAll(async () => {
    postgres = await freshDatabase();
    pglite = await openDatabase({});
    await pglite.migrate();
  });
  afterAll(async () => {
    await Promise.all([postgres?.close(), pglite?.close()]);
  });

  it('spells and hashes every entry in Node as the database does, on Postgres and on PGlite alike', async () => {
    let keys = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(generatedEntry, { minLength: 1, maxLength: 6 }), async (generated) => {
        // given entries of arbitrary text, JSON and instants, written by the insert trigger on both engines
        const values = generated.map(({ atMicros, ...e }) => ({
          ...e,
          at: sql`${formatInstant(atMicros)}::timestamptz`,
          eventKey: `property-${keys++}`,
        }));
        for (const { db } of [postgres, pglite]) await db.insert(auditLog).values(values);

        // when Node reads them back (in pages of 4) and recomputes their canonical forms and hashes
        const [onPostgres, onPglite] = await Promise.all([stored(postgres.db, 4), stored(pglite.db, 4)]);
        const spelledBySql = await rows<{ canonical: string }>(
          postgres.db,
          sql`select audit_log_canonical(a) as canonical from audit_log a order by id`,
        );

        // then Node agrees with the SQL spelling, each hash, and the other engine
        expect(onPostgres.map(canonicalEntry)).toEqual(spelledBySql.map((r) => r.canonical));
        expect(onPostgres.map(entryHash)).toEqual(onPostgres.map((e) => e.hash));
        expect(onPostgres.slice(-generated.length).map((e) => e.atMicros)).toEqual(generated.map((g) => g.atMicros));
        expect(onPglite.map((e) => e.hash)).toEqual(onPostgres.map((e) => e.hash));
      }),
      { numRuns: 25 },
    );
    for (const { db } of [postgres, pglite]) {
      const report = await verifyAuditLog(db, 7);
      expect(report.broken).toBeUndefined();
      expect(report.verified).toBe(keys);
    }
  });

  it('skips an entry with a known event key without breaking the chain', async () => {
    for (const { db } of [postgres, pglite]) {
      // given an entry with an event key
      await db.insert(auditLog).values(entry('skip-1'));

      // when a batch repeats it between two new entries
      await db
        .insert(auditLog)
        .values([entry('skip-2'), entry('skip-1', { action: 'test.retried' }), entry('skip-3')])
        .onConflictDoNothing({ target: auditLog.eventKey });

      // then the new entries follow each other, and the chain holds
      const entries = await stored(db);
      expect(entries.slice(-3).map((e) => e.eventKey)).toEqual(['skip-1', 'skip-2', 'skip-3']);
      expect((await verifyAuditLog(db)).broken).toBeUndefined();
    }
  });

  it('refuses to write entries in a transaction that does not see what others committed', async () => {
    for (const { db } of [postgres, pglite]) {
      const write = db.transaction((tx) => tx.insert(auditLog).values(entry(null)), {
        isolationLevel: 'repeatable read',
      });

      await expect(write).rejects.toMatchObject({
        cause: { message: expect.stringContaining('only be written in READ COMMITTED transactions') },
      });
    }
  });

  it('keeps one linear chain while several processes write, retry and roll back at once', async ({ skip }) => {
    if (!postgres.url) skip();
    const before = (await verifyAuditLog(postgres.db)).verified;
    const writers = await Promise.all([1, 2, 3].map(() => openDatabase({ url: postgres.url, poolSize: 4 })));
    try {
      // given three connection pools, each running 15 transactions at once; every writer races for
      // the same `shared-j` key, and every fifth transaction rolls back after writing
      await Promise.all(
        writers.flatMap((writer, w) =>
          Array.from({ length: 15 }, (_, j) =>
            writer.db
              .transaction(async (tx) => {
                await tx.insert(auditLog).values(entry(`own-${w}-${j}-a`));
                await tx
                  .insert(auditLog)
                  .values([entry(`shared-${j}`), entry(`own-${w}-${j}-b`)])
                  .onConflictDoNothing({ target: auditLog.eventKey });
                if (j % 5 === 4) tx.rollback();
              })
              .catch((e: unknown) => {
                if (!(e instanceof TransactionRollbackError)) throw e;
              }),
          ),
        ),
      );

      // when the chain is verified
      const report = await verifyAuditLog(postgres.db);

      // then it holds, with every committed entry in it once
      expect(report.broken).toBeUndefined();
      expect(report.verified - before).toBe(3 * 12 * 2 + 12);
    } finally {
      await Promise.all(writers.map((w) => w.close()));
    }
  });
});

describe('audit chain migration', () => {
  it('chains the entries written before the chain existed, in id order', async () => {
    // given a database migrated up to just before the chain, with entries in it
    const database = await freshDatabase({ migrate: false });
    const before = await mkdtemp(path.join(tmpdir(), 'tempered-migrations-'));
    try {
      const journal = JSON.parse(await readFile(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'));
      journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < '0002');
      await mkdir(path.join(before, 'meta'));
      await writeFile(path.join(before, 'meta/_journal.json'), JSON.stringify(journal));
      for (const { tag } of journal.entries) {
        await cp(path.join(migrationsFolder, `${tag}.sql`), path.join(before, `${tag}.sql`));
      }
      await migrateFrom(database, before);
      for (const [i, after] of [{ name: '甲' }, null, { name: 'x\n"y"' }].entries()) {
        await database.db.execute(
          sql`insert into audit_log (at, actor, role, action, entity_type, entity_id, after, reason)
              values (now() - ${`${10 - i} minutes`}::interval, 'officer-1', 'officer', 'enterprise.registered',
                      'enterprise', ${`E${i}`}, ${after === null ? null : JSON.stringify(after)}::jsonb, ${i === 1 ? 'why' : null})`,
        );
      }

      // when the remaining migrations run, and a new entry is written
      await database.migrate();
      await database.db.insert(auditLog).values(entry(null));

      // then the old entries form the start of one chain with the new one
      const entries = await stored(database.db);
      expect(entries.map((e) => e.entityId)).toEqual(['E0', 'E1', 'E2', 'chain']);
      expect(entries[0]!.prevHash).toBeNull();
      const report = await verifyAuditLog(database.db);
      expect(report.broken).toBeUndefined();
      expect(report.verified).toBe(4);
    } finally {
      await database.close();
      await rm(before, { recursive: true, force: true });
    }
  });
});

async function migrateFrom(handle: DatabaseHandle, migrationsFolder: string): Promise<void> {
  if (handle.engine === 'postgres') {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, { migrationsFolder });
  }
}
