// How an observation period ends, whatever ends it (decline, lapse, conclusion, termination): the
// check-ins still open are settled and the outcome goes into the credit file.
import type { DocumentDraft } from '../../domain';
import type { Change } from '../kit/recording';
import type { ObservationOutcome, ObservationView } from '../messages';
import type { CheckInState, ObservationCase, ObservationState } from './state';

const CONCLUSIONS: Record<Exclude<ObservationOutcome['result'], 'declined'>, string> = {
  passed: '观察期考察合格，不予行政处罚，恢复常规监管。',
  escalated: '观察期未能达到预期效果，转入一般程序依法处理。',
  terminated: '观察期提前终止。',
};

/** 观察期结论书: how the period went and what follows. */
function conclusionDocument(state: ObservationState, outcome: ObservationOutcome): DocumentDraft {
  const result = outcome.result as keyof typeof CONCLUSIONS;
  return {
    kind: 'observation_conclusion',
    facts: `观察期自${state.timeline.startDate}至${state.timeline.endDate}，记录柔性措施${state.measures.length}次、事件${state.incidents.length}起。`,
    legalBasis: state.request.legalBasis,
    decision: `${CONCLUSIONS[result]}${outcome.reason ? `理由：${outcome.reason}` : ''}`,
    deadlines: [
      { label: '观察期开始', date: state.timeline.startDate },
      { label: '结论日期', date: outcome.decidedOn },
    ],
  };
}

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
    // A declined or lapsed offer was never a period: only a conclusion or a termination is written up.
    ...(outcome.result === 'declined' ? {} : { documents: [conclusionDocument(state, outcome)] }),
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
