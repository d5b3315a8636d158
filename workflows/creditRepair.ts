// Penalty record publication and credit repair (信用修复): one workflow per penalty decision, from
// its entry until its publication period is over. The record's own dates (repair eligibility, the
// maximum period) sit on the shared agenda as planned entries, so the one agenda loop sleeps until
// them; credit staff's review steps are ordinary human steps. Applications, decisions and
// revocations are Updates whose validators refuse what the rules forbid before it reaches history,
// and every date comes from domain/creditRepair.
import { setHandler, uuid4 } from '@temporalio/workflow';
import {
  checkRepairApplication,
  platformSyncs,
  publicationTimeline,
  repairBarredUntil,
  repairReviewDeadlines,
  REQUIRED_REPAIR_MATERIALS,
  type CalendarDate,
  type DueDate,
  type PublicationTimeline,
} from '../domain';
import {
  closeStep,
  findStep,
  isPlanned,
  newAgenda,
  nextDueOn,
  openStep,
  openSteps,
  postponeStep,
  rescheduleStep,
  type HumanStep,
  type Milestone,
} from './humanStep';
import { handleStep, processKit, refuse, SYSTEM, today, type Change, type ProcessCore } from './journal';
import {
  applyForRepair,
  correctionProven,
  decideRepair,
  penaltyRecordView,
  revokeRepair,
  supplementRepair,
  type PenaltyRecordEntry,
  type PenaltyRecordStatus,
  type PenaltyRecordView,
  type RepairApplication,
  type RepairApplicationMaterials,
  type RepairApplicationStatus,
  type RepairDecision,
  type RepairDecisionKind,
  type RepairProgress,
  type Revocation,
} from './messages';

interface PenaltyRecordState extends ProcessCore, RepairProgress {
  status: PenaltyRecordStatus;
  entry: PenaltyRecordEntry;
  timeline: PublicationTimeline;
  /** Shown on the publication platforms right now. */
  shown: boolean;
  /** The maximum period has passed for a repaired record: nothing is left to happen. */
  periodOver: boolean;
}

export type PenaltyRecordInput = { entry: PenaltyRecordEntry } | { resume: PenaltyRecordState };

/** The record's own dates, planned on the agenda; they are nobody's task. */
const ELIGIBILITY = 'repair_eligibility';
const EXPIRY = 'publication_expiry';
const ACCEPTANCE = 'repair_acceptance';
const DECISION = 'repair_decision';

const FINAL: readonly PenaltyRecordStatus[] = ['not_published', 'expired'];
const IN_REVIEW: readonly PenaltyRecordStatus[] = ['application_pending', 'under_review'];

/** Which decisions an application can take in each of its states. */
const DECISIONS_ALLOWED: Readonly<Record<RepairApplicationStatus, readonly RepairDecisionKind[]>> = {
  pending: ['accepted', 'rejected', 'needs_more'],
  accepted: ['approved', 'rejected', 'needs_more'],
  needs_more: ['rejected'],
  approved: [],
  rejected: [],
  lapsed: [],
};

function begin(entry: PenaltyRecordEntry): PenaltyRecordState {
  const timeline = publicationTimeline(entry, today(), entry.policy);
  return {
    type: 'penalty_record',
    id: entry.id,
    enterpriseId: entry.enterpriseId,
    agency: entry.agency,
    matterCode: entry.matterCode,
    // A penalty decision is an earlier violation for 首违不罚 checks of later cases.
    violationOn: entry.decidedOn,
    status: timeline.status,
    openedAt: new Date().toISOString(),
    version: 0,
    history: [],
    agenda: newAgenda(),
    entry,
    timeline,
    shown: timeline.status === 'published' || timeline.status === 'repair_eligible',
    ...(timeline.status === 'expired' ? { expiredOn: timeline.maxUntil! } : {}),
    barredUntil: null,
    applications: [],
    decisions: [],
    revocations: [],
    correctionProofs: [],
    periodOver: false,
  };
}

