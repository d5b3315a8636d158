// GET /stats over a read model filled directly: 30 hand-laid processes of both agencies, both
// enterprise kinds and all three process types, some opened outside the range, so that every
// figure can be computed by hand. Range: 2026-01-01..2026-06-30 (Asia/Shanghai days).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { enterprises, processes } from '../../db/schema';
import { addDays, todayInShanghai } from '../../domain';
import { useApi } from '../support/context';
import { makeUscc } from '../support/fixtures';

const ctx = useApi();

const A = 'STATS-A';
const B = 'STATS-B';
const RANGE = 'from=2026-01-01&to=2026-06-30';

// Legal persons L1..L4 and individual businesses I1..I4.
const L = [5001, 5002, 5003, 5004].map(makeUscc);
const I = [5101, 5102, 5103, 5104].map(makeUscc);
const [L1, L2, L3, L4] = L as [string, string, string, string];
const [I1, I2, I3, I4] = I as [string, string, string, string];

const IN = '2026-03-15T02:00:00Z';
// The range's edges in Shanghai: 2026-01-01 00:00 +08:00 is in, a second before it is out;
// 2026-06-30 23:59:59 +08:00 is in, a second after it is out.
const FIRST_INSTANT = '2025-12-31T16:00:00Z';
const BEFORE = '2025-12-31T15:59:59Z';
const LAST_INSTANT = '2026-06-30T15:59:59Z';
const AFTER = '2026-06-30T16:00:00Z';

type ProcessRow = typeof processes.$inferInsert;
type ProcessType = ProcessRow['processType'];

function process(
  processType: ProcessType,
  agency: string,
  enterpriseId: string,
  status: string,
  openedAt: string,
  view: Record<string, unknown> = {},
): ProcessRow {
  const id = randomUUID();
  return {
    id,
    processType,
    workflowId: `${processType}:${id}`,
    runId: randomUUID(),
    enterpriseId,
    agency,
    matterCode: 'M-STATS',
    status,
    version: 1,
    view: { id, enterpriseId, agency, status, ...view },
    openedAt: new Date(openedAt),
    updatedAt: new Date(openedAt),
  };
}

const rectification = (
  agency: string,
  enterpriseId: string,
  status: string,
  openedAt: string,
  disposition: string,
  waivedFine: number,
  correctedOnTime?: boolean,
) =>
  process('rectification', agency, enterpriseId, status, openedAt, {
    disposition,
    waivedFine,
    ...(correctedOnTime === undefined ? {} : { correctedOnTime }),
  });

const observation = (agency: string, enterpriseId: string, status: string, openedAt: string) =>
  process('observation_period', agency, enterpriseId, status, openedAt);

interface Application {
  appliedOn: string;
  status: string;
  decidedOn?: string;
}
const penaltyRecord = (
  agency: string,
  enterpriseId: string,
  status: string,
  openedAt: string,
  applications: Application[],
) =>
  process('penalty_record', agency, enterpriseId, status, openedAt, {
    applications: applications.map((a) => ({ id: randomUUID(), ...a })),
  });

