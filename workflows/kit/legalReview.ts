// Legal review (法制审核) as a human step any process can put a decision through: while the decision
// waits in `awaiting_legal_review`, a legal reviewer of the case's agency approves it (the process
// then lets it take effect: its documents, its credit-file entries, its next steps) or returns it
// with reasons to the officer, who revises and sends it again (`legal_review_returned`). Which
// decisions go to review is the agency's policy (domain/legalReview.ts); a missed due date only
// flags the task, like any late step.
import type { LegalReviewDecision } from '../../domain';
import { legalReviewDue } from '../../domain';
import { closeStep, findStep, openStep } from '../humanStep';
import { decideLegalReview, resubmitLegalReview, type Actor, type LegalReviewRound } from '../messages';
import type { ProcessCase } from './processWorkflow';
import { today, type ProcessCore } from './recording';

export const AWAITING_LEGAL_REVIEW = 'awaiting_legal_review';
export const LEGAL_REVIEW_RETURNED = 'legal_review_returned';

/** The part of a process's state legal review keeps: every round, the last one current. */
export interface UnderLegalReview {
  legalReviews?: LegalReviewRound[];
}

type Reviewable = ProcessCore & UnderLegalReview;

/** Puts a decision on the legal reviewer's list; the caller moves the case to `awaiting_legal_review`. */
export function sendToLegalReview(
  { state, policy }: Pick<ProcessCase<Reviewable, unknown>, 'state' | 'policy'>,
  decision: LegalReviewDecision,
  by: Actor,
): void {
  const rounds = (state.legalReviews ??= []);
  rounds.push({ round: rounds.length + 1, decision, sentAt: new Date().toISOString(), sentBy: by.sub });
  openStep(state.agenda, { step: 'legal_review', assignee: 'legal_reviewer', due: legalReviewDue(today(), policy) });
}

const closeOpen = (state: Reviewable, step: string) => {
  const open = findStep(state.agenda, step);
  if (open) closeStep(state.agenda, open.key);
};

export interface LegalReviewEffects<V> {
  /** The decision takes effect: the process moves on from `awaiting_legal_review` and records why. */
  approved(actor: Actor, reasons: string): Promise<V>;
}

/** Registers the reviewer's verdict and the officer's resubmission on a process. */
export function legalReviewSteps<S extends Reviewable, V>(
  process: ProcessCase<S, V>,
  effects: LegalReviewEffects<V>,
): void {
  const { state, policy, kit } = process;
  const current = () => state.legalReviews?.at(-1);
  // The kit's statuses are the process's own: these two belong to every process that reviews.
  const awaiting = AWAITING_LEGAL_REVIEW as S['status'];
  const returned = LEGAL_REVIEW_RETURNED as S['status'];

  kit.step(
    decideLegalReview,
    () => void kit.require(kit.is(awaiting), `No decision awaits legal review; the case is ${state.status}.`),
    async ({ actor, decision, reasons }) => {
      current()!.verdict = { decision, reasons, at: new Date().toISOString(), by: actor.sub };
      closeOpen(state, 'legal_review');
      if (decision === 'approved') return effects.approved(actor, reasons);
      openStep(state.agenda, {
        step: 'legal_review_returned',
        assignee: 'officer',
        due: legalReviewDue(today(), policy),
      });
      return kit.move(returned, {
        actor,
        action: `${state.type}.legal_review_returned`,
        reason: reasons,
        notify: [
          { recipientRole: 'officer', kind: 'legal_review_returned', message: `Returned by legal review: ${reasons}` },
        ],
      });
    },
  );

  kit.step(
    resubmitLegalReview,
    () => void kit.require(kit.is(returned), `No returned decision awaits revision; the case is ${state.status}.`),
    async ({ actor, reasons }) => {
      closeOpen(state, 'legal_review_returned');
      sendToLegalReview(process, current()!.decision, actor);
      return kit.move(awaiting, {
        actor,
        action: `${state.type}.legal_review_resubmitted`,
        reason: reasons,
        notify: [{ recipientRole: 'legal_reviewer', kind: 'legal_review_requested', message: `Revised: ${reasons}` }],
      });
    },
  );
}
