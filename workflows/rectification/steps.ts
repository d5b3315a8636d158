// A rectification's human steps: the business signs its commitment, submits evidence and may ask
// for more time; the officer reviews, decides extensions, records the follow-up visit or escalates.
// Each guard refuses what the state does not allow; each act changes the state, then records it.
import { checkExtensionRequest, extendTimeline, followUpDue, isBefore, reviewDue, todayInShanghai } from '../../domain';
import { announceCorrection } from '../correctionProof';
import { openStep } from '../humanStep';
import { today } from '../kit/recording';
import { throwRefusal } from '../kit/refusals';
import {
  decideExtension,
  escalateRectification,
  recordFollowUp,
  requestExtension,
  reviewEvidence,
  signCommitment,
  submitEvidence,
  type Submission,
} from '../messages';
import { closeOpen, openEvidenceStep, openOverdueDecision, rescheduleEvidenceStep } from './deadlines';
import { closed, commitmentDocument, escalation } from './notices';
import { ESCALATABLE, pendingRequest, type RectificationCase } from './state';

export function rectificationSteps({ state, policy, kit }: RectificationCase): void {
  const { is, require, move, note, step } = kit;

  step(
    signCommitment,
    () => void require(is('awaiting_commitment'), `No commitment letter is awaited; the case is ${state.status}.`),
    async ({ actor, signatory, statement }) => {
      state.commitment = { signatory, statement, signedAt: new Date().toISOString() };
      closeOpen(state, 'commitment');
      openEvidenceStep(state);
      return move('awaiting_evidence', {
        actor,
        action: 'rectification.commitment_signed',
        reason: `Signed by ${signatory}`,
        documents: [commitmentDocument(state, signatory, statement)],
      });
    },
  );

  step(
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
      closeOpen(state, 'evidence');
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

  step(
    reviewEvidence,
    () => void require(is('under_review'), `There is no submission under review; the case is ${state.status}.`),
    async ({ actor, decision, reasons }) => {
      const round = state.submissions.length;
      state.reviews.push({ round, decision, reasons, reviewedAt: new Date().toISOString(), reviewedBy: actor.sub });
      closeOpen(state, 'review');
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
        openOverdueDecision(state);
        return move('overdue', { actor, action: 'rectification.evidence_rejected', reason: reasons, notify });
      }
      openEvidenceStep(state);
      return move('awaiting_evidence', { actor, action: 'rectification.evidence_rejected', reason: reasons, notify });
    },
  );

  step(
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
      if (!check.ok) throwRefusal(check.refusal);
    },
    async ({ actor, days, reason }) => {
      state.extensions.push({ requestedAt: new Date().toISOString(), requestedBy: actor.sub, days, reason });
      openStep(state.agenda, { step: 'extension_decision', assignee: 'officer', due: reviewDue(today(), policy) });
      return note({
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

  step(
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
      closeOpen(state, 'extension_decision');
      const decidedAt = new Date().toISOString();
      if (!approve) {
        request.decision = { approve, reason, decidedAt, decidedBy: actor.sub };
        return note({
          actor,
          action: 'rectification.extension_refused',
          reason,
          notify: [{ recipientRole: 'business', kind: 'extension_refused', message: `Extension refused: ${reason}` }],
        });
      }
      state.timeline = extendTimeline(state.timeline, request.days, today(), policy);
      state.deadline = state.timeline.deadline;
      request.decision = { approve, reason, decidedAt, decidedBy: actor.sub, deadline: state.deadline };
      rescheduleEvidenceStep(state);
      const wasOverdue = is('overdue');
      if (wasOverdue) {
        closeOpen(state, 'overdue_decision');
        openEvidenceStep(state);
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

  step(
    recordFollowUp,
    ({ visitedOn }) => {
      require(is('follow_up'), `No follow-up visit is due; the case is ${state.status}.`);
      require(!isBefore(today(), visitedOn), 'A follow-up visit cannot be recorded for a future date.');
    },
    async ({ actor, visitedOn, outcome, note: visitNote, corrected, opinion, comments }) => {
      const party = { ...(corrected === undefined ? {} : { corrected }), ...(opinion ? { opinion } : {}) };
      state.followUps.push({
        visitedOn,
        outcome,
        note: visitNote,
        recordedBy: actor.sub,
        ...party,
        ...(comments ? { comments } : {}),
      });
      if (outcome === 'recurred') {
        const reason = `Violation recurred at the follow-up visit: ${visitNote}`;
        return move('escalated', escalation(state, actor, reason, 'rectification.recurred', today()));
      }
      await announceCorrection(state, visitedOn);
      return move('closed', closed(state, actor, visitedOn, visitNote));
    },
  );

  step(
    escalateRectification,
    () => void require(is(...ESCALATABLE), `The case cannot be escalated while ${state.status}.`),
    async ({ actor, reason }) =>
      move('escalated', escalation(state, actor, reason, 'rectification.escalated', today())),
  );
}
