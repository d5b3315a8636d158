// Document numbers under concurrency: 200 documents of one agency, kind and year issued at once by
// two processes against one database are numbered 1 to 200, each once; and issuing the same change
// again (a retried or replayed activity) gives back the same document, never a second number.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { DirectoryFileStore } from '../../db/fileStore';
import { documentCounters, documents } from '../../db/schema';
import { freshDatabase, type TestDatabase } from '../support/database';
import { REPO_ROOT } from '../support/processes';

const run = promisify(execFile);

/** Runs test/support/documentIssuer.ts in a process of its own. */
const issuerProcess = (env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/support/documentIssuer.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: database.url!, DOCUMENTS_DIR: dir, START_AT: '0', ...env },
    maxBuffer: 10 * 1024 * 1024,
  });
const numbersPrinted = (stdout: string): string[] => JSON.parse(stdout.trim().split('\n').at(-1)!);
let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await freshDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'tempered-numbers-'));
});
afterAll(async () => {
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

const issue = (changeKey: string) =>
  createActivities({ db: database.db, documents: new DirectoryFileStore(dir) }).issueDocuments({
    process: { type: 'penalty_record', id: 'p-1', enterpriseId: '91350100M000100Y43', agency: 'SAMR-HZ' },
    changeKey,
    issuedAt: '2026-12-10T02:00:00.000Z',
    drafts: [{ kind: 'repair_notice', facts: '事实', legalBasis: '依据', decision: '决定', deadlines: [] }],
  });

describe('document numbers', () => {
  it('gives a repeated issue of the same change the same document and number', async () => {
    const [first, second, third] = await Promise.all([issue('p-1:1'), issue('p-1:1'), issue('p-1:1')]);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    const rows = await database.db.select().from(documents).where(eq(documents.kind, 'repair_notice'));
    expect(rows.map((r) => r.seq)).toEqual([1]);
    const [counter] = await database.db
      .select()
      .from(documentCounters)
      .where(eq(documentCounters.kind, 'repair_notice'));
    expect(counter!.last).toBe(1);
  });

  // Two processes cannot share in-memory PGlite: this needs the Postgres the suite normally runs on.
  it.skipIf(!inject('adminDatabaseUrl'))(
    'numbers 200 documents issued at once by two processes 1 to 200, each once',
    async () => {
      const startAt = String(Date.now() + 4000);
      const issuer = (name: string) =>
        run(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/support/documentIssuer.ts')], {
          cwd: REPO_ROOT,
          env: {
            ...process.env,
            DATABASE_URL: database.url!,
            COUNT: '100',
            START_AT: startAt,
            ISSUER: name,
            DOCUMENTS_DIR: dir,
          },
          maxBuffer: 10 * 1024 * 1024,
        });
      const outputs = await Promise.all([issuer('a'), issuer('b')]);
      const numbers = outputs.flatMap((o) => JSON.parse(o.stdout.trim().split('\n').at(-1)!) as string[]);
      const seqs = numbers.map((n) => Number(n.match(/〔2026〕(\d+)号$/)![1])).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      // They really ran at once: neither process's numbers form one block.
      const ofA = numbersPrinted(outputs[0].stdout).map((n) => Number(n.match(/〔2026〕(\d+)号$/)![1]));
      expect(Math.max(...ofA) - Math.min(...ofA)).toBeGreaterThan(100);
      const rows = await database.db.select().from(documents).where(eq(documents.kind, 'rectification_order'));
      expect(new Set(rows.map((r) => r.number)).size).toBe(200);
      expect(rows.every((r) => r.sha256)).toBe(true);
    },
    180_000,
  );

  it.skipIf(!inject('adminDatabaseUrl'))(
    'issues one document with one number when the worker dies after writing the PDF, before recording it',
    async () => {
      // Given a worker that dies by SIGKILL once the PDF is in the store
      const crashed = await issuerProcess({ COUNT: '1', ISSUER: 'crash', CRASH_AFTER_WRITE: '1' }).then(
        () => undefined,
        (e: { signal?: string }) => e.signal,
      );
      expect(crashed).toBe('SIGKILL');
      const [halfDone] = await database.db
        .select()
        .from(documents)
        .where(eq(documents.issueKey, 'crash-0:1:0:rectification_order'));
      expect(halfDone).toMatchObject({ sha256: null });
      // When the activity runs again, as Temporal retries it on another worker
      const retried = await issuerProcess({ COUNT: '1', ISSUER: 'crash' });
      // Then there is one document, with the number the first attempt drew and the PDF's hash
      const rows = await database.db.select().from(documents).where(eq(documents.processId, 'crash-0'));
      expect(rows).toHaveLength(1);
      expect(numbersPrinted(retried.stdout)).toEqual([halfDone!.number]);
      expect(rows[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    },
    60_000,
  );
});
