// Rectification (整改 / 责令改正) rules: the timeline of due dates from the order to the follow-up
// visit (回访), and extensions. Which disposition an order may carry is domain/dispositions.ts.
import {
  addDays,
  addWorkingDays,
  isBefore,
  isCalendarDate,
  subtractWorkingDays,
  type CalendarDate,
  type DueDate,
} from './calendar';
import type { EnforcementMatter } from './catalog';
import { needsCommitment, type Disposition } from './dispositions';
import type { Policy } from './policies';
import { ok, refuse, type Result } from './refusal';

export * from './dispositions';

// --- timeline -------------------------------------------------------------------------------

/** A deadline as the order gives it: a date, or N working days after the order. */
export type DeadlineSpec = { date: CalendarDate } | { workingDays: number };

export interface RectificationTimeline {
  orderedOn: CalendarDate;
  /** Commitment letter due (no-penalty dispositions only). */
  commitmentDue: DueDate | null;
  deadline: DueDate;
  /** Reminder N working days before the deadline; null when that would be on or before the order. */
  reminderOn: DueDate | null;
  /** If still overdue (no accepted evidence, no extension) on this day, escalate automatically. */
  overdueEscalationOn: DueDate;
  policyVersion: string;
}

/** A date derived from another is provisional if either step was. */
const derivedFrom = (base: DueDate, next: DueDate): DueDate => ({
  date: next.date,
  provisional: base.provisional || next.provisional,
});

function resolveDeadline(orderedOn: CalendarDate, spec: DeadlineSpec): Result<DueDate> {
  if ('date' in spec) {
    if (isCalendarDate(spec.date) && isBefore(orderedOn, spec.date)) return ok({ date: spec.date, provisional: false });
    return refuse('INVALID_DEADLINE', `The deadline must be a date after the order date ${orderedOn}.`, [
      { deadline: spec.date, orderedOn },
    ]);
  }
  if (Number.isInteger(spec.workingDays) && spec.workingDays >= 1)
    return ok(addWorkingDays(orderedOn, spec.workingDays));
  return refuse('INVALID_DEADLINE', 'The deadline must be at least 1 working day after the order.', [
    { workingDays: spec.workingDays },
  ]);
}

/** The reminder N working days before the deadline, unless that leaves no time after the order. */
function reminderBefore(deadline: DueDate, orderedOn: CalendarDate, policy: Policy): DueDate | null {
  if (policy.reminderWorkingDaysBeforeDeadline === 0) return null;
  const reminder = derivedFrom(deadline, subtractWorkingDays(deadline.date, policy.reminderWorkingDaysBeforeDeadline));
  return isBefore(orderedOn, reminder.date) ? reminder : null;
}

/**
 * The due dates of an order made on `orderedOn`. The deadline is the order's own (a date, or
 * working days after the order) or else the matter's catalog default in working days.
 */
export function rectificationTimeline(
  input: { orderedOn: CalendarDate; disposition: Disposition; matter: EnforcementMatter; deadline?: DeadlineSpec },
  policy: Policy,
): Result<RectificationTimeline> {
  const { orderedOn, disposition, matter } = input;
  const deadline = resolveDeadline(
    orderedOn,
    input.deadline ?? { workingDays: matter.defaultRectificationWorkingDays },
  );
  if (!deadline.ok) return deadline;
  return ok({
    orderedOn,
    commitmentDue: needsCommitment(disposition) ? addWorkingDays(orderedOn, policy.commitmentWorkingDays) : null,
    deadline: deadline.value,
    reminderOn: reminderBefore(deadline.value, orderedOn, policy),
    overdueEscalationOn: escalationDue(deadline.value, policy),
    policyVersion: policy.version,
  });
}

/** When an overdue case escalates on its own: N working days after the (possibly extended) deadline. */
export function escalationDue(deadline: DueDate, policy: Policy): DueDate {
  return derivedFrom(deadline, addWorkingDays(deadline.date, policy.overdueEscalationWorkingDays));
}

/** The officer's review (复查) of an evidence submission is due N working days after it. */
export function reviewDue(submittedOn: CalendarDate, policy: Policy): DueDate {
  return addWorkingDays(submittedOn, policy.evidenceReviewWorkingDays);
}

/**
 * The follow-up visit (回访): calendar days after acceptance, the order's own number of days or
 * the policy's. Calendar days do not depend on the holiday data, so never provisional.
 */
export function followUpDue(acceptedOn: CalendarDate, policy: Policy, followUpAfterDays?: number): DueDate {
  const days = followUpAfterDays ?? policy.followUpAfterDays;
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`followUpAfterDays must be a whole number >= 1, got ${days}`);
  return { date: addDays(acceptedOn, days), provisional: false };
}

// --- extension ------------------------------------------------------------------------------

/**
 * May the business ask for an extension now? Up to policy.maxExtensionRequests requests, made no
 * later than the deadline day itself (something due on D may still be done on D).
 */
export function checkExtensionRequest(
  input: { requestedOn: CalendarDate; deadline: CalendarDate; requestsSoFar: number },
  policy: Policy,
): Result<true> {
  if (input.requestsSoFar >= policy.maxExtensionRequests) {
    return refuse('INVALID_STATE', `An extension may be requested at most ${policy.maxExtensionRequests} time(s).`, [
      { requestsSoFar: input.requestsSoFar, maxExtensionRequests: policy.maxExtensionRequests },
    ]);
  }
  if (isBefore(input.deadline, input.requestedOn)) {
    return refuse('INVALID_STATE', `An extension must be requested by the deadline ${input.deadline}.`, [
      { deadline: input.deadline, requestedOn: input.requestedOn },
    ]);
  }
  return ok(true);
}

/** The deadline after an approved extension of `extraWorkingDays`, counted from the current deadline. */
export function extendedDeadline(current: DueDate, extraWorkingDays: number): DueDate {
  return derivedFrom(current, addWorkingDays(current.date, extraWorkingDays));
}

/**
 * The timeline after an extension granted on `decidedOn`: counted from the current deadline, or
 * from the decision day when that deadline has already passed (an overdue case given more time),
 * with the reminder and the overdue escalation moved along with it.
 */
export function extendTimeline(
  timeline: RectificationTimeline,
  extraWorkingDays: number,
  decidedOn: CalendarDate,
  policy: Policy,
): RectificationTimeline {
  const from = isBefore(timeline.deadline.date, decidedOn)
    ? { date: decidedOn, provisional: false }
    : timeline.deadline;
  return withDeadline(timeline, extendedDeadline(from, extraWorkingDays), decidedOn, policy);
}

/** The timeline with a new deadline set on `changedOn`; the reminder and the overdue escalation follow it. */
export function withDeadline(
  timeline: RectificationTimeline,
  deadline: DueDate,
  changedOn: CalendarDate,
  policy: Policy,
): RectificationTimeline {
  return {
    ...timeline,
    deadline,
    reminderOn: reminderBefore(deadline, changedOn, policy),
    overdueEscalationOn: escalationDue(deadline, policy),
    policyVersion: policy.version,
  };
}
