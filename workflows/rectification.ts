// Rectification (整改): an order to correct a violation by a deadline, then evidence rounds and
// review (复查), extensions, and a follow-up visit (回访). One workflow per order; its state is the
// source of truth, every human step is an Update whose validator refuses illegal steps before
// they reach history, and every due date comes from domain/rectification.
import {
  checkExtensionRequest,
  extendTimeline,
  followUpDue,
  isBefore,
  needsCommitment,
  postponedDue,
  rectificationTimeline,
  reviewDue,
  todayInShanghai,
  withDeadline,
  type DueDate,
  type RectificationTimeline,
} from '../domain';
import { announceCorrection } from './correctionProof';
import {
  closeStep,
  findStep,
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
  decideExtension,
  escalateRectification,
  rectificationView,
  recordFollowUp,
  requestExtension,
  reviewEvidence,
  signCommitment,
  submitEvidence,
  type Actor,
  type Extension,
  type FollowUp,
  type RectificationOrder,
  type RectificationStatus,
  type RectificationView,
  type Review,
  type Submission,
} from './messages';

interface RectificationState extends ProcessCore {
  status: RectificationStatus;
  order: RectificationOrder;
  timeline: RectificationTimeline;
  deadline: DueDate;
  commitment?: RectificationView['commitment'];
  submissions: Submission[];
  reviews: Review[];
  extensions: Extension[];
  followUps: FollowUp[];
  correctedOnTime?: boolean;
}

export type RectificationInput = { order: RectificationOrder } | { resume: RectificationState };

const FINAL: readonly RectificationStatus[] = ['closed', 'escalated'];
const ESCALATABLE: readonly RectificationStatus[] = [
  'awaiting_commitment',
  'awaiting_evidence',
  'under_review',
  'overdue',
];

function begin(order: RectificationOrder): RectificationState {
  const orderedOn = order.orderedOn ?? today();
  const timeline = rectificationTimeline(
    { orderedOn, disposition: order.disposition, matter: order.matter, deadline: order.deadline },
    order.policy,
  );
  if (!timeline.ok) refuse(timeline.refusal);
  return {
    type: 'rectification',
    id: order.id,
    enterpriseId: order.enterpriseId,
    agency: order.agency,
    matterCode: order.matter.code,
    violationOn: orderedOn,
    status: needsCommitment(order.disposition) ? 'awaiting_commitment' : 'awaiting_evidence',
    openedAt: new Date().toISOString(),
    version: 0,
    history: [],
    agenda: newAgenda(),
    order,
    timeline: timeline.value,
    deadline: timeline.value.deadline,
    submissions: [],
    reviews: [],
    extensions: [],
    followUps: [],
  };
}

