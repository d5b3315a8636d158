// A lock per key, held while a check and the write it guards both happen: what makes 首违不罚 granted
// once when two orders for one enterprise and matter arrive together, in one API process or in
// several (docs/policies.md, "First violation, once"). Two layers:
// - in the process, a queue per key, so that one process never has two waiters for one key;
// - across processes, on Postgres, a session advisory lock taken on a connection of its own, opened
//   for the purpose and closed after. Not a pooled connection: the holder keeps it while the case's
//   workflow records its opening through the pool (the API's, or in one process also the worker's),
//   and waiters parked on pooled connections could starve exactly that. Not a transaction either:
//   nothing is written under it, and the lock must outlive several statements on other connections.
// On PGlite (the embedded database of `npm start`) one process owns the database, so the queue is
// the whole lock.
import pg from 'pg';
import type { Database } from './client';

/** Advisory-lock class of this lock (the first key of pg_advisory_lock(int4, int4)); the second is the key's hash. */
const KEYED_LOCK_CLASS = 724_173;
/** How long a waiter waits for another process's holder before giving up. */
const WAIT_LIMIT = '60s';

const queues = new WeakMap<object, Map<string, Promise<unknown>>>();

/** Runs `work` once every earlier holder of `key` in this process is done with it. */
async function inProcess<T>(owner: object, key: string, work: () => Promise<T>): Promise<T> {
  const byKey = queues.get(owner) ?? new Map<string, Promise<unknown>>();
  queues.set(owner, byKey);
  const before = byKey.get(key) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(work);
  const tail = mine.catch(() => undefined);
  byKey.set(key, tail);
  try {
    return await mine;
  } finally {
    if (byKey.get(key) === tail) byKey.delete(key);
  }
}

/** Runs `work` holding the advisory lock of `key` on a connection of its own to the pool's database. */
async function acrossProcesses<T>(pool: pg.Pool, key: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client(pool.options);
  // An error on the idle connection (the server going away) surfaces in the query that follows.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`select set_config('lock_timeout', $1, false)`, [WAIT_LIMIT]);
    await client.query('select pg_advisory_lock($1, hashtext($2))', [KEYED_LOCK_CLASS, key]);
    // Closing the connection releases the lock too, should the process die while it holds it.
    return await work();
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Runs `work` while no other holder of `key`, in this process or another on the same database,
 * runs. A lock the other process does not release within a minute is a failure of that process:
 * the error (Postgres's lock_not_available) reaches the caller.
 */
export function withKeyedLock<T>(db: Database, key: string, work: () => Promise<T>): Promise<T> {
  const client = (db as unknown as { $client: object }).$client;
  return inProcess(client, key, () => (client instanceof pg.Pool ? acrossProcesses(client, key, work) : work()));
}
