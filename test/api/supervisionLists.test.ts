// The yearly graded lists under time skipping: the calendar reminds on January 1, the admin fixes
// a list in January (idempotent), lists nobody fixed are fixed automatically once January 31 is
// over, a late list needs `late` and a reason, and this year's caps are read from the list.
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog, supervisionLists } from '../../db/schema';
import { SUPERVISION_LIST_CALENDAR_ID } from '../../workflows/messages/supervision';
import { useApi } from '../support/context';
import { recordHistories } from '../support/histories';
import { makeUscc } from '../support/fixtures';
import { sleepUntil } from '../support/observation';
import { serverToday } from '../support/rectifications';

const ctx = useApi({ timeSkipping: 'own', worker: true });
let firstRun: { workflowId: string; runId: string } | undefined;
// The run that reminded, fixed and continued as new goes into the replay gate; then the calendar stops.
afterAll(async () => {
  if (!firstRun) return;
  await recordHistories(ctx.env, [firstRun]);
  await ctx.env.client.workflow
    .getHandle(firstRun.workflowId)
    .terminate('test file finished')
    .catch(() => undefined);
});

/** Waits (in real time, the clock standing) for what an activity writes. */
async function eventually<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never saw ${what}`);
}

describe('yearly graded lists', () => {
  it('reminds on January 1, keeps the admin’s list, fixes the others after January 31, and caps from it', async () => {
    const admin = await ctx.api.token({ sub: 'admin-1', role: 'admin' });
    for (const id of ['AG-ADMIN', 'AG-AUTO'])
      await ctx.api.call('POST', '/api/v1/agencies', { token: admin, body: { id, name: id, shortName: id } });
    const officer = await ctx.api.token({ sub: 'o-auto', role: 'officer', agency: 'AG-AUTO' });
    const [established, young] = [makeUscc(1941), makeUscc(1942)];
    for (const [id, registeredOn] of [
      [established, '2000-01-01'],
      [young, undefined],
    ] as const)
      await ctx.api.call('POST', '/api/v1/enterprises', {
        token: officer,
        body: { id, name: '名单企业', kind: 'legal_person', ...(registeredOn ? { registeredOn } : {}) },
      });
    const year = Number((await serverToday(ctx)).slice(0, 4)) + 1;
    const calendar = await ctx.env.client.workflow.start('supervisionListCalendar', {
      workflowId: SUPERVISION_LIST_CALENDAR_ID,
      taskQueue: ctx.taskQueue,
    });
    firstRun = { workflowId: calendar.workflowId, runId: calendar.firstExecutionRunId };
    const fix = (body: Record<string, unknown>, y = year) =>
      ctx.api.call('POST', `/api/v1/supervision-lists/${y}`, { token: admin, body });

    const early = await fix({ agency: 'AG-ADMIN' });
    await sleepUntil(ctx, `${year}-01-10`);
    const reminders = await eventually(async () => {
      const rows = await ctx.database.db
        .select({ entityId: auditLog.entityId })
        .from(auditLog)
        .where(eq(auditLog.action, 'supervision_list.reminder'));
      const mine = rows.filter((r) => r.entityId.startsWith('AG-'));
      return mine.length >= 2 ? mine : undefined;
    }, 'the reminders');
    const byAdmin = await fix({ agency: 'AG-ADMIN' });
    const again = await fix({ agency: 'AG-ADMIN' });
    await sleepUntil(ctx, `${year}-02-01`, 2);
    const automatic = await eventually(
      async () =>
        (
          await ctx.database.db
            .select()
            .from(supervisionLists)
            .where(and(eq(supervisionLists.agency, 'AG-AUTO'), eq(supervisionLists.year, year)))
        )[0],
      'the automatic list',
    );

    expect(early.body.error.code).toBe('LIST_NOT_YET_OPEN');
    expect(reminders.map((r) => r.entityId).sort()).toEqual([`AG-ADMIN:${year}`, `AG-AUTO:${year}`]);
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body).toMatchObject({ fixedHow: 'admin', fixedOn: `${year}-01-10`, late: false });
    expect(byAdmin.body.entries).toEqual(
      expect.arrayContaining([
        { enterpriseId: established, grade: 'A', whitelisted: false, cap: 1 },
        { enterpriseId: young, grade: 'B', whitelisted: false, cap: 2 },
      ]),
    );
    expect(again.status).toBe(200);
    expect(again.body).toEqual(byAdmin.body);
    expect(automatic).toMatchObject({ fixedHow: 'automatic', fixedBy: 'system', fixedOn: `${year}-02-01` });
    const read = await ctx.api.call('GET', `/api/v1/supervision-lists/${year}?agency=AG-ADMIN`, { token: officer });
    expect(read.body).toEqual(byAdmin.body);

    const planned = await ctx.api.call('POST', '/api/v1/inspections', {
      token: officer,
      body: { enterpriseId: young, kind: 'routine', plannedOn: `${year}-03-01`, matters: ['MS-001'] },
    });
    expect(planned.body.capCheck).toMatchObject({ grade: 'B', gradeFrom: 'supervision_list', cap: 2 });
  });

  it('fixes a list after January 31 only late, with a reason', async () => {
    const admin = await ctx.api.token({ sub: 'admin-2', role: 'admin' });
    await ctx.api.call('POST', '/api/v1/agencies', {
      token: admin,
      body: { id: 'AG-LATE', name: 'AG-LATE', shortName: 'AG-LATE' },
    });
    const year = Number((await serverToday(ctx)).slice(0, 4));
    const post = (body: Record<string, unknown>) =>
      ctx.api.call('POST', `/api/v1/supervision-lists/${year}`, { token: admin, body });

    const refused = await post({ agency: 'AG-LATE' });
    const noReason = await post({ agency: 'AG-LATE', late: true });
    const late = await post({ agency: 'AG-LATE', late: true, reason: '机构新设，补定名单' });

    expect(refused.body.error.code).toBe('LIST_DEADLINE_PASSED');
    expect(noReason.body.error.code).toBe('LIST_DEADLINE_PASSED');
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ late: true, reason: '机构新设，补定名单', fixedHow: 'admin' });
  });
});
