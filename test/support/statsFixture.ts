// The statistics fixture (test/api/stats.test.ts): 46 hand-laid cases of two agencies over three
// months (March to May 2026) and every disposition, some opened just outside the range. The test
// file computes every figure from these by hand. Declared data.
import { randomUUID } from 'node:crypto';
import type { followUpVisits, processes } from '../../db/schema';
import { makeUscc } from './fixtures';
import type { ProcessType } from '../../domain';

export const A = 'STATS-A';
export const B = 'STATS-B';
export const RANGE = 'from=2026-03-01&to=2026-05-31';

// Legal persons L1..L4 and individual businesses I1..I4.
export const [L1, L2, L3, L4] = [5001, 5002, 5003, 5004].map(makeUscc) as [string, string, string, string];
export const [I1, I2, I3, I4] = [5101, 5102, 5103, 5104].map(makeUscc) as [string, string, string, string];

const MAR = '2026-03-15T02:00:00Z';
const APR = '2026-04-15T02:00:00Z';
const MAY = '2026-05-15T02:00:00Z';
// The range's edges in Shanghai: 2026-03-01 00:00 +08:00 is in, a second before it is out;
// 2026-05-31 23:59:59 +08:00 is in, a second after it is out. 2026-03-31 16:30 UTC is already
// April 1st in Shanghai: it counts in April.
const FIRST = '2026-02-28T16:00:00Z';
const BEFORE = '2026-02-28T15:59:59Z';
const LAST = '2026-05-31T15:59:59Z';
const AFTER = '2026-05-31T16:00:00Z';
const APRIL_IN_SHANGHAI = '2026-03-31T16:30:00Z';

type ProcessRow = typeof processes.$inferInsert;

function process(
  processType: ProcessRow['processType'],
  [agency, enterpriseId, openedAt, matterCode]: [string, string, string, string | null],
  status: string,
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
    matterCode,
    status,
    version: 1,
    view: { id, enterpriseId, agency, status, ...view },
    openedAt: new Date(openedAt),
    updatedAt: new Date(openedAt),
  };
}

interface Terms {
  fine?: number;
  estimated?: boolean;
  noCoercion?: boolean;
  onTime?: boolean;
}
const R = (where: [string, string, string, string], status: string, disposition: string, t: Terms = {}) =>
  process('rectification', where, status, {
    disposition,
    waivedFine: t.fine ?? 0,
    ...(t.estimated ? { waivedFineEstimated: true } : {}),
    ...(t.noCoercion ? { noCoercion: true } : {}),
    ...(t.onTime === undefined ? {} : { correctedOnTime: t.onTime }),
  });
const O = (where: [string, string, string, string], status: string) => process('observation_period', where, status);
const P = (where: [string, string, string, string | null], status: string, applications: object[] = []) =>
  process('penalty_record', where, status, { applications: applications.map((a) => ({ id: randomUUID(), ...a })) });

const S = (where: [string, string, string, string], status: string, fine: number, offset: number) =>
  process('offset', where, status, {
    fine,
    ...(status === 'in_service' || status === 'offered'
      ? {}
      : { outcome: { offset, remainingFine: (Math.round(fine * 100) - Math.round(offset * 100)) / 100 } }),
  });

