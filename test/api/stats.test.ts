// GET /stats and /stats.csv over a read model filled directly with the fixture of
// test/support/statsFixture.ts (R1..R24, O1..O10, P1..P7: read it beside this file), each figure
// computed by hand in the comments. Range: 2026-03-01..2026-05-31 (Asia/Shanghai).
import { beforeAll, describe, expect, it } from 'vitest';
import { enterprises, followUpVisits, processes } from '../../db/schema';
import { addDays, todayInShanghai } from '../../domain';
import { useApi } from '../support/context';
import { parseCsv } from '../support/csv';
import { A, B, FIXTURE, FOLLOW_UPS, I1, I2, I3, I4, L1, L2, L3, L4, RANGE } from '../support/statsFixture';

const ctx = useApi();

beforeAll(async () => {
  await ctx.database.db.insert(enterprises).values([
    ...[L1, L2, L3, L4].map((id, i) => ({
      id,
      name: `Legal person ${i + 1}`,
      kind: 'legal_person' as const,
      createdBy: 'test',
    })),
    ...[I1, I2, I3, I4].map((id, i) => ({
      id,
      name: `Individual ${i + 1}`,
      kind: 'individual' as const,
      createdBy: 'test',
    })),
  ]);
  await ctx.database.db.insert(processes).values(FIXTURE);
  await ctx.database.db.insert(followUpVisits).values(FOLLOW_UPS);
});

const stats = async (claims: Parameters<typeof ctx.api.token>[0], query: string, path = '/stats') =>
  ctx.api.call('GET', `/api/v1${path}?${query}`, { token: await ctx.api.token(claims) });
const auditor = { sub: 'auditor-stats', role: 'auditor' } as const;

// Agency A's figures: R1..R10, R22, R24; O1..O4; P1, P5, P7 (and P2's decision).
const AGENCY_A = {
  byProcess: {
    observation_period: { total: 4, byStatus: { passed: 2, escalated: 1, declined: 1 } },
    rectification: {
      total: 12,
      byStatus: { closed: 5, awaiting_commitment: 1, follow_up: 3, awaiting_evidence: 2, escalated: 1 },
    },
    penalty_record: { total: 3, byStatus: { repaired: 1, under_review: 1, expired: 1 } },
    // S1, S2 (S5 a second before the range)
    offset: { total: 2, byStatus: { completed: 1, lapsed: 1 } },
  },
  // R1, R7, R9, R22 (no penalty), R2, R24 (first violation), R3 (statutory)
  noPenaltyCases: 7,
  // lighter R4, R8; mitigated R5, R10; no coercion R4, R6, R9, R24; every one of the 12 has one of them
  twoLightOneExempt: { noPenalty: 7, lighter: 2, mitigated: 2, noCoercion: 4, cases: 12 },
  // no penalty: L1 (R1), L2 (R9, R3); I1 (R7, R2), I4 (R22), I3 (R24)
  beneficiaries: { legalPersons: 2, individuals: 3 },
  // O1 L3, O2 I2
  observationPeriodsPassed: { cases: 2, legalPersons: 1, individuals: 1 },
  // 0 + 1,000 + 0 + 300 + 200,000 + 200,000 + 500; estimated R1, R2, R9, R24
  // offset: S1 200 in full, S2 142.71 pro rata
  finesWaived: { yuan: 401_800, cases: 7, estimated: 4, offset: { yuan: 342.71, cases: 2 }, totalYuan: 402_142.71 },
  // accepted R1, R2, R4, R6, R7, R10, R24; on time R1, R4, R7, R10, R24
  onTimeRectificationRate: { rate: 5 / 7, onTime: 5, accepted: 7 },
  // visits in the range: S1 satisfied, P1 neutral (R1's was after it)
  followUpOpinions: { visits: 2, satisfied: 1, neutral: 1, dissatisfied: 0 },
  // P1 5, P2 9
  medianRepairDecisionWorkingDays: 7,
};

