// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded PGlite).
import { loadConfig } from '../config';
import { openConfiguredDatabase } from '../db/open';

const config = loadConfig();
const handle = await openConfiguredDatabase(config);
await handle.close();
console.log(`migrations applied (${handle.engine})`);
