// The proactive repair service (主动信用修复, Nanhu: 主动上门服务, 三员走访): credit staff visit an
// enterprise whose penalty record has become repair-eligible, instead of waiting for it to apply.
import { addWorkingDays, type CalendarDate, type DueDate } from './calendar';

/** What came of a visit. */
export const REPAIR_VISIT_OUTCOMES = ['informed', 'application_started', 'declined', 'not_reached'] as const;
export type RepairVisitOutcome = (typeof REPAIR_VISIT_OUTCOMES)[number];

/**
 * The visit is due within this many working days of eligibility. Nanhu's documents set no period;
 * ten working days is the time credit staff have to decide an application (Order 36).
 */
export const REPAIR_VISIT_WORKING_DAYS = 10;

export const repairVisitDue = (eligibleOn: CalendarDate): DueDate =>
  addWorkingDays(eligibleOn, REPAIR_VISIT_WORKING_DAYS);
