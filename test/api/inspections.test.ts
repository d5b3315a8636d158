// Inspections under graded supervision: the routine cap per 12 months by grade (calendar-date
// window), whitelisted enterprises at most once a year across agencies with joint visits, triggered
// inspections uncapped, atomic under concurrency, and results that leave a task.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, inspections } from '../../db/schema';
import { expectOneAccepted, sendAtOnce } from '../support/concurrency';
import { useApi } from '../support/context';
import { makeUscc } from '../support/fixtures';
import { orderToCorrect, serverToday } from '../support/rectifications';

const ctx = useApi({ worker: true });

const officerOf = (agency: string, sub = `insp-${agency}`) => ctx.api.token({ sub, role: 'officer', agency });

async function enterprise(serial: number, registeredOn?: string) {
  const officer = await officerOf('SAMR-HZ');
  const id = makeUscc(serial);
  const res = await ctx.api.call('POST', '/api/v1/enterprises', {
    token: officer,
    body: { id, name: `受检企业${serial}`, kind: 'legal_person', ...(registeredOn ? { registeredOn } : {}) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return id;
}

const plan = (token: string, enterpriseId: string, plannedOn: string, extra: Record<string, unknown> = {}) =>
  ctx.api.call('POST', '/api/v1/inspections', {
    token,
    body: { enterpriseId, kind: 'routine', plannedOn, matters: ['MS-001'], ...extra },
  });

describe('the routine inspection cap', () => {
  it('allows an A enterprise one routine inspection in any 12 months, counted by calendar date', async () => {
    const id = await enterprise(1911, '2000-01-01');
    const officer = await officerOf('SAMR-HZ');
    expect((await plan(officer, id, '2027-03-10')).status).toBe(201);

    const dayShort = await plan(officer, id, '2028-03-09');
    const exactlyAYear = await plan(officer, id, '2028-03-10');
    const dayBefore = await plan(officer, id, '2026-03-11');
    const yearBefore = await plan(officer, id, '2026-03-10');

    expect(dayShort.status).toBe(422);
    expect(dayShort.body.error).toMatchObject({
      code: 'INSPECTION_CAP',
      details: [{ grade: 'A', cap: 1, used: 1, window: { from: '2027-03-10', to: '2029-03-08' }, whitelisted: false }],
    });
    expect(exactlyAYear.status).toBe(201);
    expect(dayBefore.status).toBe(422);
    expect(yearBefore.status).toBe(201);
  });

  it('allows a B enterprise two, and never caps a triggered inspection (which needs its trigger)', async () => {
    const id = await enterprise(1912);
    const officer = await officerOf('SAMR-HZ');
    expect((await plan(officer, id, '2027-05-01')).body.capCheck).toMatchObject({ grade: 'B', cap: 2, used: 0 });
    expect((await plan(officer, id, '2027-06-01')).status).toBe(201);
    expect((await plan(officer, id, '2027-07-01')).body.error.code).toBe('INSPECTION_CAP');

    const triggered = await plan(officer, id, '2027-07-01', {
      kind: 'triggered',
      trigger: { type: 'complaint', ref: '12315-2027-0001' },
    });
    const noTrigger = await plan(officer, id, '2027-07-01', { kind: 'triggered' });
    const unknownMatter = await plan(officer, id, '2027-07-01', { matters: ['ZZ-999'] });

    expect(triggered.status).toBe(201);
    expect(triggered.body).toMatchObject({ capCheck: null, trigger: { type: 'complaint' } });
    expect(noTrigger.status).toBe(400);
    expect(unknownMatter.body.error).toMatchObject({ code: 'UNKNOWN_MATTER', details: [{ matters: ['ZZ-999'] }] });
  });

  it("counts each agency's routine inspections against its own cap", async () => {
    const id = await enterprise(1913, '2000-01-01');
    expect((await plan(await officerOf('SAMR-HZ'), id, '2027-04-01')).status).toBe(201);
    expect((await plan(await officerOf('CT-HZ'), id, '2027-04-02')).status).toBe(201);
  });

  it('gives five concurrent routine plans at the cap one 201 and four 422 INSPECTION_CAP', async () => {
    const id = await enterprise(1914, '2000-01-01');
    const officer = await officerOf('SAMR-HZ');

    const answers = await sendAtOnce(5, (i) => plan(officer, id, `2027-08-0${i + 1}`));

    expectOneAccepted(answers, 201, { status: 422, code: 'INSPECTION_CAP' });
    const rows = await ctx.database.db.select().from(inspections).where(eq(inspections.enterpriseId, id));
    expect(rows).toHaveLength(1);
  });
});

describe('whitelisted enterprises', () => {
  it('get one routine visit a year across agencies; a second agency within 30 days joins it', async () => {
    const id = await enterprise(1915, '2000-01-01');
    const samr = await officerOf('SAMR-HZ');
    const listed = await ctx.api.call('POST', '/api/v1/whitelist', {
      token: samr,
      body: { enterpriseId: id, reason: '重点企业', validUntil: '2029-12-31' },
    });
    expect(listed.status, JSON.stringify(listed.body)).toBe(201);
    const first = await plan(samr, id, '2027-05-10');
    expect(first.body.capCheck).toMatchObject({ whitelisted: true, cap: 1 });

    const joint = await plan(await officerOf('CT-HZ'), id, '2027-06-09');
    const refused = await plan(await officerOf('TR-HZ'), id, '2027-06-10');

    expect(joint.status).toBe(201);
    expect(joint.body).toMatchObject({ jointWith: first.body.id, plannedOn: '2027-05-10' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0]).toMatchObject({ whitelisted: true, cap: 1, used: 1 });
  });

  it('refuses a second entry for the same agency while one is active, and a past end date', async () => {
    const id = await enterprise(1916);
    const samr = await officerOf('SAMR-HZ');
    const body = { enterpriseId: id, reason: '重点企业', validUntil: '2029-12-31' };
    const answers = await sendAtOnce(3, () => ctx.api.call('POST', '/api/v1/whitelist', { token: samr, body }));
    expectOneAccepted(answers, 201, { status: 409, code: 'ALREADY_ACTIVE' });
    const past = await ctx.api.call('POST', '/api/v1/whitelist', {
      token: samr,
      body: { ...body, validUntil: '2020-01-01' },
    });
    expect(past.body.error.code).toBe('DATE_IN_PAST');
  });

  it('can be removed early with a reason, once, and stays in the history', async () => {
    const id = await enterprise(1917);
    const samr = await officerOf('SAMR-HZ');
    const listed = await ctx.api.call('POST', '/api/v1/whitelist', {
      token: samr,
      body: { enterpriseId: id, reason: '重点企业', validUntil: '2029-12-31' },
    });

    const removed = await ctx.api.call('DELETE', `/api/v1/whitelist/${listed.body.id}`, {
      token: samr,
      body: { reason: '发生严重违法行为' },
    });
    const again = await ctx.api.call('DELETE', `/api/v1/whitelist/${listed.body.id}`, {
      token: samr,
      body: { reason: '再次' },
    });

    expect(removed.body).toMatchObject({ status: 'removed', endReason: '发生严重违法行为', endedBy: 'insp-SAMR-HZ' });
    expect(again.body.error.code).toBe('INVALID_STATE');
    const list = await ctx.api.call('GET', '/api/v1/whitelist?agency=SAMR-HZ', { token: samr });
    expect(list.body.entries.find((e: { id: string }) => e.id === listed.body.id).status).toBe('removed');
    const audit = await ctx.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'whitelist_entry'), eq(auditLog.entityId, listed.body.id)));
    expect(audit.map((a) => a.action)).toEqual(['whitelist.listed', 'whitelist.removed']);
  });
});