export async function rectification(input: RectificationInput): Promise<RectificationView> {
  const state = 'resume' in input ? input.resume : begin(input.order);
  const { policy } = state.order;
  const view = (): RectificationView => viewOf(state);
  const { is, require, move, run } = processKit(state, { view, query: rectificationView, final: FINAL, postpone });

  /** A bulk extension: the deadline moves with the evidence step, the automatic escalation with the overdue decision. */
  function postpone(step: HumanStep, days: number): void {
    if (step.step === 'evidence') {
      state.timeline = withDeadline(state.timeline, postponedDue(state.deadline, days), today(), policy);
      state.deadline = state.timeline.deadline;
      rescheduleStep(state.agenda, step.key, { due: state.deadline, remindOn: upcomingReminder() });
      return;
    }
    const due = postponeStep(state.agenda, step, days);
    if (step.step === 'overdue_decision') state.timeline = { ...state.timeline, overdueEscalationOn: due };
    if (step.step === 'commitment') state.timeline = { ...state.timeline, commitmentDue: due };
  }

  /** The deadline reminder, unless its day has already come (a reopened round is not re-reminded). */
  function upcomingReminder(): DueDate | null {
    const reminder = state.timeline.reminderOn;
    return reminder && isBefore(today(), reminder.date) ? reminder : null;
  }

  function openEvidenceStep() {
    openStep(state.agenda, {
      step: 'evidence',
      assignee: 'business',
      due: state.deadline,
      remindOn: upcomingReminder(),
    });
  }

  function openOverdueDecision() {
    openStep(state.agenda, { step: 'overdue_decision', assignee: 'officer', due: state.timeline.overdueEscalationOn });
  }

  const closeOpen = (step: string) => {
    const open = findStep(state.agenda, step);
    if (open) closeStep(state.agenda, open.key);
  };

  function escalation(actor: Actor, reason: string, action: string): Omit<Change, 'from'> {
    return {
      actor,
      action,
      reason,
      creditFile: [
        {
          occurredOn: today(),
          kind: 'rectification_escalated',
          summary: `Rectification escalated to general procedure: ${reason}`,
          details: { disposition: state.order.disposition },
        },
      ],
      notify: [
        {
          recipientRole: 'business',
          kind: 'rectification_escalated',
          message: `The case now follows the general procedure: ${reason}`,
        },
        {
          recipientRole: 'officer',
          kind: 'rectification_escalated',
          message: `Rectification ${state.id} escalated: ${reason}`,
        },
      ],
    };
  }

  handleStep(
    signCommitment,
    () => void require(is('awaiting_commitment'), `No commitment letter is awaited; the case is ${state.status}.`),
    async ({ actor, signatory, statement }) => {
      state.commitment = { signatory, statement, signedAt: new Date().toISOString() };
      closeOpen('commitment');
      openEvidenceStep();
      return move('awaiting_evidence', {
        actor,
        action: 'rectification.commitment_signed',
        reason: `Signed by ${signatory}`,
      });
    },
  );

  handleStep(
    submitEvidence,
    () => void require(is('awaiting_evidence'), `Evidence is not being accepted; the case is ${state.status}.`),
    async ({ actor, description, files }) => {
      const submission: Submission = {
        round: state.submissions.length + 1,
        submittedAt: new Date().toISOString(),
        submittedBy: actor.sub,
        description,
        files,
      };
      state.submissions.push(submission);
      closeOpen('evidence');
      openStep(state.agenda, { step: 'review', assignee: 'officer', due: reviewDue(today(), policy) });
      return move('under_review', {
        actor,
        action: 'rectification.evidence_submitted',
        reason: description,
        evidence: files.map((f) => ({
          id: f.evidenceId,
          round: submission.round,
          sha256: f.sha256,
          filename: f.filename,
          contentType: f.contentType,
          size: f.size,
          uploadedBy: actor.sub,
          uploadedAt: submission.submittedAt,
        })),
        notify: [
          {
            recipientRole: 'officer',
            kind: 'evidence_submitted',
            message: `Round ${submission.round} of evidence is ready for review.`,
          },
        ],
      });
    },
  );

  handleStep(
    reviewEvidence,
    () => void require(is('under_review'), `There is no submission under review; the case is ${state.status}.`),
    async ({ actor, decision, reasons }) => {
      const round = state.submissions.length;
      state.reviews.push({ round, decision, reasons, reviewedAt: new Date().toISOString(), reviewedBy: actor.sub });
      closeOpen('review');
      const notify = [
        {
          recipientRole: 'business' as const,
          kind: `evidence_${decision}`,
          message: `Round ${round} of evidence was ${decision}: ${reasons}`,
        },
      ];
      if (decision === 'accepted') {
        const submittedOn = todayInShanghai(new Date(state.submissions[round - 1]!.submittedAt));
        state.correctedOnTime = !isBefore(state.deadline.date, submittedOn);
        openStep(state.agenda, {
          step: 'follow_up',
          assignee: 'officer',
          due: followUpDue(today(), policy, state.order.followUpAfterDays),
        });
        return move('follow_up', { actor, action: 'rectification.evidence_accepted', reason: reasons, notify });
      }
      if (isBefore(state.deadline.date, today())) {
        openOverdueDecision();
        return move('overdue', { actor, action: 'rectification.evidence_rejected', reason: reasons, notify });
      }
      openEvidenceStep();
      return move('awaiting_evidence', { actor, action: 'rectification.evidence_rejected', reason: reasons, notify });
    },
  );

  handleStep(
    requestExtension,
    () => {
      require(is(
        'awaiting_evidence',
        'under_review',
      ), `An extension cannot be requested while the case is ${state.status}.`);
      require(!pendingRequest(state), 'An extension request is already awaiting a decision.');
      const check = checkExtensionRequest(
        {
          requestedOn: today(),
          deadline: state.deadline.date,
          requestsSoFar: state.extensions.filter((e) => e.requestedBy).length,
        },
        policy,
      );
      if (!check.ok) refuse(check.refusal);
    },
    async ({ actor, days, reason }) => {
      state.extensions.push({ requestedAt: new Date().toISOString(), requestedBy: actor.sub, days, reason });
      openStep(state.agenda, { step: 'extension_decision', assignee: 'officer', due: reviewDue(today(), policy) });
      return move(state.status, {
        actor,
        action: 'rectification.extension_requested',
        reason,
        notify: [
          {
            recipientRole: 'officer',
            kind: 'extension_requested',
            message: `Extension of ${days} working days requested: ${reason}`,
          },
        ],
      });
    },
  );

  handleStep(
    decideExtension,
    ({ approve, days }) => {
      if (pendingRequest(state)) return;
      require(is('overdue') &&
        approve &&
        days !== undefined, 'There is no extension request to decide; an overdue case may be granted one with `days`.');
    },
    async ({ actor, approve, reason, days }) => {
      const request = pendingRequest(state) ?? { days: days!, reason };
      if (!pendingRequest(state)) state.extensions.push(request);
      closeOpen('extension_decision');
      const decidedAt = new Date().toISOString();
      if (!approve) {
        request.decision = { approve, reason, decidedAt, decidedBy: actor.sub };
        return move(state.status, {
          actor,
          action: 'rectification.extension_refused',
          reason,
          notify: [{ recipientRole: 'business', kind: 'extension_refused', message: `Extension refused: ${reason}` }],
        });
      }
      state.timeline = extendTimeline(state.timeline, request.days, today(), policy);
      state.deadline = state.timeline.deadline;
      request.decision = { approve, reason, decidedAt, decidedBy: actor.sub, deadline: state.deadline };
      const evidence = findStep(state.agenda, 'evidence');
      if (evidence) rescheduleStep(state.agenda, evidence.key, { due: state.deadline, remindOn: upcomingReminder() });
      const wasOverdue = is('overdue');
      if (wasOverdue) {
        closeOpen('overdue_decision');
        openEvidenceStep();
      }
      return move(wasOverdue ? 'awaiting_evidence' : state.status, {
        actor,
        action: 'rectification.extension_granted',
        reason,
        notify: [
          {
            recipientRole: 'business',
            kind: 'extension_granted',
            message: `Deadline extended to ${state.deadline.date}: ${reason}`,
          },
        ],
      });
    },
  );

  handleStep(
    recordFollowUp,
    ({ visitedOn }) => {
      require(is('follow_up'), `No follow-up visit is due; the case is ${state.status}.`);
      require(!isBefore(today(), visitedOn), 'A follow-up visit cannot be recorded for a future date.');
    },
    async ({ actor, visitedOn, outcome, note }) => {
      state.followUps.push({ visitedOn, outcome, note, recordedBy: actor.sub });
      if (outcome === 'recurred') {
        return move('escalated', {
          ...escalation(actor, `Violation recurred at the follow-up visit: ${note}`, 'rectification.recurred'),
        });
      }
      await announceCorrection(state, visitedOn);
      return move('closed', {
        actor,
        action: 'rectification.closed',
        reason: note,
        creditFile: [
          {
            occurredOn: visitedOn,
            kind: 'rectification_closed',
            summary: `Rectified ${state.correctedOnTime ? 'on time' : 'late'}; compliant at the follow-up visit`,
            details: {
              disposition: state.order.disposition,
              correctedOnTime: state.correctedOnTime,
              waivedFine: state.order.waivedFine,
            },
          },
        ],
        notify: [
          {
            recipientRole: 'business',
            kind: 'rectification_closed',
            message: 'The rectification is complete and the case is closed.',
          },
        ],
      });
    },
  );

  handleStep(
    escalateRectification,
    () => void require(is(...ESCALATABLE), `The case cannot be escalated while ${state.status}.`),
    async ({ actor, reason }) => move('escalated', escalation(actor, reason, 'rectification.escalated')),
  );

  async function onMilestone({ kind, step }: Milestone): Promise<void> {
    if (kind === 'remind') {
      await move(state.status, {
        actor: SYSTEM,
        action: `rectification.${step.step}_reminder`,
        notify: [
          {
            recipientRole: step.assignee,
            kind: `${step.step}_reminder`,
            message: `Due on ${step.dueOn}.`,
            payload: { dueOn: step.dueOn, remindOn: step.remindOn },
          },
        ],
      });
    } else if (step.step === 'evidence') {
      closeStep(state.agenda, step.key);
      openOverdueDecision();
      await move('overdue', {
        actor: SYSTEM,
        action: 'rectification.deadline_missed',
        notify: [
          {
            recipientRole: 'business',
            kind: 'deadline_missed',
            message: `The rectification deadline ${state.deadline.date} has passed without accepted evidence.`,
          },
          {
            recipientRole: 'officer',
            kind: 'overdue_decision',
            message: `Escalate or extend by ${state.timeline.overdueEscalationOn.date}.`,
          },
        ],
      });
    } else if (step.step === 'overdue_decision') {
      await move(
        'escalated',
        escalation(
          SYSTEM,
          `No extension or escalation within ${policy.overdueEscalationWorkingDays} working days of the missed deadline`,
          'rectification.auto_escalated',
        ),
      );
    } else {
      await move(state.status, {
        actor: SYSTEM,
        action: `rectification.${step.step}_overdue`,
        notify: [
          {
            recipientRole: step.assignee,
            kind: `${step.step}_overdue`,
            message: `${step.step} was due on ${step.dueOn}.`,
          },
        ],
      });
    }
  }

  if ('order' in input) {
    if (is('awaiting_commitment'))
      openStep(state.agenda, { step: 'commitment', assignee: 'business', due: state.timeline.commitmentDue! });
    else openEvidenceStep();
    await move(state.status, {
      actor: state.order.orderedBy,
      action: 'rectification.ordered',
      reason: state.order.findings,
      notify: [
        {
          recipientRole: 'business',
          kind: 'rectification_ordered',
          message: `Rectify by ${state.deadline.date}: ${state.order.requiredActions.join('; ')}`,
        },
      ],
    });
  }
  return run(onMilestone);
}

