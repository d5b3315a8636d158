// Public-interest service in lieu of a fine (公益抵罚), end to end over simulated weeks: the offer,
// acceptance or decline, sessions logged and confirmed, and the three outcomes (full, partial,
// nothing) with exact amounts; only confirmed hours count.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { creditFileEntries, processes } from '../../db/schema';
import { addDays, addWorkingDays } from '../../domain';
import { useApi } from '../support/context';
import { offerBody, offsets, sessionOn } from '../support/offsets';
import { rectificationParties, serverToday } from '../support/rectifications';

// Its own time-skipping server: cases run past their deadlines.
const ctx = useApi({ timeSkipping: 'own', worker: true });
const api = offsets(ctx);

/** A fresh enterprise with an offer of `fine` yuan it has accepted. */
async function inService(serial: number, fine: number) {
  const parties = await rectificationParties(ctx, serial);
  const offered = await api.offer(parties.officer, offerBody(parties.enterpriseId, fine));
  expect(offered.status, JSON.stringify(offered.body)).toBe(201);
  const accepted = await api.step(parties.business, offered.body.id, 'acceptance', { accept: true });
  expect(accepted.body.status).toBe('in_service');
  return { ...parties, id: offered.body.id as string, offered: offered.body };
}

/** Logs a session today and returns its id. */
async function logged(c: { business: string; id: string }, hours: number) {
  const res = await api.step(c.business, c.id, 'sessions', sessionOn(await serverToday(ctx), hours));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.sessions.at(-1).id as string;
}

/** The case's status in the read model, once its timer has moved it (no query while the server skips time). */
const projectedStatus = async (id: string) =>
  (await ctx.database.db.select({ status: processes.status }).from(processes).where(eq(processes.id, id)))[0]?.status;

const creditFileOf = (id: string) =>
  ctx.database.db
    .select({ kind: creditFileEntries.kind, details: creditFileEntries.details, adverse: creditFileEntries.adverse })
    .from(creditFileEntries)
    .where(eq(creditFileEntries.processId, id));

describe('public-interest service: the offer', () => {
  it('offers hours at the agency rate (a started hour counts whole), an acceptance window of 5 working days and a 30-day deadline', async () => {
    const { enterpriseId, officer } = await rectificationParties(ctx, 1);
    const today = await serverToday(ctx);

    const offered = await api.offer(officer, offerBody(enterpriseId, 333));

    expect(offered.status).toBe(201);
    expect(offered.body).toMatchObject({
      status: 'offered',
      fine: 333,
      hours: 7,
      hoursConfirmed: 0,
      yuanPerHour: 50,
      offeredOn: today,
      acceptanceDue: addWorkingDays(today, 5),
      deadline: { date: addDays(today, 30), provisional: false },
      openSteps: [expect.objectContaining({ step: 'acceptance', assignee: 'business' })],
    });
  });

  it('refuses a matter the agency does not allow it for: 422 OFFSET_NOT_ALLOWED, and no case', async () => {
    const { enterpriseId, officer } = await rectificationParties(ctx, 2);

    const refused = await api.offer(officer, offerBody(enterpriseId, 200, { matterCode: 'MS-002' }));

    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('OFFSET_NOT_ALLOWED');
    const cases = await ctx.database.db.select().from(processes).where(eq(processes.enterpriseId, enterpriseId));
    expect(cases).toEqual([]);
  });

  it('declined by the party: the whole fine is due, and the credit file records it as not adverse', async () => {
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 3);
    const { body: offered } = await api.offer(officer, offerBody(enterpriseId, 200));

    const declined = await api.step(business, offered.id, 'acceptance', { accept: false });
    const again = await api.step(business, offered.id, 'acceptance', { accept: true });

    expect(declined.body).toMatchObject({
      status: 'declined',
      outcome: { result: 'none', offset: 0, remainingFine: 200 },
      openSteps: [],
    });
    expect(again.status).toBe(409);
    expect(await creditFileOf(offered.id)).toMatchObject([{ kind: 'offset_declined', adverse: false }]);
  });

  it('declined by silence once the 5 working days pass', async () => {
    const { enterpriseId, officer } = await rectificationParties(ctx, 4);
    const { body: offered } = await api.offer(officer, offerBody(enterpriseId, 200));

    await ctx.env.sleep('10 days');

    await expect.poll(() => projectedStatus(offered.id)).toBe('declined');
    const view = (await api.get(officer, offered.id)).body;
    expect(view.history.at(-1)).toMatchObject({ action: 'offset.lapsed_unanswered', actor: 'system' });
    expect(await creditFileOf(offered.id)).toMatchObject([{ kind: 'offset_declined', details: { bySilence: true } }]);
  });
});

