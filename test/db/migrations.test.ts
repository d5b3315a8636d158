import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { freshDatabase } from '../support/database';

async function tables(handle: DatabaseHandle): Promise<string[]> {
  // Both drivers answer with `rows`; the engine-neutral type does not say so.
  const result = (await handle.db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  )) as unknown as { rows: { table_name: string }[] };
  return result.rows.map((r) => r.table_name);
}

describe('migrations', () => {
  it('build the same schema on PGlite as on Postgres, and a second run changes nothing', async () => {
    const postgres = await freshDatabase();
    const pglite = await openDatabase({});
    try {
      await pglite.migrate();
      await pglite.migrate();
      await postgres.migrate();

      expect(await tables(pglite)).toEqual(await tables(postgres));
      expect(await tables(pglite)).toEqual(expect.arrayContaining(['audit_log', 'enterprises', 'idempotency_keys']));
    } finally {
      await Promise.all([postgres.close(), pglite.close()]);
    }
  });

  it('can run from several processes at once (serialised by an advisory lock)', async () => {
    const database = await freshDatabase();
    try {
      const others = database.url
        ? await Promise.all([1, 2, 3].map(() => openDatabase({ url: database.url, poolSize: 1 })))
        : [];
      await Promise.all(others.map((h) => h.migrate()));
      await Promise.all(others.map((h) => h.close()));

      expect(await tables(database)).toContain('enterprises');
    } finally {
      await database.close();
    }
  });
});
