// A worker-like process that issues documents with the real activity against a shared database:
// `COUNT` documents of one agency and kind at once, each for a change of its own, from `START_AT`
// (epoch ms) so that two such processes overlap. Prints the numbers it was given as one JSON line.
// With CRASH_AFTER_WRITE=1 it dies by SIGKILL once the first PDF is in the store, before its row
// records the hash and before anything could report the activity done: a worker crash mid-issue.
import { createActivities } from '../../activities';
import { openDatabase } from '../../db/client';
import { DirectoryFileStore } from '../../db/fileStore';

const { DATABASE_URL, COUNT, START_AT, ISSUER, DOCUMENTS_DIR, CRASH_AFTER_WRITE } = process.env;
const database = await openDatabase({ url: DATABASE_URL!, poolSize: 10 });
const { issueDocuments } = createActivities({
  db: database.db,
  documents: new DirectoryFileStore(DOCUMENTS_DIR!),
  documentOptions: CRASH_AFTER_WRITE ? { afterWrite: () => void process.kill(process.pid, 'SIGKILL') } : {},
});
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(START_AT) - Date.now())));
/** Activities at once, as a worker's maxConcurrentActivityTaskExecutions would allow. */
const LANES = 10;
const issue = (i: number) =>
  issueDocuments({
    process: { type: 'rectification', id: `${ISSUER}-${i}`, enterpriseId: '91350100M000100Y43', agency: 'SAMR-HZ' },
    changeKey: `${ISSUER}-${i}:1`,
    issuedAt: '2026-12-10T02:00:00.000Z',
    drafts: [{ kind: 'rectification_order', facts: '事实', legalBasis: '依据', decision: '决定', deadlines: [] }],
  });
const numbers: string[] = [];
let next = 0;
await Promise.all(
  Array.from({ length: LANES }, async () => {
    while (next < Number(COUNT)) numbers.push(...(await issue(next++)).map((d) => d.number));
  }),
);
console.log(JSON.stringify(numbers));
await database.close();
