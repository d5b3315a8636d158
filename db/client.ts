// One way to open the database, whichever engine backs it: a real Postgres through `pg` when a
// URL is given, otherwise PGlite (Postgres in WebAssembly) in a directory, for embedded use.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { seedReferenceData } from './catalog';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  engine: 'postgres' | 'pglite';
  /** Applies pending migrations and seeds the reference data (catalog, example agencies); safe to call from several processes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = path.join(import.meta.dirname, 'migrations');

/** Arbitrary constant: serialises migrations between the API and worker processes. */
const MIGRATION_LOCK = 724_171;

/** How long to wait for a new Postgres connection before giving up (and answering 503). */
const CONNECTION_TIMEOUT_MS = 5_000;

export interface DatabaseTarget {
  /** A Postgres connection string; without it PGlite is used. */
  url?: string;
  /** PGlite data directory; omitted means in memory. */
  pgliteDir?: string;
  poolSize?: number;
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  return target.url ? openPostgres(target.url, target.poolSize ?? 10) : openPglite(target.pgliteDir);
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  // Without a connection timeout, a database that accepts TCP but never answers (a dead host, a
  // network partition) would hold every request forever; with it the caller fails in seconds and
  // the API answers 503 DEPENDENCY_UNAVAILABLE (db/errors.ts).
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: CONNECTION_TIMEOUT_MS });
  // An idle client losing its server (restart, network cut) must not crash the process.
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema });
  return {
    db,
    engine: 'postgres',
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        const locked = drizzle(client, { schema });
        await migrate(locked, { migrationsFolder });
        await seedReferenceData(locked);
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dir: string | undefined): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (dir) await mkdir(dir, { recursive: true });
  const client = new PGlite(dir);
  const db = drizzle(client, { schema });
  return {
    db,
    engine: 'pglite',
    async migrate() {
      await migrate(db, { migrationsFolder });
      await seedReferenceData(db);
    },
    close: () => client.close(),
  };
}

/** Cheap round trip, for readiness checks. */
export async function ping(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
