// What a follow-up visit (回访) records of the party, shared by every process's follow-up route.
import { z } from 'zod';
import { OPINIONS } from '../domain';
import { calendarDate, text } from './schemas';

/** The register's fields (回访台账); optional on a rectification's visit, which has its outcome. */
export const partyOpinion = {
  corrected: z.boolean().optional().describe('Whether the violation is corrected'),
  opinion: z.enum(OPINIONS).optional().describe("The party's opinion of how it was treated"),
  comments: text(2000).optional().describe("The party's own words"),
};

/** A visit after a decision of an observation period, a penalty record or an offset. */
export const decisionFollowUpBody = z.object({
  visitedOn: calendarDate.describe('From the decision day to today'),
  corrected: z.boolean().describe('Whether the violation is corrected'),
  opinion: z.enum(OPINIONS).describe("The party's opinion of how it was treated"),
  comments: text(2000).optional(),
  note: text(5000),
});
