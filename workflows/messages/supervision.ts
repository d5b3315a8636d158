// What the API and graded supervision's timer workflows share: their ids and inputs.
import type { CalendarDate } from '../../domain/calendar';

export interface WhitelistExpiryInput {
  entryId: string;
  validUntil: CalendarDate;
}

/** One timer per whitelist entry. */
export const whitelistWorkflowId = (entryId: string): string => `whitelist:${entryId}`;

/** The one calendar of the yearly graded lists (workflows/supervision/supervisionListCalendar.ts). */
export const SUPERVISION_LIST_CALENDAR_ID = 'supervision-list-calendar';