const pendingRequest = (state: RectificationState): Extension | undefined =>
  state.extensions.find((e) => e.requestedBy && !e.decision);

function viewOf(s: RectificationState): RectificationView {
  const next = nextDueOn(s.agenda);
  return {
    id: s.id,
    enterpriseId: s.enterpriseId,
    agency: s.order.agency,
    matterCode: s.order.matter.code,
    disposition: s.order.disposition,
    status: s.status,
    findings: s.order.findings,
    requiredActions: s.order.requiredActions,
    orderedOn: s.timeline.orderedOn,
    deadline: s.deadline,
    reminderOn: s.timeline.reminderOn,
    ...(s.commitment ? { commitment: s.commitment } : {}),
    submissions: s.submissions,
    reviews: s.reviews,
    extensions: s.extensions,
    followUps: s.followUps,
    waivedFine: s.order.waivedFine,
    ...orderTerms(s.order),
    ...(s.correctedOnTime === undefined ? {} : { correctedOnTime: s.correctedOnTime }),
    openSteps: openSteps(s.agenda),
    ...(next ? { nextDueOn: next } : {}),
    ...(s.order.observationPeriodId ? { observationPeriodId: s.order.observationPeriodId } : {}),
    policyVersion: s.timeline.policyVersion,
    history: s.history,
  };
}

/** The order's optional terms, shown only where the order has them (orders before they existed have none). */
function orderTerms(order: RectificationOrder): Partial<RectificationView> {
  const { waivedFineEstimated, statutoryGround, legalBasis, noCoercion } = order;
  return {
    ...(waivedFineEstimated ? { waivedFineEstimated } : {}),
    ...(statutoryGround ? { statutoryGround } : {}),
    ...(legalBasis ? { legalBasis } : {}),
    ...(noCoercion ? { noCoercion } : {}),
  };
}
