// What a penalty record tells the business and credit staff, and writes into the credit file and
// the sync ledger, at each turn: the changes its steps and timers record, apart from the logic that
// decides when they happen.
import {
  platformSyncs,
  REQUIRED_REPAIR_MATERIALS,
  type CalendarDate,
  type DocumentDraft,
  type Policy,
} from '../../domain';
import type { HumanStep } from '../humanStep';
import { noticeToAssignee, SYSTEM, today, type Change, type Recorded } from '../kit/recording';
import type { Actor, RepairApplication, Revocation } from '../messages';
import type { PenaltyRecordState } from './state';

const CREDIT_REPAIR_BASIS =
  '《失信行为纠正后的信用信息修复管理办法（试行）》；《国务院办公厅关于进一步完善信用修复制度的通知》（国办发〔2025〕22号）';

/** 信用修复告知书: served with the decision (两书同达), and again when the record becomes repairable (主动告知). */
function repairNoticeDocument(state: PenaltyRecordState, eligibleNow: boolean): DocumentDraft {
  const { entry, timeline } = state;
  return {
    kind: 'repair_notice',
    facts: `行政处罚决定书${entry.decisionNo}（${entry.decidedOn}作出）的行政处罚信息依法公示。`,
    legalBasis: CREDIT_REPAIR_BASIS,
    decision: eligibleNow
      ? '该行政处罚信息的最短公示期已届满，你（单位）现在可以申请信用修复。'
      : '该行政处罚信息公示期满最短期限后，你（单位）可以申请信用修复。',
    deadlines: [
      ...(timeline.repairEligibleFrom ? [{ label: '可申请信用修复之日', date: timeline.repairEligibleFrom }] : []),
      ...(timeline.maxUntil ? [{ label: '最长公示期届满', date: timeline.maxUntil }] : []),
    ],
  };
}

/** 信用修复决定书: a repair application approved or rejected. */
export function repairDecisionDocument(
  state: PenaltyRecordState,
  approved: boolean,
  reasons: string,
  on: CalendarDate,
): DocumentDraft {
  return {
    kind: 'repair_decision',
    facts: `你（单位）申请对行政处罚决定书${state.entry.decisionNo}的行政处罚信息进行信用修复。`,
    legalBasis: CREDIT_REPAIR_BASIS,
    decision: approved
      ? `准予信用修复，自决定之日起停止公示该行政处罚信息，并同步至相关信用信息平台。理由：${reasons}`
      : `不予信用修复。理由：${reasons}`,
    deadlines: [{ label: '决定日期', date: on }],
  };
}

/** The proactive notice (主动告知): the enterprise may apply now, and what to bring. Given once. */
export function eligibilityNotice(state: PenaltyRecordState): Pick<Change, 'notify' | 'creditFile' | 'documents'> {
  if (state.eligibilityNoticeOn) return {};
  const { entry, timeline } = state;
  const on = today();
  state.eligibilityNoticeOn = on;
  return {
    documents: [repairNoticeDocument(state, true)],
    notify: [
      {
        recipientRole: 'business',
        kind: 'repair_eligible',
        message:
          `From ${timeline.repairEligibleFrom} you may apply for credit repair of penalty decision ${entry.decisionNo}. ` +
          'Bring a signed credit commitment letter, proof that the penalty was fulfilled and proof that the conduct was corrected.',
        payload: {
          decisionNo: entry.decisionNo,
          repairEligibleFrom: timeline.repairEligibleFrom,
          noticeOn: on,
          materials: [...REQUIRED_REPAIR_MATERIALS],
        },
      },
    ],
    creditFile: [
      {
        occurredOn: on,
        kind: 'penalty_record_repair_eligible',
        summary: `Penalty decision ${entry.decisionNo} may be repaired from ${timeline.repairEligibleFrom}; the enterprise was told`,
        details: { decisionNo: entry.decisionNo, repairEligibleFrom: timeline.repairEligibleFrom },
      },
    ],
  };
}

const publicationExpired = ({ entry, timeline }: PenaltyRecordState) => ({
  occurredOn: timeline.maxUntil!,
  kind: 'penalty_publication_expired',
  summary: `Penalty decision ${entry.decisionNo}: the maximum publication period ended; no longer published`,
  details: { decisionNo: entry.decisionNo, maxUntil: timeline.maxUntil },
});

/** The record entered: its publication, and the notice at once if it is already repairable. */
export function entered(
  state: PenaltyRecordState,
  eligibleNow: Pick<Change, 'notify' | 'creditFile' | 'documents'>,
): Recorded {
  const { entry, timeline } = state;
  const shown = timeline.published
    ? `published from ${timeline.from}, repairable from ${timeline.minUntil}, at most until ${timeline.maxUntil}`
    : 'not published';
  return {
    actor: entry.enteredBy,
    action: 'penalty_record.entered',
    reason: `Penalty decision ${entry.decisionNo}`,
    creditFile: [
      {
        occurredOn: entry.decidedOn,
        kind: 'penalty_record',
        summary: `Penalty decision ${entry.decisionNo} (${timeline.category}): ${shown}`,
        details: {
          decisionNo: entry.decisionNo,
          category: timeline.category,
          ruleSet: timeline.ruleSet,
          from: timeline.from,
          minUntil: timeline.minUntil,
          maxUntil: timeline.maxUntil,
        },
      },
      ...(eligibleNow.creditFile ?? []),
      ...(state.status === 'expired' ? [publicationExpired(state)] : []),
    ],
    // Served with the decision (两书同达); one already repairable gets the eligibility notice instead.
    documents: eligibleNow.documents ?? (state.status === 'published' ? [repairNoticeDocument(state, false)] : []),
    notify: eligibleNow.notify ?? [],
  };
}

