// An observation period's human steps: the business consents, declines or withdraws; the officer
// records soft measures and incidents, extends, concludes or terminates. Each guard refuses what the
// state does not allow; each act changes the state, then records it.
import { patched } from '@temporalio/workflow';
import {
  checkInForMeasure,
  checkObservationExtension,
  isBefore,
  needsLegalReview,
  observationTimeline,
} from '../../domain';
import { closeStep, closeSteps } from '../humanStep';
import { today } from '../kit/recording';
import { throwRefusal } from '../kit/refusals';
import {
  concludeObservation,
  extendObservation,
  recordIncident,
  recordSoftMeasure,
  respondToObservation,
  terminateObservation,
  type SoftMeasureRecord,
} from '../messages';
import { planCheckIn, planConclusion, replanCheckIns } from './deadlines';
import { conclude, holdForLegalReview } from './conclusion';
import { endPeriod } from './ending';
import { consented, declined, extended, incidentRecorded, measureRecorded, terminated } from './notices';
import { FINAL, UNDER_WAY, type ObservationCase } from './state';

/** An identical extension within this long of the last one is a double submission, not a second extension. */
const DUPLICATE_WINDOW_MS = 60_000;

export function observationSteps(process: ObservationCase): void {
  const { state, policy, kit } = process;
  const { is, require: ensure, move, note, step } = kit;

  step(
    respondToObservation,
    () => void ensure(is('pending_consent'), `No consent is awaited; the period is ${state.status}.`),
    async ({ actor, accept }) => {
      state.consent = { accepted: accept, decidedAt: new Date().toISOString(), decidedBy: actor.sub };
      if (!accept) return endPeriod(process, ...declined(state, actor));
      closeSteps(state.agenda, (s) => s.step === 'consent');
      state.checkIns.forEach((c) => planCheckIn(state, c));
      const over = planConclusion(state);
      return move(over ? 'awaiting_conclusion' : 'active', consented(state, actor));
    },
  );

  step(
    recordSoftMeasure,
    ({ date }) => {
      ensure(is(...UNDER_WAY), `Soft measures are recorded while the period is under way; it is ${state.status}.`);
      const on = date ?? today();
      if (isBefore(today(), on))
        throwRefusal({
          code: 'DATE_IN_FUTURE',
          message: `A measure cannot be dated in the future (${on}).`,
          details: [{ date: on, today: today() }],
        });
      if (isBefore(on, state.timeline.startDate))
        throwRefusal({
          code: 'DATE_OUTSIDE_PERIOD',
          message: `The period starts on ${state.timeline.startDate}; a measure on ${on} is outside it.`,
          details: [{ date: on, startDate: state.timeline.startDate }],
        });
    },
    async ({ actor, type, note: text, date }) => {
      const on = date ?? today();
      const undone = state.checkIns.filter((c) => c.stepKey && !c.completedOn);
      const checkIn = state.checkIns.find((c) => c.number === checkInForMeasure(undone, on));
      const measure: SoftMeasureRecord = {
        number: state.measures.length + 1,
        type,
        note: text,
        date: on,
        recordedAt: new Date().toISOString(),
        recordedBy: actor.sub,
        ...(checkIn ? { checkIn: checkIn.number } : {}),
      };
      state.measures.push(measure);
      if (checkIn) {
        checkIn.completedOn = on;
        checkIn.measure = measure.number;
        closeStep(state.agenda, checkIn.stepKey!);
      }
      return note(measureRecorded(actor, type, text, on));
    },
  );

  step(
    recordIncident,
    () => void ensure(is(...UNDER_WAY), `Incidents are recorded while the period is under way; it is ${state.status}.`),
    async ({ actor, description, harm }) => {
      state.incidents.push({
        number: state.incidents.length + 1,
        description,
        harm,
        recordedAt: new Date().toISOString(),
        recordedBy: actor.sub,
      });
      return note(incidentRecorded(state, actor, description, harm));
    },
  );

  step(
    extendObservation,
    ({ actor, months, reason }) => {
      ensure(is(...UNDER_WAY), `The period cannot be extended while ${state.status}.`);
      const last = state.extensions.at(-1);
      ensure(
        !(
          last &&
          last.grantedBy === actor.sub &&
          last.months === months &&
          last.reason === reason &&
          Date.now() - Date.parse(last.grantedAt) < DUPLICATE_WINDOW_MS
        ),
        'The same extension was granted a moment ago; send it again in a minute if a second one is meant.',
      );
      const total = checkObservationExtension(state.timeline.months, months, policy);
      if (!total.ok) throwRefusal(total.refusal);
    },
    async ({ actor, months, reason }) => {
      const previousEndDate = state.timeline.endDate;
      const { startDate, notifiedOn } = state.timeline;
      state.timeline = observationTimeline({ startDate, notifiedOn, months: state.timeline.months + months }, policy);
      replanCheckIns(state);
      if (state.conclusionKey) closeStep(state.agenda, state.conclusionKey);
      const over = planConclusion(state);
      state.extensions.push({
        months,
        reason,
        grantedAt: new Date().toISOString(),
        grantedBy: actor.sub,
        previousEndDate,
        endDate: state.timeline.endDate,
        totalMonths: state.timeline.months,
      });
      return move(over ? 'awaiting_conclusion' : 'active', extended(state, actor, reason));
    },
  );

  step(
    concludeObservation,
    ({ outcome, rectification: order }) => {
      ensure(is('awaiting_conclusion'), `The period can be concluded once it has ended; it is ${state.status}.`);
      if (order && outcome !== 'escalated')
        throwRefusal({ code: 'VALIDATION_FAILED', message: 'Only an escalated conclusion may order a rectification.' });
    },
    async ({ actor, outcome, reason, rectification: order }) => {
      // Where the agency's policy names conclusions, one takes effect only once legal review approves it.
      if (needsLegalReview('observation_conclusion', policy) && patched('observation-conclusion-review'))
        return holdForLegalReview(process, { outcome, reason, ...(order ? { rectification: order } : {}), by: actor });
      return conclude(process, { outcome, reason, ...(order ? { rectification: order } : {}), by: actor }, actor);
    },
  );

  step(
    terminateObservation,
    ({ reason }) => {
      ensure(!is(...FINAL), `The period has already ended (${state.status}).`);
      ensure(
        !(reason === 'withdrawn' && is('pending_consent')),
        'Nothing to withdraw from before consent; decline the period instead.',
      );
    },
    async ({ actor, reason, note: text }) => endPeriod(process, ...terminated(state, actor, reason, text)),
  );
}
