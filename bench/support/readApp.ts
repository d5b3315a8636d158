// The real app for benchmarks that only read the database (the work list, the console): no
// Temporal behind it (a lazy connection that is never opened) and no rate limit.
import { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import { pino } from 'pino';
import { DirectoryEvidenceStore } from '../../api/evidenceStore';
import { createApp } from '../../api/app';
import type { Database } from '../../db/client';

export function readOnlyApp(options: {
  db: Database;
  today: string;
  signingKey: Uint8Array;
  evidenceDir: string;
  consoleDir?: string;
}): Express {
  return createApp({
    config: {
      RATE_LIMIT_PER_MINUTE: 10_000_000,
      JSON_BODY_LIMIT: '1mb',
      EVIDENCE_MAX_BYTES: 10 * 1024 * 1024,
      TEMPORAL_TASK_QUEUE: 'bench',
    },
    db: options.db,
    temporal: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }),
    evidence: new DirectoryEvidenceStore(options.evidenceDir),
    today: async () => options.today,
    signingKey: options.signingKey,
    logger: pino({ level: 'silent' }),
    ...(options.consoleDir ? { consoleDir: options.consoleDir } : {}),
  });
}
