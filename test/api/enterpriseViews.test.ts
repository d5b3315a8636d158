// An enterprise's processes and credit file, read from what real workflows recorded: one
// enterprise with an observation period (one agency), a rectification (another agency) and a
// penalty record (credit staff), each taken to an outcome, then read by every kind of user.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { addMonths } from '../../domain';
import { useApi } from '../support/context';
import { makeUscc } from '../support/fixtures';
import { observationParties, observationPeriods } from '../support/observation';
import { penaltyDecision, penaltyRecords } from '../support/penaltyRecords';
import { rectifications, serverToday } from '../support/rectifications';

const ctx = useApi({ worker: true });

interface Seen {
  enterpriseId: string;
  officerA: string;
  officerB: string;
  business: string;
  otherBusiness: string;
  creditStaff: string;
  auditor: string;
  periodId: string;
  rectificationId: string;
  recordId: string;
  decidedOn: string;
}
const seen = {} as Seen;

beforeAll(async () => {
  // An enterprise under an observation period of agency A, which it declines
  const { enterpriseId, officer, business } = await observationParties(ctx, 1, { agency: 'VIEW-A' });
  const period = await observationPeriods(ctx).open(officer, {
    enterpriseId,
    matterCode: 'MS-005',
    legalBasis: '《优化营商环境条例》第五十五条',
    months: 6,
    reason: '平台经济新模式企业',
  });
  expect(period.status, JSON.stringify(period.body)).toBe(201);
  await observationPeriods(ctx).step(business, period.body.id, 'consent', { accept: false });

  // A rectification ordered by agency B, escalated to the general procedure
  const officerB = await ctx.api.token({ sub: 'officer-b', role: 'officer', agency: 'VIEW-B' });
  const ordered = await rectifications(ctx).order(officerB, {
    enterpriseId,
    matterCode: 'MS-002',
    disposition: 'order_only',
    findings: '未按规定公示营业执照',
    requiredActions: ['公示营业执照'],
    deadline: { workingDays: 10 },
  });
  expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
  await rectifications(ctx).step(officerB, ordered.body.id, 'escalation', { reason: '拒不改正' });

  // And a penalty record, decided long enough ago that its publication has already expired
  const creditStaff = await ctx.api.token({ sub: 'credit-1', role: 'credit_staff' });
  const decidedOn = addMonths(await serverToday(ctx), -13);
  const record = await penaltyRecords(ctx).enter(creditStaff, penaltyDecision(enterpriseId, decidedOn));
  expect(record.status, JSON.stringify(record.body)).toBe(201);

  Object.assign(seen, {
    enterpriseId,
    officerA: officer,
    officerB,
    business,
    otherBusiness: await ctx.api.token({ sub: 'biz-other', role: 'business', enterpriseId: makeUscc(2) }),
    creditStaff,
    auditor: await ctx.api.token({ sub: 'auditor-1', role: 'auditor' }),
    periodId: period.body.id,
    rectificationId: ordered.body.id,
    recordId: record.body.id,
    decidedOn,
  });
  // A process's opening is answered once its workflow has recorded it, a moment before the read model has it.
  await vi.waitFor(async () => {
    const res = await ctx.api.call('GET', `/api/v1/enterprises/${enterpriseId}/credit-file`, { token: business });
    expect(res.body.entries.map((e: { kind: string }) => e.kind)).toContain('penalty_publication_expired');
  });
});

const get = (token: string, path: string) => ctx.api.call('GET', `/api/v1/enterprises${path}`, { token });
const processesSeenBy = async (token: string) => {
  const res = await get(token, `/${seen.enterpriseId}/processes`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.processes.map((p: { processType: string; status: string }) => `${p.processType}:${p.status}`);
};

describe('GET /enterprises/{id}/processes', () => {
  it('lists every process of the enterprise with its current status, oldest first, to the business and oversight', async () => {
    const res = await get(seen.business, `/${seen.enterpriseId}/processes`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      enterpriseId: seen.enterpriseId,
      processes: [
        {
          processType: 'observation_period',
          id: seen.periodId,
          status: 'declined',
          agency: 'VIEW-A',
          matterCode: 'MS-005',
          openedAt: expect.any(String),
          updatedAt: expect.any(String),
          href: `/api/v1/observation-periods/${seen.periodId}`,
        },
        expect.objectContaining({
          processType: 'rectification',
          id: seen.rectificationId,
          status: 'escalated',
          agency: 'VIEW-B',
          href: `/api/v1/rectifications/${seen.rectificationId}`,
        }),
        expect.objectContaining({
          processType: 'penalty_record',
          id: seen.recordId,
          status: 'expired',
          href: `/api/v1/penalty-records/${seen.recordId}`,
        }),
      ],
    });
    expect(await processesSeenBy(seen.auditor)).toEqual([
      'observation_period:declined',
      'rectification:escalated',
      'penalty_record:expired',
    ]);
  });

  it("shows officers their own agency's processes only, and credit staff the penalty records", async () => {
    expect(await processesSeenBy(seen.officerA)).toEqual(['observation_period:declined']);
    expect(await processesSeenBy(seen.officerB)).toEqual(['rectification:escalated']);
    expect(await processesSeenBy(seen.creditStaff)).toEqual(['penalty_record:expired']);
  });

  it('answers another enterprise’s business, and anyone asking about an unknown enterprise, with 404', async () => {
    const foreign = await get(seen.otherBusiness, `/${seen.enterpriseId}/processes`);
    const unknown = await get(seen.auditor, `/${makeUscc(999)}/processes`);
    const invalid = await get(seen.auditor, '/not-a-code/processes');

    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    expect(unknown.status).toBe(404);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('INVALID_USCC');
  });
});

describe('GET /enterprises/{id}/credit-file', () => {
  it('gives the outcomes of every process in date order, with the process each came from', async () => {
    const res = await get(seen.business, `/${seen.enterpriseId}/credit-file`);

    expect(res.status).toBe(200);
    const entries: Array<{ occurredOn: string; kind: string; processType: string; processId: string }> =
      res.body.entries;
    expect(entries.map((e) => e.occurredOn)).toEqual(entries.map((e) => e.occurredOn).sort());
    expect(entries[0]).toEqual({
      occurredOn: seen.decidedOn,
      kind: 'penalty_record',
      summary: expect.stringContaining('Penalty decision'),
      details: expect.objectContaining({ category: 'general' }),
      adverse: true,
      processType: 'penalty_record',
      processId: seen.recordId,
      recordedAt: expect.any(String),
      key: expect.any(String),
      disputed: false,
    });
    expect(entries.map((e) => [e.processType, e.kind])).toEqual(
      expect.arrayContaining([
        ['penalty_record', 'penalty_publication_expired'],
        ['observation_period', 'observation_declined'],
        ['rectification', 'rectification_escalated'],
      ]),
    );
  });

  it('is the whole file for every officer and credit staff, like the profile, and a 404 for another business', async () => {
    const own = await get(seen.business, `/${seen.enterpriseId}/credit-file`);
    const officer = await get(seen.officerA, `/${seen.enterpriseId}/credit-file`);
    const credit = await get(seen.creditStaff, `/${seen.enterpriseId}/credit-file`);
    const foreign = await get(seen.otherBusiness, `/${seen.enterpriseId}/credit-file`);

    expect(officer.body).toEqual(own.body);
    expect(credit.body).toEqual(own.body);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
  });
});