// Agency B's: R11..R19, R23; O5..O8, O10; P3, P4, P6.
const AGENCY_B = {
  byProcess: {
    observation_period: { total: 5, byStatus: { passed: 3, terminated: 1, active: 1 } },
    rectification: {
      total: 10,
      byStatus: { closed: 4, awaiting_commitment: 1, overdue: 1, under_review: 1, escalated: 1, awaiting_evidence: 2 },
    },
    penalty_record: { total: 3, byStatus: { repaired: 1, published: 2 } },
    offset: { total: 2, byStatus: { lapsed: 1, declined: 1 } },
  },
  // R11, R17 (no penalty), R12 (first violation), R14 (statutory)
  noPenaltyCases: 4,
  // lighter R15, R19; mitigated R16; no coercion R16, R17; order_only R13, R18, R23 have none
  twoLightOneExempt: { noPenalty: 4, lighter: 2, mitigated: 1, noCoercion: 2, cases: 7 },
  // L3 (R11), L2 (R17); I4 (R12), I2 (R14)
  beneficiaries: { legalPersons: 2, individuals: 2 },
  // O5 and O7 both I4, O10 I3
  observationPeriodsPassed: { cases: 3, legalPersons: 0, individuals: 2 },
  // 150,000 + 20 + 20 + 0; estimated R12, R14, R17
  // S3 lapsed with nothing offset, S4 declined
  finesWaived: { yuan: 150_040, cases: 4, estimated: 3, offset: { yuan: 0, cases: 0 }, totalYuan: 150_040 },
  // accepted R11, R14, R15, R17; on time R11, R14, R15
  onTimeRectificationRate: { rate: 3 / 4, onTime: 3, accepted: 4 },
  // R11 dissatisfied; O5 not visited
  followUpOpinions: { visits: 1, satisfied: 0, neutral: 0, dissatisfied: 1 },
  // P3 6, P4 10
  medianRepairDecisionWorkingDays: 8,
};