const FIXTURE: ProcessRow[] = [
  // Rectifications
  /* R1  */ rectification(A, L1, 'closed', IN, 'no_penalty', 5000, true),
  /* R2  */ rectification(A, I1, 'closed', IN, 'first_violation_no_penalty', 2000, false),
  /* R3  */ rectification(A, L1, 'awaiting_evidence', IN, 'no_penalty', 3000),
  /* R4  */ rectification(A, L2, 'closed', IN, 'lighter_penalty', 0, true),
  /* R5  */ rectification(A, I2, 'closed', BEFORE, 'no_penalty', 1000, true),
  /* R6  */ rectification(B, L3, 'closed', FIRST_INSTANT, 'no_penalty', 4000, true),
  /* R7  */ rectification(B, I3, 'follow_up', LAST_INSTANT, 'first_violation_no_penalty', 1500, true),
  /* R8  */ rectification(B, L4, 'overdue', IN, 'order_only', 0),
  /* R9  */ rectification(B, I3, 'closed', AFTER, 'no_penalty', 800, true),
  /* R10 */ rectification(A, L2, 'escalated', IN, 'order_only', 0),
  /* R11 */ rectification(A, I1, 'awaiting_commitment', IN, 'no_penalty', 2500),
  /* R12 */ rectification(B, L4, 'closed', IN, 'lighter_penalty', 0, false),
  // Observation periods
  /* O1 */ observation(A, L3, 'passed', IN),
  /* O2 */ observation(A, I4, 'passed', IN),
  /* O3 */ observation(A, L4, 'escalated', IN),
  /* O4 */ observation(A, L1, 'active', IN),
  /* O5 */ observation(B, I4, 'passed', IN),
  /* O6 */ observation(B, L2, 'declined', IN),
  /* O7 */ observation(B, I2, 'passed', BEFORE),
  /* O8 */ observation(A, I2, 'passed', '2025-06-01T02:00:00Z'),
  /* O9 */ observation(B, L1, 'terminated', IN),
  // Penalty records, with working days from application to decision (China's calendar)
  /* P1 */ penaltyRecord(A, L1, 'repaired', IN, [
    { appliedOn: '2026-03-02', decidedOn: '2026-03-09', status: 'approved' }, // 5: Mar 3..6, 9
  ]),
  /* P2 */ penaltyRecord(A, I1, 'published', '2025-10-01T02:00:00Z', [
    { appliedOn: '2025-11-03', decidedOn: '2025-11-10', status: 'rejected' }, // decided before the range
    { appliedOn: '2026-02-10', decidedOn: '2026-02-26', status: 'rejected' }, // 7: Feb 11..13, Sat 14 (调休), 24..26
  ]),
  /* P3 */ penaltyRecord(A, L2, 'under_review', IN, [
    { appliedOn: '2026-04-01', status: 'accepted' }, // undecided
    { appliedOn: '2026-03-01', status: 'needs_more' }, // undecided
  ]),
  /* P4 */ penaltyRecord(B, L3, 'repaired', IN, [
    { appliedOn: '2026-04-27', decidedOn: '2026-05-08', status: 'approved' }, // 6: Apr 28..30, May 6..8
  ]),
  /* P5 */ penaltyRecord(B, I3, 'published', IN, [
    { appliedOn: '2026-06-22', decidedOn: '2026-07-03', status: 'rejected' }, // decided after the range
  ]),
  /* P6 */ penaltyRecord(B, L4, 'published', IN, [
    { appliedOn: '2026-01-05', decidedOn: '2026-01-19', status: 'rejected' }, // 10: Jan 6..9, 12..16, 19
  ]),
  /* P7 */ penaltyRecord(A, I2, 'expired', IN, [{ appliedOn: '2026-02-02', status: 'lapsed' }]),
  /* P8 */ penaltyRecord(A, L1, 'repaired', '2025-05-01T02:00:00Z', [
    { appliedOn: '2026-06-01', decidedOn: '2026-06-30', status: 'approved' }, // 20: 21 weekdays Jun 2..30 less Jun 19 (端午)
  ]),
  /* P9 */ penaltyRecord(B, I4, 'repair_eligible', IN, []),
];

beforeAll(async () => {
  await ctx.database.db
    .insert(enterprises)
    .values([
      ...L.map((id, i) => ({ id, name: `Legal person ${i + 1}`, kind: 'legal_person' as const, createdBy: 'test' })),
      ...I.map((id, i) => ({ id, name: `Individual ${i + 1}`, kind: 'individual' as const, createdBy: 'test' })),
    ]);
  await ctx.database.db.insert(processes).values(FIXTURE);
});

const stats = async (claims: Parameters<typeof ctx.api.token>[0], query: string) =>
  ctx.api.call('GET', `/api/v1/stats?${query}`, { token: await ctx.api.token(claims) });

