// Follow-up visits (回访, Changning item 5; 康复式回访, Tongliao): which decisions call for a visit,
// when it is due, and what the officer records of it, the party's opinion of how it was treated
// among it. A visit is due the policy's calendar days after the decision (followUpAfterDays).
import { addDays, isBefore, type CalendarDate } from './calendar';
import type { Policy } from './policies';
import { ok, refuse, type Result } from './refusal';

export const OPINIONS = ['satisfied', 'neutral', 'dissatisfied'] as const;
export type Opinion = (typeof OPINIONS)[number];

/**
 * The decisions, by the credit-file kind that records them, after which a visit is due: a penalty
 * record entered, an observation period concluded, an offset concluded. A rectification's visit is a
 * step of its own workflow, due once its evidence is accepted.
 */
export const FOLLOW_UP_DECISIONS: readonly string[] = [
  'penalty_record',
  'observation_passed',
  'observation_escalated',
  'offset_completed',
  'offset_lapsed',
];

export const followUpDueOn = (decidedOn: CalendarDate, policy: Policy): CalendarDate =>
  addDays(decidedOn, policy.followUpAfterDays);

/** A visit lies between the decision and today. */
export function checkVisitDate(visitedOn: CalendarDate, decidedOn: CalendarDate, today: CalendarDate): Result<true> {
  if (isBefore(today, visitedOn))
    return refuse('DATE_IN_FUTURE', `A visit on ${visitedOn} has not happened yet.`, [{ visitedOn, today }]);
  if (isBefore(visitedOn, decidedOn))
    return refuse('DATE_OUTSIDE_PERIOD', `A visit on ${visitedOn} is before the decision of ${decidedOn}.`, [
      { visitedOn, decidedOn },
    ]);
  return ok(true);
}

/**
 * Steps of the registers kept beside the workflows (a visit after a decision, a repair visit): tasks
 * like any other on the work list, but no workflow's step, so nothing a case's workflow can move.
 */
export const REGISTER_STEPS: readonly string[] = ['follow_up_visit', 'repair_visit'];