describe('GET /stats', () => {
  it('totals every agency for oversight roles, exactly as computed by hand', async () => {
    expect(FIXTURE).toHaveLength(46);

    const res = await stats(auditor, RANGE);

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      from: '2026-03-01',
      to: '2026-05-31',
      agency: null,
      area: null,
      groupBy: null,
      byProcess: {
        // O1..O8 and O10 (O9 a second before the range)
        observation_period: { total: 9, byStatus: { passed: 5, escalated: 1, declined: 1, terminated: 1, active: 1 } },
        // R1..R24 less R20 (a second before) and R21 (a second after)
        rectification: {
          total: 22,
          byStatus: {
            closed: 9,
            awaiting_commitment: 2,
            follow_up: 3,
            awaiting_evidence: 4,
            escalated: 2,
            overdue: 1,
            under_review: 1,
          },
        },
        // P1, P3..P7 (P2 opened in 2025)
        penalty_record: { total: 6, byStatus: { repaired: 2, published: 2, under_review: 1, expired: 1 } },
        offset: { total: 4, byStatus: { completed: 1, lapsed: 2, declined: 1 } },
      },
      noPenaltyCases: 11,
      // R6 (order_only) counts only by its waived coercion
      twoLightOneExempt: { noPenalty: 11, lighter: 4, mitigated: 3, noCoercion: 6, cases: 19 },
      // L1, L2, L3; I1, I2, I3, I4 (L2 benefits in both agencies, counted once)
      beneficiaries: { legalPersons: 3, individuals: 4 },
      // apart from the no-penalty cases: O1, O2, O5, O7, O10; L3; I2, I4, I3
      observationPeriodsPassed: { cases: 5, legalPersons: 1, individuals: 3 },
      finesWaived: {
        yuan: 551_840,
        cases: 11,
        estimated: 7,
        offset: { yuan: 342.71, cases: 2 },
        totalYuan: 552_182.71,
      },
      onTimeRectificationRate: { rate: 8 / 11, onTime: 8, accepted: 11 },
      followUpOpinions: { visits: 3, satisfied: 1, neutral: 1, dissatisfied: 1 },
      // 5, 6, 9, 10: the mean of the middle two
      medianRepairDecisionWorkingDays: 7.5,
    });
  });

  it('groups by agency, each group as computed by hand', async () => {
    const res = await stats(auditor, `${RANGE}&groupBy=agency`);

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.groupBy).toBe('agency');
    expect(res.body.groups).toEqual([
      { key: A, ...AGENCY_A },
      { key: B, ...AGENCY_B },
    ]);
  });

  it('groups by month of opening in Shanghai (repairs by month of decision)', async () => {
    const res = await stats(auditor, `${RANGE}&groupBy=month`);

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.groups.map((g: { key: string }) => g.key)).toEqual(['2026-03', '2026-04', '2026-05']);
    const [mar, apr, may] = res.body.groups;
    // March: R1, R2, R3, R4, R11 (its first second), R12, R13, R22; O1, O5, O10; P1
    expect(mar).toMatchObject({
      byProcess: { rectification: { total: 8 }, observation_period: { total: 3 }, penalty_record: { total: 1 } },
      twoLightOneExempt: { noPenalty: 6, lighter: 1, mitigated: 0, noCoercion: 1, cases: 7 },
      beneficiaries: { legalPersons: 3, individuals: 2 },
      observationPeriodsPassed: { cases: 3, legalPersons: 1, individuals: 2 },
      finesWaived: { yuan: 350_820, cases: 6, estimated: 3 },
      onTimeRectificationRate: { onTime: 3, accepted: 4 },
      medianRepairDecisionWorkingDays: 5,
    });
    // April: R5, R6, R7 (16:30 UTC on March 31st), R14, R15, R16, R23; O2, O3, O6; P3, P5; P2 decided
    expect(apr).toMatchObject({
      byProcess: { rectification: { total: 7 }, observation_period: { total: 3 }, penalty_record: { total: 2 } },
      twoLightOneExempt: { noPenalty: 2, lighter: 1, mitigated: 2, noCoercion: 2, cases: 6 },
      beneficiaries: { legalPersons: 0, individuals: 2 },
      observationPeriodsPassed: { cases: 1, legalPersons: 0, individuals: 1 },
      finesWaived: { yuan: 1_000, cases: 2, estimated: 1 },
      onTimeRectificationRate: { onTime: 3, accepted: 4 },
      medianRepairDecisionWorkingDays: 9,
    });
    // May: R8, R9, R10 (its last second), R17, R18, R19, R24; O4, O7, O8; P4, P6, P7; P3 and P4 decided
    expect(may).toMatchObject({
      byProcess: { rectification: { total: 7 }, observation_period: { total: 3 }, penalty_record: { total: 3 } },
      twoLightOneExempt: { noPenalty: 3, lighter: 2, mitigated: 1, noCoercion: 3, cases: 6 },
      beneficiaries: { legalPersons: 1, individuals: 1 },
      observationPeriodsPassed: { cases: 1, legalPersons: 0, individuals: 1 },
      finesWaived: { yuan: 200_020, cases: 3, estimated: 3 },
      onTimeRectificationRate: { onTime: 2, accepted: 3 },
      medianRepairDecisionWorkingDays: 8,
    });
  });

  it('groups by area through the catalog, the cases without a matter last', async () => {
    const res = await stats(auditor, `${RANGE}&groupBy=area`);

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.groups.map((g: { key: string | null }) => g.key)).toEqual([
      'culture_tourism',
      'market_supervision',
      'transport',
      'urban_management',
      null,
    ]);
    const of = (key: string | null) => res.body.groups.find((g: { key: string | null }) => g.key === key);
    // R8, R15, R23; P7
    expect(of('culture_tourism')).toMatchObject({ byProcess: { rectification: { total: 3 } }, noPenaltyCases: 0 });
    // R1, R2, R5, R6, R9, R11, R14, R16, R19, R22, R24; all nine periods; P1, P5; P1's and P2's decisions
    expect(of('market_supervision')).toMatchObject({
      byProcess: { rectification: { total: 11 }, observation_period: { total: 9 }, penalty_record: { total: 2 } },
      noPenaltyCases: 7,
      finesWaived: { yuan: 550_300, cases: 7, estimated: 5 },
      medianRepairDecisionWorkingDays: 7,
    });
    // R3, R7, R12, R17; P3
    expect(of('transport')).toMatchObject({
      noPenaltyCases: 4,
      finesWaived: { yuan: 1_540 },
      medianRepairDecisionWorkingDays: 6,
    });
    // P4, entered without a matter
    expect(of(null)).toMatchObject({
      byProcess: { penalty_record: { total: 1 } },
      medianRepairDecisionWorkingDays: 10,
    });
  });

  it('groups by matter', async () => {
    const res = await stats(auditor, `${RANGE}&groupBy=matter`);

    const of = (key: string) => res.body.groups.find((g: { key: string }) => g.key === key);
    // R3, R7, R12, R17 and P3
    expect(of('TR-001')).toMatchObject({ byProcess: { rectification: { total: 4 }, penalty_record: { total: 1 } } });
    // O1, O2, O4, O6, O7, O10
    expect(of('MS-005')).toMatchObject({
      byProcess: { observation_period: { total: 6 } },
      observationPeriodsPassed: { cases: 4 },
    });
  });

  it('filters by area', async () => {
    const res = await stats(auditor, `${RANGE}&area=transport`);

    // R3, R7, R12, R17: L2 twice, I1, I4; fines 500 + 1,000 + 20 + 20, R12 and R17 estimated; P3's decision
    expect(res.body).toMatchObject({
      area: 'transport',
      noPenaltyCases: 4,
      beneficiaries: { legalPersons: 1, individuals: 2 },
      finesWaived: { yuan: 1_540, cases: 4, estimated: 2 },
      observationPeriodsPassed: { cases: 0 },
      medianRepairDecisionWorkingDays: 6,
    });
  });

  it("limits an officer to their own agency's figures, and refuses another agency's with 403", async () => {
    const officerB = { sub: 'officer-b', role: 'officer', agency: B } as const;

    const own = await stats(officerB, RANGE);
    const named = await stats(officerB, `${RANGE}&agency=${B}`);
    const foreign = await stats(officerB, `${RANGE}&agency=${A}`);
    const filtered = await stats(auditor, `${RANGE}&agency=${A}`);

    expect(own.body).toEqual({
      from: '2026-03-01',
      to: '2026-05-31',
      agency: B,
      area: null,
      groupBy: null,
      ...AGENCY_B,
    });
    expect(named.body).toEqual(own.body);
    expect(foreign).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(filtered.body).toMatchObject({ agency: A, ...AGENCY_A });
  });

  it('reports no rate and no median for a range without accepted evidence or decisions', async () => {
    const res = await stats({ sub: 'admin-stats', role: 'admin' }, 'from=2024-01-01&to=2024-12-31&groupBy=month');

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ noPenaltyCases: 0, groups: [] });
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

  it('refuses only one end of a range, a malformed day or an unknown grouping with 400, and a range that ends before it starts with 422', async () => {
    const reversed = await stats(auditor, 'from=2026-06-30&to=2026-01-01');
    const half = await stats(auditor, 'from=2026-01-01');
    const malformed = await stats(auditor, 'from=2026-02-30&to=2026-03-01');
    const grouping = await stats(auditor, `${RANGE}&groupBy=week`);

    expect([reversed, half, malformed, grouping].map((r) => [r.status, r.body.error.code])).toEqual([
      [422, 'INVALID_RANGE'],
      [400, 'VALIDATION_FAILED'],
      [400, 'VALIDATION_FAILED'],
      [400, 'VALIDATION_FAILED'],
    ]);
    expect(reversed.body.error.details).toEqual([{ from: '2026-06-30', to: '2026-01-01' }]);
  });
});

