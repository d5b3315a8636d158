// What the API and graded supervision's timer workflows share: their ids and inputs.
import type { CalendarDate } from '../../domain/calendar';

export interface WhitelistExpiryInput {
  entryId: string;
  validUntil: CalendarDate;
}

/** One timer per whitelist entry. */
export const whitelistWorkflowId = (entryId: string): string => `whitelist:${entryId}`;
