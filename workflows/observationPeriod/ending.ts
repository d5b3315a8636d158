// How an observation period ends, whatever ends it (decline, lapse, conclusion, termination): the
// check-ins still open are settled and the outcome goes into the credit file.
import type { Change } from '../kit/recording';
import type { ObservationOutcome, ObservationView } from '../messages';
import type { CheckInState, ObservationCase } from './state';

export type Ending = [outcome: ObservationOutcome, change: Omit<Change, 'from' | 'creditFile'>, summary: string];

export function endPeriod(
  { state, kit }: ObservationCase,
  outcome: ObservationOutcome,
  change: Omit<Change, 'from' | 'creditFile'>,
  summary: string,
): Promise<ObservationView> {
  state.outcome = outcome;
  for (const c of state.checkIns.filter((c) => !c.completedOn)) {
    const step = c.stepKey ? state.agenda.steps.find((s) => s.key === c.stepKey) : undefined;
    c.settled = step?.overdue ? 'missed' : 'cancelled';
  }
  const tally = (which: (c: CheckInState) => boolean) => state.checkIns.filter(which).length;
  return kit.move(outcome.result, {
    ...change,
    creditFile: [
      {
        occurredOn: outcome.decidedOn,
        kind: `observation_${outcome.result}`,
        summary,
        details: {
          matterCode: state.matterCode,
          startDate: state.timeline.startDate,
          endDate: state.timeline.endDate,
          months: state.timeline.months,
          ...(outcome.terminationReason ? { terminationReason: outcome.terminationReason } : {}),
          ...(outcome.rectificationId ? { rectificationId: outcome.rectificationId } : {}),
          checkIns: {
            done: tally((c) => Boolean(c.completedOn)),
            missed: tally((c) => c.settled === 'missed'),
            cancelled: tally((c) => c.settled === 'cancelled'),
          },
          measures: state.measures.length,
          incidents: state.incidents.length,
          policyVersion: state.timeline.policyVersion,
        },
      },
    ],
  });
}
