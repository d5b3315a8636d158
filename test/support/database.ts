// A fresh, migrated database for each test file: a throwaway Postgres database when the global
// setup found a server, in-memory PGlite otherwise.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client';

export interface TestDatabase extends DatabaseHandle {
  /** Connection string of the throwaway database; undefined on PGlite. */
  url?: string;
}

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `migrate: false` leaves the database empty, for tests that apply migrations themselves. */
export async function freshDatabase({ migrate = true } = {}): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  if (!adminUrl) {
    const handle = await openDatabase({});
    if (migrate) await handle.migrate();
    return handle;
  }
  const name = `tempered_test_${randomUUID().replaceAll('-', '')}`;
  await admin(adminUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 5 });
  if (migrate) await handle.migrate();
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      await admin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
