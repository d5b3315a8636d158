// `npm run audit:verify`: recomputes the audit trail's hash chain in DATABASE_URL (or the embedded
// PGlite) and names the first entry that does not fit. Read-only: it applies no migrations.
// Exit code 0: intact; 1: broken; 2: could not be checked.
import { loadConfig } from '../config';
import { verifyAuditLog } from '../db/auditChain';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { databaseTarget } from '../db/open';

/** Drizzle wraps driver errors in "Failed query: ..."; the cause says what went wrong. */
const describe = (e: unknown): string =>
  e instanceof Error ? (e.cause instanceof Error ? `${e.cause.message} (${e.message})` : e.message) : String(e);

let handle: DatabaseHandle | undefined;
try {
  handle = await openDatabase(databaseTarget(loadConfig()));
  const report = await verifyAuditLog(handle.db);
  if (report.broken) {
    const { message, field, expected, found } = report.broken;
    console.error(`audit log broken: ${message}`);
    console.error(`  ${field}: expected ${expected ?? 'null'}, found ${found ?? 'null'}`);
    console.error(`  ${report.verified} entries before it verified`);
    process.exitCode = 1;
  } else {
    const head = report.last ? `; head: entry ${report.last.id}, hash ${report.last.hash}` : '';
    console.log(`${report.verified} entries verified${head}`);
  }
} catch (e) {
  console.error(`could not verify the audit log: ${describe(e)}`);
  process.exitCode = 2;
} finally {
  await handle?.close();
}