describe('GET /stats.csv', () => {
  it('gives the same figures as a table: a row per group and the total, Chinese headers, for Excel', async () => {
    const res = await stats(auditor, `${RANGE}&groupBy=agency`, '/stats.csv');

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = parseCsv(res.body as string);
    expect(header?.slice(0, 5)).toEqual([
      '执法机关',
      '观察期（件）',
      '责令整改（件）',
      '处罚信息（件）',
      '不予处罚（件）',
    ]);
    expect(rows.map((r) => r[0])).toEqual([A, B, '合计']);
    const column = (name: string) => rows.map((r) => r[header!.indexOf(name)]);
    expect(column('不予处罚（件）')).toEqual(['7', '4', '11']);
    expect(column('两轻一免合计（件）')).toEqual(['12', '7', '19']);
    expect(column('免罚金额（元）')).toEqual(['401800', '150040', '551840']);
    expect(column('其中按裁量基准估算（件）')).toEqual(['4', '3', '7']);
    expect(column('公益抵罚（件）')).toEqual(['2', '2', '4']);
    expect(column('公益抵罚抵扣金额（元）')).toEqual(['342.71', '0', '342.71']);
    expect(column('回访不满意（次）')).toEqual(['0', '1', '1']);
    expect(column('信用修复决定用时中位数（工作日）')).toEqual(['7', '8', '7.5']);
  });
});
