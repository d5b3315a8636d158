// What a public-interest service case tells people, and writes into the credit file, at each turn.
import { type OffsetOutcome } from '../../domain';
import type { HumanStep } from '../humanStep';
import { noticeToAssignee, SYSTEM, type Recorded } from '../kit/recording';
import type { Actor } from '../messages';
import type { OffsetState } from './state';

export const offered = (state: OffsetState): Recorded => ({
  actor: state.offer.offeredBy,
  action: 'offset.offered',
  reason: state.offer.reason,
  notify: [
    {
      recipientRole: 'business',
      kind: 'offset_offered',
      message:
        `You may offset the fine of ${state.offer.fine} yuan by ${state.terms.hours} hours of public-interest ` +
        `service by ${state.terms.deadline.date}; accept or decline by ${state.terms.acceptanceDue.date}.`,
    },
  ],
});

export const accepted = (actor: Actor): Recorded => ({
  actor,
  action: 'offset.accepted',
  notify: [
    { recipientRole: 'officer', kind: 'offset_accepted', message: 'The party accepted public-interest service.' },
  ],
});

/** Declined by the party, or by silence past the acceptance window (actor: system). */
export function declined(state: OffsetState, actor: Actor, on: string): Recorded {
  const bySilence = actor.sub === SYSTEM.sub;
  return {
    actor,
    action: bySilence ? 'offset.lapsed_unanswered' : 'offset.declined',
    reason: bySilence ? `No answer by ${state.terms.acceptanceDue.date}` : 'Declined by the party',
    creditFile: [
      {
        occurredOn: on,
        kind: 'offset_declined',
        summary: 'Public-interest service in lieu of a fine was not taken up; the fine is due',
        details: { fine: state.offer.fine, bySilence },
      },
    ],
    notify: [
      { recipientRole: 'officer', kind: 'offset_declined', message: `The fine of ${state.offer.fine} yuan is due.` },
    ],
  };
}

export const sessionLogged = (actor: Actor, hours: number, organisation: string): Recorded => ({
  actor,
  action: 'offset.session_logged',
  reason: `${hours} h at ${organisation}`,
  notify: [
    {
      recipientRole: 'officer',
      kind: 'offset_session_logged',
      message: `${hours} hours of service await confirmation.`,
    },
  ],
});

export const sessionConfirmed = (actor: Actor, confirmed: boolean, note: string): Recorded => ({
  actor,
  action: confirmed ? 'offset.session_confirmed' : 'offset.session_rejected',
  reason: note,
  notify: [
    {
      recipientRole: 'business',
      kind: confirmed ? 'offset_session_confirmed' : 'offset_session_rejected',
      message: `A service session was ${confirmed ? 'confirmed' : 'not confirmed'}: ${note}`,
    },
  ],
});

/** The service ended: in full (every hour confirmed) or at the deadline with what was confirmed. */
export function concluded(state: OffsetState, actor: Actor, outcome: OffsetOutcome, on: string): Recorded {
  const full = outcome.result === 'full';
  return {
    actor,
    action: full ? 'offset.completed' : 'offset.lapsed',
    reason: full
      ? `${state.terms.hours} hours confirmed`
      : `Deadline ${state.terms.deadline.date} passed with ${outcome.offset} of ${state.offer.fine} yuan offset`,
    creditFile: [
      {
        occurredOn: on,
        kind: full ? 'offset_completed' : 'offset_lapsed',
        summary: full
          ? `Fine of ${state.offer.fine} yuan offset in full by public-interest service`
          : `Public-interest service not completed: ${outcome.offset} yuan offset, ${outcome.remainingFine} yuan due`,
        details: { fine: state.offer.fine, ...outcome },
      },
    ],
    notify: [
      {
        recipientRole: 'business',
        kind: full ? 'offset_completed' : 'offset_lapsed',
        message: full
          ? 'Your service offsets the fine in full.'
          : `${outcome.remainingFine} yuan of the fine remains due.`,
      },
      {
        recipientRole: 'officer',
        kind: full ? 'offset_completed' : 'offset_lapsed',
        message: `Offset ${state.id}: ${outcome.offset} yuan offset, ${outcome.remainingFine} yuan due.`,
      },
    ],
  };
}

export const stepOverdue = (step: HumanStep): Recorded =>
  noticeToAssignee(
    `offset.${step.step}_overdue`,
    step,
    `${step.step}_overdue`,
    `${step.step} was due on ${step.dueOn}.`,
  );
