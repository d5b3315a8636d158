// Opens the configured database and brings its schema up to date: what every entry point does first.
import path from 'node:path';
import type { Config } from '../config';
import { openDatabase, type DatabaseHandle, type DatabaseTarget } from './client';

/** DATABASE_URL when set, otherwise the embedded PGlite in the data directory. */
export const databaseTarget = (config: Config): DatabaseTarget => ({
  url: config.DATABASE_URL,
  poolSize: config.DATABASE_POOL_SIZE,
  pgliteDir: path.join(config.dataDir, 'pglite'),
});

export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  const handle = await openDatabase(databaseTarget(config));
  await handle.migrate();
  return handle;
}
