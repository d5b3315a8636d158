// Migration 0004 on a database with data from before it: existing credit-file entries classified
// adverse exactly as domain/creditFile.ts classifies them, agencies that cases name registered as
// met on first use, matters of the old combined 从轻减轻 list put on the mitigated list too (each
// change audited), and an entry written afterwards by an older worker (no flag) classified too.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../db/client';
import { agencies, auditLog, creditFileEntries, matters } from '../../db/schema';
import { isAdverseEntry } from '../../domain/creditFile';
import { freshDatabase, type TestDatabase } from '../support/database';

const BEFORE_0004 = 4;

/** Entries of every kind the workflows write, with the details that decide an early ending. */
const ENTRIES: Array<[kind: string, details: object | null]> = [
  ['observation_passed', null],
  ['observation_escalated', null],
  ['observation_declined', null],
  ...['withdrawn', 'general_procedure', 'basis_lapsed', 'public_interest', 'other'].map(
    (terminationReason): [string, object] => ['observation_terminated', { terminationReason }],
  ),
  ['rectification_closed', { correctedOnTime: false }],
  ['rectification_escalated', null],
  ['penalty_record', { category: 'general' }],
  ['penalty_record_repair_eligible', null],
  ['penalty_record_repaired', null],
  ['penalty_record_repair_revoked', null],
  ['penalty_publication_expired', null],
];

let database: TestDatabase;
let work: string;
const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;

async function migrateUpTo(count: number): Promise<void> {
  // A copy of the migrations whose journal ends before migration `count`.
  work = await mkdtemp(path.join(tmpdir(), 'tempered-migrations-'));
  await cp(migrationsFolder, work, { recursive: true });
  const journalPath = path.join(work, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8'));
  journal.entries = journal.entries.slice(0, count);
  await writeFile(journalPath, JSON.stringify(journal));
  const { migrate } =
    database.engine === 'postgres'
      ? await import('drizzle-orm/node-postgres/migrator')
      : await import('drizzle-orm/pglite/migrator');
  await migrate(database.db as never, { migrationsFolder: work });
}

beforeAll(async () => {
  database = await freshDatabase({ migrate: false });
  await migrateUpTo(BEFORE_0004);
  // Data as the code before 0004 wrote it.
  for (const [i, [kind, details]] of ENTRIES.entries()) {
    await database.db.execute(sql`
      insert into credit_file_entries (key, enterprise_id, process_type, process_id, occurred_on, kind, summary, details)
      values (${`old-${i}`}, 'E', 'rectification', ${`p-${i}`}, '2026-01-05', ${kind}, 'old', ${details === null ? null : JSON.stringify(details)}::jsonb)`);
  }
  await database.db.execute(sql`
    insert into processes (id, process_type, workflow_id, run_id, enterprise_id, agency, status, version, view, opened_at, updated_at)
    values ('p-old', 'rectification', 'w', 'r', 'E', 'OLD-AGENCY', 'closed', 1, '{}', now(), now())`);
  await database.db.execute(sql`
    insert into matters (code, matter, area, updated_by) values
      ('MS-001', ${JSON.stringify({ code: 'MS-001', lists: ['no_penalty', 'lighter_penalty', 'no_coercion'] })}::jsonb, 'market_supervision', 'seed'),
      ('XX-001', ${JSON.stringify({ code: 'XX-001', lists: ['no_penalty'] })}::jsonb, 'commerce', 'admin-1')`);

  await database.migrate();
});

afterAll(async () => {
  await database?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('migration 0004', () => {
  it('classifies every existing credit-file entry as the domain does', async () => {
    const migrated = await database.db.select().from(creditFileEntries).orderBy(creditFileEntries.key);

    expect(migrated).toHaveLength(ENTRIES.length);
    for (const entry of migrated)
      expect([entry.kind, entry.details, entry.adverse]).toEqual([
        entry.kind,
        entry.details,
        isAdverseEntry(entry.kind, entry.details),
      ]);
    // declines and withdrawals are recorded, not adverse
    expect(migrated.filter((e) => !e.adverse).map((e) => e.kind)).toEqual(
      expect.arrayContaining(['observation_declined', 'observation_terminated']),
    );
  });

  it('classifies an entry an older worker writes without the flag', async () => {
    await database.db.execute(sql`
      insert into credit_file_entries (key, enterprise_id, process_type, process_id, occurred_on, kind, summary, details)
      values ('late-1', 'E', 'observation_period', 'p-late', '2026-02-01', 'observation_terminated', 'old worker', '{"terminationReason":"withdrawn"}'),
             ('late-2', 'E', 'observation_period', 'p-late', '2026-02-01', 'observation_escalated', 'old worker', null)`);

    const late = await rows<{ key: string; adverse: boolean }>(
      sql`select key, adverse from credit_file_entries where key like 'late-%' order by key`,
    );

    expect(late).toEqual([
      { key: 'late-1', adverse: false },
      { key: 'late-2', adverse: true },
    ]);
  });

  it('registers the agencies existing cases name, audited', async () => {
    const [agency] = await database.db.select().from(agencies).where(eq(agencies.id, 'OLD-AGENCY'));
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.entityId, 'OLD-AGENCY'));

    expect(agency).toMatchObject({
      name: 'OLD-AGENCY',
      shortName: 'OLD-AGENCY',
      origin: 'first_use',
      createdBy: 'migration',
    });
    expect(audit).toMatchObject([{ actor: 'migration', action: 'agency.registered' }]);
  });

  it('puts the old combined list’s matters on the mitigated list too, in list order, audited', async () => {
    const [ms001] = await database.db.select().from(matters).where(eq(matters.code, 'MS-001'));
    const [other] = await database.db.select().from(matters).where(eq(matters.code, 'XX-001'));
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.entityId, 'MS-001'));

    expect(ms001).toMatchObject({
      version: 2,
      updatedBy: 'migration',
      matter: { lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty', 'no_coercion'] },
    });
    expect(other).toMatchObject({ version: 1, matter: { lists: ['no_penalty'] } });
    expect(audit).toMatchObject([
      { action: 'catalog.matter_updated', actor: 'migration', reason: expect.stringContaining('从轻减轻') },
    ]);
  });

  it('seeds the example agencies after migrating', async () => {
    const seeded = await database.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.origin, 'example'));

    expect(seeded.map((a) => a.id).sort()).toEqual(['EXAMPLE-PANJIN', 'EXAMPLE-TONGLIAO']);
  });
});