describe('GET /stats', () => {
  it('counts every agency for oversight roles, exactly as computed by hand', async () => {
    expect(FIXTURE).toHaveLength(30);

    // When an auditor asks for the first half of 2026
    const res = await stats({ sub: 'auditor-stats', role: 'auditor' }, RANGE);

    // Then
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      from: '2026-01-01',
      to: '2026-06-30',
      agency: null,
      byProcess: {
        // O1..O6 and O9 opened in range (O7 a second before it, O8 in 2025)
        observation_period: { total: 7, byStatus: { passed: 3, escalated: 1, active: 1, declined: 1, terminated: 1 } },
        // R1..R12 less R5 (a second before the range) and R9 (a second after it)
        rectification: {
          total: 10,
          byStatus: { closed: 5, awaiting_evidence: 1, follow_up: 1, overdue: 1, escalated: 1, awaiting_commitment: 1 },
        },
        // P1..P9 less P2 and P8, opened in 2025
        penalty_record: {
          total: 7,
          byStatus: { repaired: 2, under_review: 1, published: 2, expired: 1, repair_eligible: 1 },
        },
      },
      // R1, R2, R3, R6, R7, R11
      noPenaltyCases: 6,
      // L1 (R1, R3), L3 (R6, O1); I1 (R2, R11), I3 (R7), I4 (O2, O5)
      beneficiaries: { legalPersons: 2, individuals: 3 },
      // 5000 + 2000 + 3000 + 4000 + 1500 + 2500
      finesWaived: 18000,
      // Accepted: R1, R2, R4, R6, R7, R12; on time: R1, R4, R6, R7
      onTimeRectificationRate: { rate: 4 / 6, onTime: 4, accepted: 6 },
      // P1 5, P4 6, P2 7, P6 10, P8 20 (decided in range, whenever the record was opened)
      medianRepairDecisionWorkingDays: 7,
    });
  });

  it("limits an officer to their own agency's figures", async () => {
    // When an officer of agency B asks
    const res = await stats({ sub: 'officer-b', role: 'officer', agency: B }, RANGE);

    // Then only B's processes count
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      from: '2026-01-01',
      to: '2026-06-30',
      agency: B,
      byProcess: {
        // O5, O6, O9
        observation_period: { total: 3, byStatus: { passed: 1, declined: 1, terminated: 1 } },
        // R6, R7, R8, R12
        rectification: { total: 4, byStatus: { closed: 2, follow_up: 1, overdue: 1 } },
        // P4, P5, P6, P9
        penalty_record: { total: 4, byStatus: { repaired: 1, published: 2, repair_eligible: 1 } },
      },
      // R6, R7
      noPenaltyCases: 2,
      // L3 (R6); I3 (R7), I4 (O5)
      beneficiaries: { legalPersons: 1, individuals: 2 },
      // 4000 + 1500
      finesWaived: 5500,
      // Accepted: R6, R7, R12; on time: R6, R7
      onTimeRectificationRate: { rate: 2 / 3, onTime: 2, accepted: 3 },
      // P4 6, P6 10: the mean of the middle two
      medianRepairDecisionWorkingDays: 8,
    });
  });

  it('reports no rate and no median for a range without accepted evidence or decisions', async () => {
    const res = await stats({ sub: 'admin-stats', role: 'admin' }, 'from=2024-01-01&to=2024-12-31');

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.noPenaltyCases).toBe(0);
    expect(res.body.byProcess.rectification).toEqual({ total: 0, byStatus: {} });
    expect(res.body.onTimeRectificationRate).toEqual({ rate: null, onTime: 0, accepted: 0 });
    expect(res.body.medianRepairDecisionWorkingDays).toBeNull();
  });

  it('defaults to the last 365 days, today included', async () => {
    const res = await stats({ sub: 'credit-stats', role: 'credit_staff' }, '');

    const today = todayInShanghai(new Date(await ctx.env.currentTimeMs()));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ from: addDays(today, -364), to: today });
  });

  it('refuses a business with 403', async () => {
    const res = await stats({ sub: 'biz', role: 'business', enterpriseId: L1 }, RANGE);

    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('refuses only one end of a range or a malformed day with 400, and a range that ends before it starts with 422', async () => {
    const auditor = { sub: 'auditor-stats', role: 'auditor' } as const;

    const reversed = await stats(auditor, 'from=2026-06-30&to=2026-01-01');
    const half = await stats(auditor, 'from=2026-01-01');
    const malformed = await stats(auditor, 'from=2026-02-30&to=2026-03-01');

    expect([reversed, half, malformed].map((r) => [r.status, r.body.error.code])).toEqual([
      [422, 'INVALID_RANGE'],
      [400, 'VALIDATION_FAILED'],
      [400, 'VALIDATION_FAILED'],
    ]);
    expect(reversed.body.error.details).toEqual([{ from: '2026-06-30', to: '2026-01-01' }]);
  });
});