describe('public-interest service: the outcome', () => {
  it('offsets the fine in full the moment the confirmed hours cover every hour owed', async () => {
    const c = await inService(10, 200); // 4 hours at 50 yuan an hour
    const first = await logged(c, 2.5);
    const second = await logged(c, 1.5);

    const half = await api.confirm(c.officer, c.id, first);
    const full = await api.confirm(c.officer, c.id, second);

    expect(half.body).toMatchObject({ status: 'in_service', hoursConfirmed: 2.5 });
    expect(full.body).toMatchObject({
      status: 'completed',
      hoursConfirmed: 4,
      outcome: { result: 'full', offset: 200, remainingFine: 0, concludedOn: await serverToday(ctx) },
      openSteps: [],
    });
    expect(await creditFileOf(c.id)).toMatchObject([
      { kind: 'offset_completed', adverse: false, details: { fine: 200, offset: 200, remainingFine: 0 } },
    ]);
  });

  it('at the deadline, offsets pro rata what was confirmed, to the fen: unconfirmed and rejected sessions do not count', async () => {
    const c = await inService(11, 333); // 7 hours owed
    await api.confirm(c.officer, c.id, await logged(c, 3));
    await logged(c, 2); // never confirmed
    await api.confirm(c.officer, c.id, await logged(c, 1), false, '无法核实');

    await ctx.env.sleep('31 days');

    await expect.poll(() => projectedStatus(c.id)).toBe('lapsed');
    const view = (await api.get(c.officer, c.id)).body;
    // 333 yuan × 3 h / 7 h = 142.714… yuan: 142.71 offset (rounded down to the fen), 190.29 due.
    expect(view).toMatchObject({
      hoursConfirmed: 3,
      outcome: { result: 'partial', offset: 142.71, remainingFine: 190.29 },
      openSteps: [],
    });
    expect(view.sessions.map((s: { status: string }) => s.status)).toEqual(['confirmed', 'pending', 'rejected']);
    expect(await creditFileOf(c.id)).toMatchObject([
      { kind: 'offset_lapsed', details: { result: 'partial', offset: 142.71, remainingFine: 190.29 } },
    ]);
  });

  it('lapses with the whole fine due when nothing was confirmed by the deadline', async () => {
    const c = await inService(12, 150);

    await ctx.env.sleep('31 days');

    await expect.poll(() => projectedStatus(c.id)).toBe('lapsed');
    const view = (await api.get(c.officer, c.id)).body;
    expect(view.outcome).toMatchObject({ result: 'none', offset: 0, remainingFine: 150 });
    const late = await api.step(c.business, c.id, 'sessions', sessionOn(await serverToday(ctx), 1));
    expect(late.status).toBe(409);
  });
});

describe('public-interest service: sessions', () => {
  it('refuses a session dated ahead of today or before the offer, and an unknown session to confirm', async () => {
    const c = await inService(20, 100);
    const today = await serverToday(ctx);

    const future = await api.step(c.business, c.id, 'sessions', sessionOn(addDays(today, 1), 1));
    const before = await api.step(c.business, c.id, 'sessions', sessionOn(addDays(today, -1), 1));
    const unknown = await api.confirm(c.officer, c.id, '00000000-0000-4000-8000-000000000000');

    expect([future.status, future.body.error.code]).toEqual([422, 'DATE_IN_FUTURE']);
    expect([before.status, before.body.error.code]).toEqual([422, 'DATE_OUTSIDE_PERIOD']);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it("puts each logged session on the officer's task list until it is confirmed", async () => {
    const c = await inService(21, 100);
    const sid = await logged(c, 1);

    const tasks = async () =>
      (await ctx.api.call('GET', `/api/v1/tasks?enterpriseId=${c.enterpriseId}`, { token: c.officer })).body.tasks;
    const before = await tasks();
    await api.confirm(c.officer, c.id, sid);
    const after = await tasks();

    expect(before).toEqual([
      expect.objectContaining({
        processType: 'offset',
        processId: c.id,
        step: 'session_confirmation',
      }),
    ]);
    expect(after).toEqual([]);
  });
});