describe('inspection results', () => {
  it('turns violations found into an officer task, closed by naming the rectification ordered', async () => {
    const id = await enterprise(1918);
    const officer = await officerOf('SAMR-HZ');
    const today = await serverToday(ctx);
    const planned = await plan(officer, id, today);

    const results = await sendAtOnce(3, () =>
      ctx.api.call('POST', `/api/v1/inspections/${planned.body.id}/result`, {
        token: officer,
        body: { doneOn: today, findings: '未亮照经营', outcome: 'violations_found' },
      }),
    );

    expectOneAccepted(results);
    const taskList = await ctx.api.call('GET', `/api/v1/tasks?enterpriseId=${id}`, { token: officer });
    expect(taskList.body.tasks).toMatchObject([
      { processType: 'inspection', processId: planned.body.id, step: 'order_rectification' },
    ]);
    const order = await ctx.api.call('POST', '/api/v1/rectifications', { token: officer, body: orderToCorrect(id) });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const linked = await ctx.api.call('POST', `/api/v1/inspections/${planned.body.id}/rectification`, {
      token: officer,
      body: { rectificationId: order.body.id },
    });
    expect(linked.body).toMatchObject({ status: 'done', outcome: 'violations_found', rectificationId: order.body.id });
    const after = await ctx.api.call('GET', `/api/v1/tasks?enterpriseId=${id}`, { token: officer });
    expect(after.body.tasks.filter((t: { processType: string }) => t.processType === 'inspection')).toEqual([]);
  });

  it("hides another agency's inspection (404) and refuses a result dated ahead", async () => {
    const id = await enterprise(1919);
    const planned = await plan(await officerOf('SAMR-HZ'), id, '2027-01-05');
    const other = await ctx.api.call('POST', `/api/v1/inspections/${planned.body.id}/result`, {
      token: await officerOf('CT-HZ'),
      body: { doneOn: '2026-01-05', findings: '正常', outcome: 'compliant' },
    });
    const ahead = await ctx.api.call('POST', `/api/v1/inspections/${planned.body.id}/result`, {
      token: await officerOf('SAMR-HZ'),
      body: { doneOn: '2199-01-05', findings: '正常', outcome: 'compliant' },
    });
    expect(other.status).toBe(404);
    expect(ahead.body.error.code).toBe('DATE_IN_FUTURE');
  });
});