// MS-* market_supervision, TR-001 transport, UM-001 urban_management, CT-001 culture_tourism.
export const FIXTURE: ProcessRow[] = [
  /* R1  */ R([A, L1, MAR, 'MS-001'], 'closed', 'no_penalty', { fine: 0, estimated: true, onTime: true }),
  /* R2  */ R([A, I1, MAR, 'MS-002'], 'closed', 'first_violation_no_penalty', {
    fine: 200_000,
    estimated: true,
    onTime: false,
  }),
  /* R3  */ R([A, L2, MAR, 'TR-001'], 'awaiting_commitment', 'statutory_no_penalty', { fine: 500 }),
  /* R4  */ R([A, I2, MAR, 'UM-001'], 'follow_up', 'lighter_penalty', { noCoercion: true, onTime: true }),
  /* R5  */ R([A, L1, APR, 'MS-002'], 'awaiting_evidence', 'mitigated_penalty'),
  /* R6  */ R([A, L3, APR, 'MS-001'], 'closed', 'order_only', { noCoercion: true, onTime: false }),
  /* R7  */ R([A, I1, APRIL_IN_SHANGHAI, 'TR-001'], 'closed', 'no_penalty', { fine: 1_000, onTime: true }),
  /* R8  */ R([A, I3, MAY, 'CT-001'], 'escalated', 'lighter_penalty'),
  /* R9  */ R([A, L2, MAY, 'MS-001'], 'awaiting_evidence', 'no_penalty', {
    fine: 0,
    estimated: true,
    noCoercion: true,
  }),
  /* R10 */ R([A, L4, LAST, 'UM-001'], 'follow_up', 'mitigated_penalty', { onTime: true }),
  /* R11 */ R([B, L3, FIRST, 'MS-002'], 'closed', 'no_penalty', { fine: 150_000, onTime: true }),
  /* R12 */ R([B, I4, MAR, 'TR-001'], 'awaiting_commitment', 'first_violation_no_penalty', {
    fine: 20,
    estimated: true,
  }),
  /* R13 */ R([B, L4, MAR, 'UM-001'], 'overdue', 'order_only'),
  /* R14 */ R([B, I2, APR, 'MS-001'], 'closed', 'statutory_no_penalty', { fine: 0, estimated: true, onTime: true }),
  /* R15 */ R([B, L1, APR, 'CT-001'], 'closed', 'lighter_penalty', { onTime: true }),
  /* R16 */ R([B, I3, APR, 'MS-002'], 'under_review', 'mitigated_penalty', { noCoercion: true }),
  /* R17 */ R([B, L2, MAY, 'TR-001'], 'closed', 'no_penalty', {
    fine: 20,
    estimated: true,
    noCoercion: true,
    onTime: false,
  }),
  /* R18 */ R([B, I4, MAY, 'UM-001'], 'escalated', 'order_only'),
  /* R19 */ R([B, L3, MAY, 'MS-001'], 'awaiting_evidence', 'lighter_penalty'),
  /* R20 */ R([A, L1, BEFORE, 'MS-001'], 'closed', 'no_penalty', { fine: 0, estimated: true, onTime: true }),
  /* R21 */ R([B, I1, AFTER, 'MS-002'], 'closed', 'no_penalty', { fine: 200_000, estimated: true }),
  // An order from before estimates were marked: its fine counts, as given.
  /* R22 */ R([A, I4, MAR, 'MS-001'], 'closed', 'no_penalty', { fine: 300 }),
  /* R23 */ R([B, L4, APR, 'CT-001'], 'awaiting_evidence', 'order_only'),
  /* R24 */ R([A, I3, MAY, 'MS-002'], 'follow_up', 'first_violation_no_penalty', {
    fine: 200_000,
    estimated: true,
    noCoercion: true,
    onTime: true,
  }),
  /* O1  */ O([A, L3, MAR, 'MS-005'], 'passed'),
  /* O2  */ O([A, I2, APR, 'MS-005'], 'passed'),
  /* O3  */ O([A, L4, APR, 'MS-007'], 'escalated'),
  /* O4  */ O([A, I1, MAY, 'MS-005'], 'declined'),
  /* O5  */ O([B, I4, MAR, 'MS-007'], 'passed'),
  /* O6  */ O([B, L2, APR, 'MS-005'], 'terminated'),
  /* O7  */ O([B, I4, MAY, 'MS-005'], 'passed'),
  /* O8  */ O([B, L1, MAY, 'MS-007'], 'active'),
  /* O9  */ O([A, L2, BEFORE, 'MS-005'], 'passed'),
  /* O10 */ O([B, I3, MAR, 'MS-005'], 'passed'),
  // Penalty records, with working days from application to decision (China's calendar)
  /* P1 */ P([A, L1, MAR, 'MS-001'], 'repaired', [
    { appliedOn: '2026-03-02', decidedOn: '2026-03-09', status: 'approved' },
  ]), // 5: Mar 3..6, 9
  /* P2 */ P([A, I1, '2025-10-15T02:00:00Z', 'MS-002'], 'published', [
    { appliedOn: '2026-04-01', decidedOn: '2026-04-15', status: 'rejected' }, // 9: Apr 2, 3, (清明 4-6), 7..10, 13..15
  ]),
  /* P3 */ P([B, L3, APR, 'TR-001'], 'repaired', [
    { appliedOn: '2026-04-27', decidedOn: '2026-05-08', status: 'approved' },
  ]), // 6: Apr 28..30, May 6..8
  /* P4 */ P([B, I3, MAY, null], 'published', [
    { appliedOn: '2026-05-11', decidedOn: '2026-05-25', status: 'rejected' },
  ]), // 10
  /* P5 */ P([A, L2, APR, 'MS-001'], 'under_review', [{ appliedOn: '2026-04-10', status: 'accepted' }]), // undecided
  /* P6 */ P([B, L4, MAY, 'UM-001'], 'published', [
    { appliedOn: '2026-05-20', decidedOn: '2026-06-03', status: 'rejected' },
  ]), // decided after the range
  /* P7 */ P([A, I2, MAY, 'CT-001'], 'expired'),
  // Public-interest service (公益抵罚) with the yuan each offset
  /* S1 */ S([A, L1, MAR, 'TR-001'], 'completed', 200, 200),
  /* S2 */ S([A, I1, APR, 'TR-002'], 'lapsed', 333, 142.71),
  /* S3 */ S([B, L2, MAY, 'TR-001'], 'lapsed', 150, 0),
  /* S4 */ S([B, I2, MAY, 'TR-003'], 'declined', 200, 0),
  /* S5 */ S([A, L3, BEFORE, 'TR-001'], 'completed', 100, 100),
];

/** Follow-up visits (回访) of fixture cases: counted by the day of the visit, within the range or not. */
const visit = (
  c: ProcessRow,
  decision: string,
  dueOn: string,
  visitedOn: string | null,
  opinion: 'satisfied' | 'neutral' | 'dissatisfied' | null,
): typeof followUpVisits.$inferInsert => ({
  key: `${c.id}:visit`,
  processType: c.processType as ProcessType,
  processId: c.id,
  enterpriseId: c.enterpriseId,
  agency: c.agency ?? null,
  decision,
  decidedOn: '2026-03-01',
  dueOn,
  visitedOn,
  corrected: visitedOn === null ? null : true,
  opinion,
});
const [R1, R11, O5, P1, S1] = [0, 10, 28, 34, 41].map((i) => FIXTURE[i]!) as [
  ProcessRow,
  ProcessRow,
  ProcessRow,
  ProcessRow,
  ProcessRow,
];
export const FOLLOW_UPS = [
  /* S1 */ visit(S1, 'offset_completed', '2026-04-15', '2026-04-20', 'satisfied'),
  /* P1 */ visit(P1, 'penalty_record', '2026-04-14', '2026-04-10', 'neutral'),
  /* R1 */ visit(R1, 'rectification_accepted', '2026-05-30', '2026-06-05', 'satisfied'), // after the range
  /* R11 */ visit(R11, 'rectification_accepted', '2026-03-31', '2026-03-20', 'dissatisfied'),
  /* O5 */ visit(O5, 'observation_passed', '2026-05-01', null, null), // not visited
];
