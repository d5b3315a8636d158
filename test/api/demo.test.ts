// The demo data (issue #23) against a fresh service: the app on a real port with its own database,
// real workflows on the dev server, and the demo calling the public API as `npm run demo` does.
// Back-dated orders and records put cases where they stand today, so nothing here waits for time.
import { asc, count } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { addDays, isProcessType, todayInShanghai } from '../../domain';
import {
  auditLog,
  creditFileEntries,
  enterprises,
  evidenceFiles,
  idempotencyKeys,
  notificationOutbox,
  processes,
  tasks,
} from '../../db/schema';
import { DEMO_PROCESSES, seedDemo } from '../../scripts/demo/index';
import { ENTERPRISES, STAFF } from '../../scripts/demo/cast';
import { useApi } from '../support/context';

// A Temporal server of its own: the demo's enterprises and cases have fixed ids, which the console's
// demo test (test/e2e/demoConsole.test.ts) also opens on the shared dev server in the same run.
const ctx = useApi({ worker: true, devTokens: true, timeSkipping: 'own' });

const today = async () => todayInShanghai(new Date(await ctx.env.currentTimeMs()));

/** Everything the demo could have written, row by row where rows change and counted where they only grow. */
async function snapshot() {
  const { db } = ctx.database;
  const counted = async (table: PgTable) => (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    processes: await db
      .select({ id: processes.id, status: processes.status, updatedAt: processes.updatedAt })
      .from(processes)
      .orderBy(asc(processes.id)),
    tasks: await db.select().from(tasks).orderBy(asc(tasks.key)),
    counts: {
      enterprises: await counted(enterprises),
      audit: await counted(auditLog),
      creditFile: await counted(creditFileEntries),
      evidence: await counted(evidenceFiles),
      notifications: await counted(notificationOutbox),
      idempotencyKeys: await counted(idempotencyKeys),
    },
  };
}

async function call(path: string, role: keyof typeof STAFF | 'officer') {
  const person = role === 'officer' ? STAFF.officers['EXAMPLE-PANJIN'] : STAFF[role];
  const res = await ctx.api.call('GET', `/api/v1${path}`, { token: await ctx.api.token(person as never) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('npm run demo', () => {
  it('leaves a case of every process in every status it promises, gives the officer work and statistics, and adds nothing when run again', async () => {
    // Given a fresh service, when the demo runs
    const first = await seedDemo({ baseUrl: ctx.api.url, today: await today() });

    // Then nothing went wrong, and every scenario opened its case now
    expect(first.problems).toEqual([]);
    expect(first.enterprises).toEqual({ registered: Object.keys(ENTERPRISES).length, total: 20 });
    expect(first.cases.every((c) => c.id && !c.existed)).toBe(true);

    // and, read back through the API, each process has a case in each promised status
    const seen = new Map<string, Set<string>>();
    for (const { id } of Object.values(ENTERPRISES)) {
      const { processes: listed } = await call(`/enterprises/${id}/processes`, 'admin');
      for (const p of listed as Array<{ processType: string; status: string }>)
        seen.set(p.processType, (seen.get(p.processType) ?? new Set()).add(p.status));
    }
    for (const process of DEMO_PROCESSES.filter((p) => isProcessType(p.processType)))
      expect([...(seen.get(process.processType) ?? [])].sort(), process.processType).toEqual(
        expect.arrayContaining([...process.promises].sort()),
      );
    // and, each case read from its own route (objections are not in the enterprise's process list)
    for (const process of DEMO_PROCESSES) {
      const statuses = new Set<string>();
      for (const c of first.cases.filter((c) => c.processType === process.processType))
        statuses.add((await call(`/${process.resource}/${c.id}`, 'admin')).status);
      expect([...statuses].sort(), process.processType).toEqual([...process.promises].sort());
    }

    // and the officer's to-do list and the statistics are not empty
    const officerTasks = await call('/tasks', 'officer');
    expect(officerTasks.tasks.length).toBeGreaterThan(0);
    const stats = await call('/stats', 'auditor');
    for (const process of DEMO_PROCESSES.filter((p) => isProcessType(p.processType)))
      expect(stats.byProcess[process.processType].total, process.processType).toBeGreaterThan(0);
    expect(stats.noPenaltyCases).toBeGreaterThan(0);
    // and a business sees its overdue commitment letter among its own tasks
    const overdue = await ctx.api.call('GET', '/api/v1/tasks?status=overdue', {
      token: await ctx.api.token({
        role: 'business',
        sub: 'demo-business-haibin',
        enterpriseId: ENTERPRISES.haibin.id,
      }),
    });
    expect(overdue.body.tasks.map((t: { step: string }) => t.step)).toContain('commitment');

    // When the demo runs again
    const before = await snapshot();
    const second = await seedDemo({ baseUrl: ctx.api.url, today: await today() });

    // Then it finds every case it opened the first time and changes nothing
    expect(second.problems).toEqual([]);
    expect(second.enterprises.registered).toBe(0);
    expect(second.cases.map((c) => [c.id, c.existed])).toEqual(first.cases.map((c) => [c.id, true]));
    expect(await snapshot()).toEqual(before);

    // and so does a run on a later day, whose dates (and so its requests) differ from the first run's
    const later = await seedDemo({ baseUrl: ctx.api.url, today: addDays(await today(), 3) });
    expect(later.problems).toEqual([]);
    expect(later.cases.every((c) => c.existed)).toBe(true);
    expect(await snapshot()).toEqual(before);
  }, 180_000);
});
