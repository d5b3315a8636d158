// The credit rating follows the credit file: each entry written rates the enterprise again in the
// same transaction (stored with history), and GET /enterprises/{id}/rating explains today's grade.
import { describe, expect, it } from 'vitest';
import { useApi } from '../support/context';
import { observationParties, observationPeriods, periodBody as period } from '../support/observation';
import { creditRepairParties, penaltyDecision, penaltyRecords } from '../support/penaltyRecords';
import { makeUscc } from '../support/fixtures';
import { serverToday } from '../support/rectifications';

const ctx = useApi({ worker: true });
const periods = observationPeriods(ctx);

const rating = (token: string, id: string, query = '') =>
  ctx.api.call('GET', `/api/v1/enterprises/${id}/rating${query}`, { token });
const history = async (token: string, id: string) => {
  const res = await ctx.api.call('GET', `/api/v1/enterprises/${id}/rating/history`, { token });
  expect(res.status).toBe(200);
  return res.body.ratings as Array<{ grade: string; cause: string; agency: string | null }>;
};

describe('credit rating', () => {
  it('grades an enterprise registered over 3 years with a clean file A, and a new one B', async () => {
    const officer = await ctx.api.token({ sub: 'officer-r', role: 'officer', agency: 'SAMR-HZ' });
    const today = await serverToday(ctx);
    const old = { id: makeUscc(1905), registeredOn: `${Number(today.slice(0, 4)) - 5}-01-01` };
    const young = { id: makeUscc(1906) };
    for (const e of [old, young]) {
      const res = await ctx.api.call('POST', '/api/v1/enterprises', {
        token: officer,
        body: { ...e, name: '评级企业', kind: 'legal_person' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }

    const a = await rating(officer, old.id);
    const b = await rating(officer, young.id);

    expect(a.body).toMatchObject({ grade: 'A', asOf: today, reasons: [{ code: 'CLEAN_AND_ESTABLISHED' }] });
    expect(b.body).toMatchObject({ grade: 'B', reasons: [{ code: 'NO_POSITIVE_OUTCOME' }] });
    expect(b.body.policyVersion).toBe('default-2026.1');
  });

  it('lowers the grade to C when an observation period ends for the general procedure, and keeps the history', async () => {
    const { enterpriseId, officer, business } = await observationParties(ctx, 1901);
    const declined = await periods.open(officer, period(enterpriseId));
    await periods.step(business, declined.body.id, 'consent', { accept: false });
    const afterDecline = await history(officer, enterpriseId);

    const opened = await periods.open(officer, period(enterpriseId, { matterCode: 'MS-006' }));
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    await periods.step(business, opened.body.id, 'consent', { accept: true });
    await periods.step(officer, opened.body.id, 'termination', { reason: 'general_procedure', note: '转一般程序' });

    const now = await rating(business, enterpriseId);
    expect(now.status).toBe(200);
    expect(now.body.grade).toBe('C');
    expect(now.body.reasons[0]).toMatchObject({ code: 'OBSERVATION_ESCALATED', entryId: expect.any(String) });
    expect(afterDecline.map((r) => r.grade)).toEqual(['B']);
    const stored = await history(business, enterpriseId);
    expect(stored.map((r) => [r.grade, r.agency])).toEqual([
      ['B', 'SAMR-HZ'],
      ['C', 'SAMR-HZ'],
    ]);
    expect(stored[1]!.cause).toBe(now.body.reasons[0].entryId);
  });

  it('grades a published serious record D', async () => {
    const { enterpriseId, creditStaff } = await creditRepairParties(ctx, 1902);
    const today = await serverToday(ctx);
    const entered = await penaltyRecords(ctx).enter(
      creditStaff,
      penaltyDecision(enterpriseId, today, { severity: 'serious' }),
    );
    expect(entered.status, JSON.stringify(entered.body)).toBe(201);

    const res = await rating(creditStaff, enterpriseId);

    expect(res.body).toMatchObject({ grade: 'D', reasons: [{ code: 'SERIOUS_RECORD_PUBLISHED' }] });
    expect((await history(creditStaff, enterpriseId)).map((r) => r.grade)).toEqual(['D']);
  });

  it("is another business's secret: 404", async () => {
    const { enterpriseId } = await observationParties(ctx, 1903);
    const stranger = await ctx.api.token({ sub: 'biz-x', role: 'business', enterpriseId: makeUscc(1907) });
    expect((await rating(stranger, enterpriseId)).status).toBe(404);
  });
});
