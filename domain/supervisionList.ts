// The yearly graded list (分级分类名单, Jimsar item 7): each January an agency fixes, from the
// previous year's grades, each enterprise's grade and routine-inspection cap for the year. By
// January 31 (the deadline) it is fixed, by the admin or else automatically; later only with
// `late` and a reason. The list is a snapshot: later changes to a file move the rating, not the list.
import { isBefore, type CalendarDate } from './calendar';
import { routineCap } from './inspection';
import type { CreditGrade, Policy } from './policySettings';
import { ok, refuse, type Result } from './refusal';

/** The last day to fix a year's list. */
export const listDeadline = (year: number): CalendarDate => `${year}-01-31`;
/** The day whose grades a year's list takes: the last of the previous year. */
export const gradedOn = (year: number): CalendarDate => `${year - 1}-12-31`;

/** Whether the admin may fix `year`'s list on `today`: from January 1 of that year; after the 31st only late, with a reason. */
export function checkListFixing(
  year: number,
  today: CalendarDate,
  late?: { reason?: string },
): Result<{ late: boolean }> {
  if (isBefore(today, `${year}-01-01`))
    return refuse('LIST_NOT_YET_OPEN', `The graded list for ${year} is fixed from January 1, ${year}.`, [
      { year, today },
    ]);
  if (!isBefore(listDeadline(year), today)) return ok({ late: false });
  if (late?.reason) return ok({ late: true });
  return refuse(
    'LIST_DEADLINE_PASSED',
    `The graded list for ${year} was due by ${listDeadline(year)}; fix it late with \`late: true\` and a reason.`,
    [{ year, deadline: listDeadline(year), today }],
  );
}

export interface GradedEnterprise {
  enterpriseId: string;
  grade: CreditGrade;
  whitelisted: boolean;
}

/** The list's entries: each enterprise with its grade and its cap for the year, by code. */
export function listEntries(
  graded: readonly GradedEnterprise[],
  policy: Pick<Policy, 'routineInspectionCaps' | 'whitelistRoutineCap'>,
) {
  return [...graded]
    .sort((a, b) => (a.enterpriseId < b.enterpriseId ? -1 : a.enterpriseId > b.enterpriseId ? 1 : 0))
    .map((g) => ({ ...g, cap: routineCap({ ...g, gradeFrom: 'rating' }, policy) }));
}
