// What the route that offers public-interest service checks before it starts the case: the
// enterprise is registered, the matter is catalogued, and the agency's policy on the offer day
// allows service in lieu of a fine for it (422 OFFSET_NOT_ALLOWED otherwise).
import type { Database } from '../../db/client';
import { checkOffsetAllowed, offsetTerms, type CalendarDate } from '../../domain';
import type { OffsetOffer } from '../../workflows/messages';
import type { Principal } from '../auth';
import { fromRefusal } from '../errors';
import { assertWithinDateRange } from '../schemas';
import { caseRules, requireEnterprise } from './caseOpening';

export interface OffsetOfferInput {
  enterpriseId: string;
  matterCode: string;
  fine: number;
  reason: string;
}

export const OFFER_REFUSALS = [
  'OFFSET_NOT_ALLOWED',
  'UNKNOWN_ENTERPRISE',
  'UNKNOWN_MATTER',
  'DATE_OUT_OF_RANGE',
] as const;

export async function planOffsetOffer(
  db: Database,
  principal: Principal,
  body: OffsetOfferInput,
  today: CalendarDate,
  id: string,
): Promise<OffsetOffer> {
  await requireEnterprise(db, body.enterpriseId);
  const agency = principal.agency!;
  const { policy, matter } = await caseRules(db, agency, body.matterCode, today);
  const allowed = checkOffsetAllowed(matter, policy);
  if (!allowed.ok) throw fromRefusal(allowed.refusal);
  const terms = offsetTerms({ offeredOn: today, fine: body.fine }, policy);
  if (!terms.ok) throw fromRefusal(terms.refusal);
  assertWithinDateRange({ deadline: terms.value.deadline.date });
  return {
    id,
    enterpriseId: body.enterpriseId,
    agency,
    matter,
    fine: body.fine,
    reason: body.reason,
    offeredBy: { sub: principal.sub, role: principal.role },
    policy,
  };
}
