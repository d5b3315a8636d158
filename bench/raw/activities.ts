// The raw baselines' activities: insert one row, idempotently, through the same kind of pool the
// service's activities use; and the hand-written baseline's case record (caseRecord.ts).
import type pg from 'pg';
import { createCaseRecordActivities } from './caseRecord';

export const RAW_ROWS_DDL =
  'create table if not exists bench_raw_rows (key text primary key, at timestamptz not null default now())';

export function createRawActivities(pool: pg.Pool) {
  return {
    async insertRow(key: string): Promise<void> {
      await pool.query('insert into bench_raw_rows (key) values ($1) on conflict do nothing', [key]);
    },
    ...createCaseRecordActivities(pool),
  };
}

export type RawActivities = ReturnType<typeof createRawActivities>;