export async function penaltyRecord(input: PenaltyRecordInput): Promise<PenaltyRecordView> {
  const state = 'resume' in input ? input.resume : begin(input.entry);
  const { entry, timeline } = state;
  const { policy } = entry;
  const view = (): PenaltyRecordView => viewOf(state);
  const { is, require, move, run } = processKit(state, { view, query: penaltyRecordView, final: FINAL, postpone });
  const current = (): RepairApplication | undefined => state.applications.at(-1);

  /** Puts one of the record's own dates on the agenda: the shared loop wakes at the start of that day. */
  const plan = (milestone: string, on: CalendarDate) =>
    openStep(state.agenda, {
      step: milestone,
      assignee: 'business',
      due: { date: on, provisional: false },
      opensOn: on,
    });

  /** The proactive notice (主动告知): the enterprise may apply now, and what to bring. Given once. */
  function eligibilityNotice(): Pick<Change, 'notify' | 'creditFile'> {
    if (state.eligibilityNoticeOn) return {};
    const on = today();
    state.eligibilityNoticeOn = on;
    return {
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

  /** A bulk extension of a review step is kept with the application, so that re-planning keeps it. */
  function postpone(step: HumanStep, days: number): void {
    const app = current();
    const deadline = step.step === ACCEPTANCE ? 'acceptBy' : step.step === DECISION ? 'decideBy' : undefined;
    if (!app || !deadline) return void postponeStep(state.agenda, step, days);
    app.postponedDays = { ...app.postponedDays, [deadline]: (app.postponedDays?.[deadline] ?? 0) + days };
    planReview(app);
  }

  /** Keeps credit staff's steps in line with the application's deadlines (none while paused). */
  function planReview(app: RepairApplication): void {
    const deadlines = repairReviewDeadlines(
      { appliedOn: app.appliedOn, pauses: app.pauses, postponedDays: app.postponedDays },
      policy,
    );
    app.acceptBy = deadlines.acceptBy;
    app.decideBy = deadlines.decideBy;
    const waiting = app.status === 'pending' || app.status === 'accepted';
    syncStep(ACCEPTANCE, app.status === 'pending' ? deadlines.acceptBy : null);
    syncStep(DECISION, waiting ? deadlines.decideBy : null);
  }

  function syncStep(step: string, due: DueDate | null): void {
    const open = findStep(state.agenda, step);
    if (!due) {
      if (open) closeStep(state.agenda, open.key);
    } else if (!open) {
      openStep(state.agenda, { step, assignee: 'credit_staff', due });
    } else if (open.dueOn !== due.date || open.provisional !== due.provisional) {
      rescheduleStep(state.agenda, open.key, { due });
    }
  }

  /** A rectification reference counts as proof of correction only if it closed compliant for this record. */
  function provenMaterials(materials: RepairApplicationMaterials): RepairApplicationMaterials {
    const proof = materials.correctionProof;
    if (typeof proof !== 'object') return materials;
    const proven = state.correctionProofs.some((p) => p.rectificationId === proof.rectificationId);
    return proven ? materials : { ...materials, correctionProof: undefined };
  }

  handleStep(
    applyForRepair,
    ({ materials }) => {
      require(!is(...IN_REVIEW), 'An application for this record is already being processed.');
      require(!is('repaired'), 'The record has already been repaired.');
      const check = checkRepairApplication({
        timeline,
        today: today(),
        materials: provenMaterials(materials),
        barredUntil: state.barredUntil,
      });
      if (!check.ok) refuse(check.refusal);
    },
    async ({ actor, materials }) => {
      const app: RepairApplication = {
        id: uuid4(),
        appliedOn: today(),
        appliedAt: new Date().toISOString(),
        appliedBy: actor.sub,
        materials,
        status: 'pending',
        acceptBy: null,
        decideBy: null,
        pauses: [],
        supplements: [],
      };
      state.applications.push(app);
      planReview(app);
      return move('application_pending', {
        actor,
        action: 'penalty_record.repair_applied',
        notify: [
          {
            recipientRole: 'credit_staff',
            kind: 'repair_application',
            message: `Credit repair applied for (decision ${entry.decisionNo}): accept by ${app.acceptBy?.date}, decide by ${app.decideBy?.date}.`,
            payload: { applicationId: app.id, acceptBy: app.acceptBy, decideBy: app.decideBy },
          },
        ],
      });
    },
  );

  handleStep(
    decideRepair,
    ({ applicationId, decision }) => {
      const app = current();
      require(app?.id === applicationId, `Application ${applicationId} is not the one awaiting a decision.`);
      require(DECISIONS_ALLOWED[app!.status].includes(
        decision,
      ), `An application that is ${app!.status} cannot be ${decision}.`);
    },
    async ({ actor, decision, reasons }) => {
      const app = current()!;
      const made: RepairDecision = {
        applicationId: app.id,
        decision,
        reasons,
        decidedOn: today(),
        decidedAt: new Date().toISOString(),
        decidedBy: actor.sub,
      };
      state.decisions.push(made);
      const told = (kind: string, message: string) => [
        { recipientRole: 'business' as const, kind, message, payload: { applicationId: app.id } },
      ];
      if (decision === 'accepted') {
        app.status = 'accepted';
        app.acceptedOn = made.decidedOn;
        planReview(app);
        return move('under_review', {
          actor,
          action: 'penalty_record.repair_accepted',
          reason: reasons,
          notify: told(
            'repair_accepted',
            `Your credit repair application was accepted for review; decision by ${app.decideBy?.date}.`,
          ),
        });
      }
      if (decision === 'needs_more') {
        app.status = 'needs_more';
        app.pauses.push({ from: made.decidedOn });
        planReview(app);
        return move(state.status, {
          actor,
          action: 'penalty_record.repair_needs_more',
          reason: reasons,
          notify: told('repair_needs_more', `Please supplement your credit repair application: ${reasons}`),
        });
      }
      const open = app.pauses.find((p) => p.until == null);
      if (open) open.until = made.decidedOn;
      app.decidedOn = made.decidedOn;
      if (decision === 'rejected') {
        app.status = 'rejected';
        planReview(app);
        return move('repair_eligible', {
          actor,
          action: 'penalty_record.repair_rejected',
          reason: reasons,
          notify: told(
            'repair_rejected',
            `Credit repair was refused: ${reasons}. You may apply again with new materials.`,
          ),
        });
      }
      app.status = 'approved';
      planReview(app);
      state.shown = false;
      state.repairedOn = made.decidedOn;
      return move('repaired', {
        actor,
        action: 'penalty_record.repaired',
        reason: reasons,
        creditFile: [
          {
            occurredOn: made.decidedOn,
            kind: 'penalty_record_repaired',
            summary: `Credit repaired: penalty decision ${entry.decisionNo} is no longer published`,
            details: { decisionNo: entry.decisionNo, applicationId: app.id },
          },
        ],
        syncLedger: platformSyncs('withdraw', made.decidedOn, policy).map(({ platform, action, dueOn }) => ({
          platform,
          action,
          dueOn,
        })),
        notify: told(
          'repair_approved',
          `Credit repair approved: penalty decision ${entry.decisionNo} is no longer published.`,
        ),
      });
    },
  );

  handleStep(
    supplementRepair,
    ({ applicationId }) => {
      const app = current();
      require(app?.id === applicationId &&
        app.status === 'needs_more', `Application ${applicationId} is not waiting for more materials.`);
    },
    async ({ actor, materials, note }) => {
      const app = current()!;
      const on = today();
      app.pauses.find((p) => p.until == null)!.until = on;
      app.supplements.push({
        suppliedOn: on,
        suppliedAt: new Date().toISOString(),
        suppliedBy: actor.sub,
        materials,
        ...(note ? { note } : {}),
      });
      app.materials = { ...app.materials, ...materials };
      app.status = app.acceptedOn ? 'accepted' : 'pending';
      planReview(app);
      return move(state.status, {
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
    },
  );

  handleStep(
    revokeRepair,
    () =>
      void require(is(
        'repaired',
      ), `Only a repaired record can have its repair revoked; the record is ${state.status}.`),
    async ({ actor, reason }) => {
      const on = today();
      const revocation: Revocation = {
        revokedOn: on,
        revokedAt: new Date().toISOString(),
        revokedBy: actor.sub,
        reason,
        barredUntil: repairBarredUntil(on, policy),
      };
      state.revocations.push(revocation);
      state.barredUntil = revocation.barredUntil;
      state.shown = true;
      return move('revoked', {
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
      });
    },
  );

  setHandler(correctionProven, async (proven) => {
    if (
      state.correctionProofs.some((p) => p.rectificationId === proven.rectificationId) ||
      is(...FINAL) ||
      state.periodOver
    )
      return;
    state.correctionProofs.push({ ...proven, provenOn: today() });
    await move(state.status, {
      actor: SYSTEM,
      action: 'penalty_record.correction_proven',
      reason: `Rectification ${proven.rectificationId} closed compliant on ${proven.closedOn}`,
      notify: [
        {
          recipientRole: 'business',
          kind: 'correction_proven',
          message: `The closed rectification ${proven.rectificationId} proves the correction: cite it as correctionProof in a credit repair application.`,
          payload: { rectificationId: proven.rectificationId, evidenceIds: proven.evidenceIds },
        },
      ],
    });
  });

  async function becomeEligible(): Promise<void> {
    await move(is('published') ? 'repair_eligible' : state.status, {
      actor: SYSTEM,
      action: 'penalty_record.repair_eligible',
      ...eligibilityNotice(),
    });
  }

  async function expire(): Promise<void> {
    if (is('repaired')) {
      state.periodOver = true;
      await move('repaired', {
        actor: SYSTEM,
        action: 'penalty_record.period_ended',
        reason: `The maximum publication period ended on ${timeline.maxUntil}; the repair stands.`,
      });
      return;
    }
    const app = current();
    if (app && (app.status === 'pending' || app.status === 'accepted' || app.status === 'needs_more'))
      app.status = 'lapsed';
    state.shown = false;
    state.expiredOn = today();
    await move('expired', {
      actor: SYSTEM,
      action: 'penalty_record.expired',
      creditFile: [
        {
          occurredOn: timeline.maxUntil!,
          kind: 'penalty_publication_expired',
          summary: `Penalty decision ${entry.decisionNo}: the maximum publication period ended; no longer published`,
          details: { decisionNo: entry.decisionNo, maxUntil: timeline.maxUntil },
        },
      ],
      notify: [
        {
          recipientRole: 'business',
          kind: 'publication_expired',
          message: `Penalty decision ${entry.decisionNo} is no longer published: its maximum period ended on ${timeline.maxUntil}.`,
        },
      ],
    });
  }

  async function onMilestone({ kind, step }: Milestone): Promise<void> {
    if (kind === 'open') {
      // One of the record's own dates has come: act on it; it never becomes anybody's task.
      closeStep(state.agenda, step.key);
      if (step.step === ELIGIBILITY) await becomeEligible();
      if (step.step === EXPIRY) await expire();
    } else if (kind === 'overdue') {
      const app = current();
      await move(state.status, {
        actor: SYSTEM,
        action: `penalty_record.${step.step}_overdue`,
        notify: [
          {
            recipientRole: step.assignee,
            kind: `${step.step}_overdue`,
            message: `${step.step} of the credit repair application was due on ${step.dueOn}.`,
            payload: { dueOn: step.dueOn, applicationId: app?.id },
          },
        ],
      });
    }
  }

  if ('entry' in input) {
    if (is('published')) plan(ELIGIBILITY, timeline.minUntil!);
    if (is('published', 'repair_eligible')) plan(EXPIRY, timeline.maxUntil!);
    const shown = timeline.published
      ? `published from ${timeline.from}, repairable from ${timeline.minUntil}, at most until ${timeline.maxUntil}`
      : 'not published';
    const eligibleNow = is('repair_eligible') ? eligibilityNotice() : {};
    await move(state.status, {
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
        ...(is('expired')
          ? [
              {
                occurredOn: timeline.maxUntil!,
                kind: 'penalty_publication_expired',
                summary: `Penalty decision ${entry.decisionNo}: the maximum publication period ended; no longer published`,
                details: { decisionNo: entry.decisionNo, maxUntil: timeline.maxUntil },
              },
            ]
          : []),
      ],
      notify: eligibleNow.notify ?? [],
    });
  }
  return run(onMilestone, () => is(...FINAL) || state.periodOver);
}

function viewOf(s: PenaltyRecordState): PenaltyRecordView {
  const { entry, timeline } = s;
  const next = nextDueOn(s.agenda);
  return {
    id: s.id,
    enterpriseId: s.enterpriseId,
    ...(s.agency ? { agency: s.agency } : {}),
    decisionNo: entry.decisionNo,
    decidedOn: entry.decidedOn,
    severity: entry.severity,
    procedure: entry.procedure,
    penalties: entry.penalties,
    ...(entry.matterCode ? { matterCode: entry.matterCode } : {}),
    category: timeline.category,
    status: s.status,
    publication: { published: s.shown, from: timeline.from, minUntil: timeline.minUntil, maxUntil: timeline.maxUntil },
    repairEligibleFrom: timeline.repairEligibleFrom,
    ...(s.eligibilityNoticeOn ? { eligibilityNoticeOn: s.eligibilityNoticeOn } : {}),
    ...(s.repairedOn ? { repairedOn: s.repairedOn } : {}),
    ...(s.expiredOn ? { expiredOn: s.expiredOn } : {}),
    barredUntil: s.barredUntil,
    applications: s.applications,
    decisions: s.decisions,
    revocations: s.revocations,
    correctionProofs: s.correctionProofs,
    openSteps: openSteps(s.agenda),
    ...(next ? { nextDueOn: next } : {}),
    upcoming: s.agenda.steps
      .filter(isPlanned)
      .map((st) => ({ milestone: st.step, on: st.opensOn! }))
      .sort((a, b) => (a.on < b.on ? -1 : 1)),
    ruleSet: timeline.ruleSet,
    ruleSetBackdated: timeline.ruleSetBackdated,
    policyVersion: timeline.policyVersion,
    history: s.history,
  };
}
