// Opens the configured database and brings its schema up to date: what every entry point does first.
import path from 'node:path';
import type { Config } from '../config';
import { openDatabase, type DatabaseHandle } from './client';

export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  const handle = await openDatabase({
    url: config.DATABASE_URL,
    pgliteDir: path.join(config.dataDir, 'pglite'),
  });
  await handle.migrate();
  return handle;
}