/** A notice to the business about its application. */
export const toApplicant = (app: RepairApplication, kind: string, message: string) => [
  { recipientRole: 'business' as const, kind, message, payload: { applicationId: app.id } },
];

export const applied = (state: PenaltyRecordState, app: RepairApplication, actor: Actor): Recorded => ({
  actor,
  action: 'penalty_record.repair_applied',
  notify: [
    {
      recipientRole: 'credit_staff',
      kind: 'repair_application',
      message: `Credit repair applied for (decision ${state.entry.decisionNo}): accept by ${app.acceptBy?.date}, decide by ${app.decideBy?.date}.`,
      payload: { applicationId: app.id, acceptBy: app.acceptBy, decideBy: app.decideBy },
    },
  ],
});

export const repaired = (
  state: PenaltyRecordState,
  app: RepairApplication,
  actor: Actor,
  reasons: string,
  on: CalendarDate,
  policy: Policy,
): Recorded => ({
  actor,
  action: 'penalty_record.repaired',
  reason: reasons,
  creditFile: [
    {
      occurredOn: on,
      kind: 'penalty_record_repaired',
      summary: `Credit repaired: penalty decision ${state.entry.decisionNo} is no longer published`,
      details: { decisionNo: state.entry.decisionNo, applicationId: app.id },
    },
  ],
  syncLedger: platformSyncs('withdraw', on, policy).map(({ platform, action, dueOn }) => ({ platform, action, dueOn })),
  documents: [repairDecisionDocument(state, true, reasons, on)],
  notify: toApplicant(
    app,
    'repair_approved',
    `Credit repair approved: penalty decision ${state.entry.decisionNo} is no longer published.`,
  ),
});

export const supplemented = (app: RepairApplication, actor: Actor, note: string | undefined): Recorded => ({
  actor,
  action: 'penalty_record.repair_supplemented',
  reason: note,
  notify: [
    {
      recipientRole: 'credit_staff',
      kind: 'repair_supplemented',
      message: `The business supplemented its credit repair application; decide by ${app.decideBy?.date}.`,
      payload: { applicationId: app.id, acceptBy: app.acceptBy, decideBy: app.decideBy },
    },
  ],
});

export function revoked(state: PenaltyRecordState, revocation: Revocation, actor: Actor, policy: Policy): Recorded {
  const { entry, timeline } = state;
  const { reason, revokedOn: on } = revocation;
  return {
    actor,
    action: 'penalty_record.repair_revoked',
    reason,
    creditFile: [
      {
        occurredOn: on,
        kind: 'penalty_record_repair_revoked',
        summary: `Credit repair revoked (${reason}): penalty decision ${entry.decisionNo} is published again until ${timeline.maxUntil}`,
        details: { decisionNo: entry.decisionNo, maxUntil: timeline.maxUntil, barredUntil: revocation.barredUntil },
      },
    ],
    syncLedger: platformSyncs('restore', on, policy).map(({ platform, action, dueOn }) => ({
      platform,
      action,
      dueOn,
    })),
    notify: [
      {
        recipientRole: 'business',
        kind: 'repair_revoked',
        message: `The credit repair was revoked: ${reason}. The record is published until ${timeline.maxUntil}; no new application before ${revocation.barredUntil}.`,
        payload: { barredUntil: revocation.barredUntil, maxUntil: timeline.maxUntil },
      },
    ],
  };
}

export const correctionProven = (rectificationId: string, closedOn: string, evidenceIds: string[]): Recorded => ({
  actor: SYSTEM,
  action: 'penalty_record.correction_proven',
  reason: `Rectification ${rectificationId} closed compliant on ${closedOn}`,
  notify: [
    {
      recipientRole: 'business',
      kind: 'correction_proven',
      message: `The closed rectification ${rectificationId} proves the correction: cite it as correctionProof in a credit repair application.`,
      payload: { rectificationId, evidenceIds },
    },
  ],
});

export const periodEnded = (state: PenaltyRecordState): Recorded => ({
  actor: SYSTEM,
  action: 'penalty_record.period_ended',
  reason: `The maximum publication period ended on ${state.timeline.maxUntil}; the repair stands.`,
});

export const expired = (state: PenaltyRecordState): Recorded => ({
  actor: SYSTEM,
  action: 'penalty_record.expired',
  creditFile: [publicationExpired(state)],
  notify: [
    {
      recipientRole: 'business',
      kind: 'publication_expired',
      message: `Penalty decision ${state.entry.decisionNo} is no longer published: its maximum period ended on ${state.timeline.maxUntil}.`,
    },
  ],
});

export const reviewOverdue = (step: HumanStep, app: RepairApplication | undefined): Recorded =>
  noticeToAssignee(
    `penalty_record.${step.step}_overdue`,
    step,
    `${step.step}_overdue`,
    `${step.step} of the credit repair application was due on ${step.dueOn}.`,
    { dueOn: step.dueOn, applicationId: app?.id },
  );
