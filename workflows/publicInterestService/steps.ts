// A public-interest service case's human steps: the party answers the offer and logs its service
// sessions; the officer confirms (or not) each session. Only confirmed hours count, and the moment
// they cover every hour owed the fine is offset in full.
import { uuid4 } from '@temporalio/workflow';
import { checkSessionDate, offsetOutcome, serviceComplete, sessionConfirmationDue } from '../../domain';
import { closeStep, openStep } from '../humanStep';
import { today } from '../kit/recording';
import { throwRefusal } from '../kit/refusals';
import { answerOffset, confirmServiceSession, logServiceSession } from '../messages';
import { closeOpen, openServiceStep } from './deadlines';
import { accepted, concluded, declined, sessionConfirmed, sessionLogged } from './notices';
import { confirmedMinutes, type OffsetCase } from './state';

export function publicInterestServiceSteps({ state, policy, kit }: OffsetCase): void {
  const { is, require, move, note, step } = kit;
  const pendingSession = (id: string) => state.sessions.find((s) => s.id === id && s.status === 'pending');

  step(
    answerOffset,
    () => void require(is('offered'), `The offer is no longer open; the case is ${state.status}.`),
    async ({ actor, accept }) => {
      state.acceptance = { accept, at: new Date().toISOString(), by: actor.sub };
      closeOpen(state, 'acceptance');
      if (!accept) {
        const on = today();
        state.outcome = { result: 'none', offset: 0, remainingFine: state.offer.fine, concludedOn: on };
        return move('declined', declined(state, actor, on));
      }
      openServiceStep(state);
      return move('in_service', accepted(actor));
    },
  );

  step(
    logServiceSession,
    ({ date }) => {
      require(is('in_service'), `Service sessions are not being logged; the case is ${state.status}.`);
      const check = checkSessionDate(date, state.terms.offeredOn, today());
      if (!check.ok) throwRefusal(check.refusal);
    },
    async ({ actor, organisation, date, hours, description }) => {
      const confirmation = openStep(state.agenda, {
        step: 'session_confirmation',
        assignee: 'officer',
        due: sessionConfirmationDue(today(), policy),
      });
      state.sessions.push({
        id: uuid4(),
        organisation,
        date,
        hours,
        description,
        loggedAt: new Date().toISOString(),
        loggedBy: actor.sub,
        status: 'pending',
        stepKey: confirmation.key,
      });
      return note(sessionLogged(actor, hours, organisation));
    },
  );

  step(
    confirmServiceSession,
    ({ sessionId }) => {
      require(is('in_service'), `No session can be confirmed; the case is ${state.status}.`);
      require(pendingSession(sessionId) !== undefined, `Session ${sessionId} is not awaiting confirmation.`);
    },
    async ({ actor, sessionId, confirmed, note: confirmationNote }) => {
      const session = pendingSession(sessionId)!;
      session.status = confirmed ? 'confirmed' : 'rejected';
      session.confirmation = { confirmed, note: confirmationNote, at: new Date().toISOString(), by: actor.sub };
      if (session.stepKey) closeStep(state.agenda, session.stepKey);
      delete session.stepKey;
      const minutes = confirmedMinutes(state);
      if (!serviceComplete(state.terms, minutes)) return note(sessionConfirmed(actor, confirmed, confirmationNote));
      const outcome = offsetOutcome(state.terms, minutes);
      const on = today();
      state.outcome = { ...outcome, concludedOn: on };
      return move('completed', { ...concluded(state, actor, outcome, on), reason: confirmationNote });
    },
  );
}
