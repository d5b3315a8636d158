// What every route that opens a case checks and resolves before it starts the case's workflow: the
// enterprise is registered, the matter is in the catalog, and the agency's rules are those in force
// on the case's opening day (its policy version, and the matter as the agency's lists have it then).
// The workflow gets that policy and matter in its input and keeps them, so a later policy version
// never changes a running case. Used by the three case-opening routes and by an observation
// period's escalated conclusion, which may order a rectification.
import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull, ne } from 'drizzle-orm';
import { findMatterByCode } from '../../db/catalog';
import type { Database } from '../../db/client';
import { withKeyedLock } from '../../db/keyedLock';
import { agencyMatterByCode, policyOn } from '../../db/policies';
import { enterprises, processes } from '../../db/schema';
import {
  checkDisposition,
  checkNoCoercion,
  checkObservationEnterprise,
  isBefore,
  planObservationPeriod,
  rectificationTimeline,
  waivedFineOf,
  type AgencyMatter,
  type CalendarDate,
  type Policy,
} from '../../domain';
import type { ObservationRequest, PenaltyRecordEntry, RectificationOrder } from '../../workflows/messages';
import type { Principal } from '../auth';
import { ApiError, dependencyUnavailable, fromRefusal } from '../errors';
import { assertWithinDateRange } from '../schemas';
import { ensureAgency } from './agencies';

const actorOf = (principal: Principal) => ({ sub: principal.sub, role: principal.role });

/** The enterprise, or `422 UNKNOWN_ENTERPRISE`. */
export async function requireEnterprise(db: Database, id: string) {
  const [enterprise] = await db
    .select({ id: enterprises.id, newBusinessModel: enterprises.newBusinessModel })
    .from(enterprises)
    .where(eq(enterprises.id, id));
  if (!enterprise) throw new ApiError(422, 'UNKNOWN_ENTERPRISE', `Enterprise ${id} is not registered.`);
  return enterprise;
}

/** The agency's policy on `on`, and the matter as its lists have it then; `422 UNKNOWN_MATTER` if uncatalogued. */
export async function caseRules(
  db: Database,
  agency: string | undefined,
  matterCode: string,
  on: CalendarDate,
): Promise<{ policy: Policy; matter: AgencyMatter }> {
  const policy = await policyOn(db, agency, on);
  const matter = await agencyMatterByCode(db, agency, matterCode, policy, on);
  if (!matter) throw new ApiError(422, 'UNKNOWN_MATTER', `Matter ${matterCode} is not in the catalog.`);
  return { policy, matter };
}

/** A calendar date that may not lie ahead of today (`422 DATE_IN_FUTURE`): orders and decisions are recorded after the fact. */
function notInFuture(date: CalendarDate, today: CalendarDate, field: string): void {
  if (isBefore(today, date))
    throw new ApiError(422, 'DATE_IN_FUTURE', `${field} ${date} is in the future.`, [{ [field]: date, today }]);
}

/** What planRectificationOrder refuses an order with (422). */
export const ORDER_REFUSALS = [
  'NOT_ON_LIST',
  'NOT_FIRST_VIOLATION',
  'EXCLUDED_DOMAIN',
  'INVALID_DEADLINE',
  'UNKNOWN_ENTERPRISE',
  'UNKNOWN_MATTER',
  'DATE_IN_FUTURE',
  'DATE_OUT_OF_RANGE',
] as const;

// --- rectifications ---------------------------------------------------------------------------

/** An order as the officer gives it: the order's own terms, a matter code, and a waived fine if known. */
export type RectificationOrderInput = Pick<
  RectificationOrder,
  | 'enterpriseId'
  | 'disposition'
  | 'findings'
  | 'requiredActions'
  | 'deadline'
  | 'orderedOn'
  | 'followUpAfterDays'
  | 'statutoryGround'
  | 'legalBasis'
  | 'noCoercion'
> & { matterCode: string; waivedFine?: number };

async function priorViolations(db: Database, enterpriseId: string, matterCode: string, caseId: string) {
  const rows = await db
    .select({ on: processes.violationOn })
    .from(processes)
    .where(
      and(
        eq(processes.enterpriseId, enterpriseId),
        eq(processes.matterCode, matterCode),
        isNotNull(processes.violationOn),
        // The case being ordered, which a retried order may already have recorded.
        ne(processes.id, caseId),
      ),
    );
  return rows.map((r) => r.on!);
}

/**
 * Checks an order against the catalog, the agency's policy and lists on the order day, the
 * enterprise's earlier violations and the rules, and builds what the workflow runs. An order for a
 * first violation must run under `firstViolationLock` together with the opening of its case.
 */
export async function planRectificationOrder(
  db: Database,
  principal: Principal,
  body: RectificationOrderInput,
  today: CalendarDate,
  id: string = randomUUID(),
): Promise<RectificationOrder> {
  await requireEnterprise(db, body.enterpriseId);
  const orderedOn = body.orderedOn ?? today;
  const agency = principal.agency!;
  const { policy, matter } = await caseRules(db, agency, body.matterCode, orderedOn);
  notInFuture(orderedOn, today, 'orderedOn');
  const { disposition, statutoryGround, legalBasis } = body;
  const allowed = checkDisposition(
    {
      matter,
      disposition,
      orderedOn,
      priorViolations: await priorViolations(db, body.enterpriseId, matter.code, id),
      statutoryGround,
      legalBasis,
    },
    policy,
  );
  if (!allowed.ok) throw fromRefusal(allowed.refusal);
  if (body.noCoercion) {
    const waived = checkNoCoercion(matter, policy);
    if (!waived.ok) throw fromRefusal(waived.refusal);
  }
  const timeline = rectificationTimeline({ orderedOn, disposition, matter, deadline: body.deadline }, policy);
  if (!timeline.ok) throw fromRefusal(timeline.refusal);
  assertWithinDateRange({
    deadline: timeline.value.deadline.date,
    overdueEscalationOn: timeline.value.overdueEscalationOn.date,
  });
  const fine = waivedFineOf(matter, disposition, body.waivedFine);
  return {
    id,
    enterpriseId: body.enterpriseId,
    agency,
    matter,
    disposition,
    findings: body.findings,
    requiredActions: body.requiredActions,
    deadline: body.deadline,
    orderedOn: body.orderedOn,
    followUpAfterDays: body.followUpAfterDays,
    waivedFine: fine.waivedFine,
    ...(fine.waivedFineEstimated ? { waivedFineEstimated: true } : {}),
    ...(disposition === 'statutory_no_penalty' ? { statutoryGround, legalBasis } : {}),
    ...(body.noCoercion ? { noCoercion: true } : {}),
    orderedBy: actorOf(principal),
    policy,
  };
}

/**
 * 首违不罚 is granted once: a first-violation order for an enterprise and matter checks the earlier
 * violations and opens its case (until its read model holds it, where the next check reads) while
 * holding the lock of that enterprise and matter, so a concurrent order waits and then sees it.
 * Other dispositions check nothing about earlier violations and run unlocked.
 */
export async function firstViolationLock<T>(
  db: Database,
  order: Pick<RectificationOrderInput, 'enterpriseId' | 'matterCode' | 'disposition'>,
  work: () => Promise<T>,
): Promise<T> {
  if (order.disposition !== 'first_violation_no_penalty') return work();
  const key = `first-violation\n${order.enterpriseId}\n${order.matterCode}`;
  return withKeyedLock(db, key, work).catch((e: unknown) => {
    // Postgres's lock_not_available: another process held the lock past the wait limit.
    if ((e as { code?: unknown }).code === '55P03') throw dependencyUnavailable('The first-violation check');
    throw e;
  });
}

// --- observation periods --------------------------------------------------------------------

export interface ObservationPeriodInput {
  enterpriseId: string;
  matterCode: string;
  legalBasis: string;
  months?: number;
  reason: string;
  startDate?: CalendarDate;
}

/** Checks a period to open today under the agency's rules of today, and builds what the workflow runs. */
export async function planObservationRequest(
  db: Database,
  principal: Principal,
  body: ObservationPeriodInput,
  today: CalendarDate,
  id: string = randomUUID(),
): Promise<ObservationRequest> {
  const enterprise = await requireEnterprise(db, body.enterpriseId);
  const agency = principal.agency!;
  // Opened today, whatever day it starts on: the consent window runs from today's notice.
  const { policy, matter } = await caseRules(db, agency, body.matterCode, today);
  if (body.startDate && isBefore(body.startDate, today))
    throw new ApiError(422, 'DATE_IN_PAST', `startDate ${body.startDate} is in the past.`, [
      { startDate: body.startDate, today },
    ]);
  const plan = planObservationPeriod(
    { matter, startDate: body.startDate ?? today, months: body.months, notifiedOn: today },
    policy,
  );
  if (!plan.ok) throw fromRefusal(plan.refusal);
  assertWithinDateRange({ endDate: plan.value.endDate, conclusionDue: plan.value.conclusionDue.date });
  const eligible = checkObservationEnterprise(enterprise);
  if (!eligible.ok) throw fromRefusal(eligible.refusal);
  return {
    id,
    enterpriseId: body.enterpriseId,
    agency,
    matter,
    legalBasis: body.legalBasis,
    reason: body.reason,
    months: plan.value.months,
    ...(body.startDate ? { startDate: body.startDate } : {}),
    openedBy: actorOf(principal),
    policy,
  };
}

// --- penalty records ------------------------------------------------------------------------

export interface PenaltyRecordInput {
  enterpriseId: string;
  decisionNo: string;
  decidedOn: CalendarDate;
  severity: PenaltyRecordEntry['severity'];
  procedure: PenaltyRecordEntry['procedure'];
  penalties: PenaltyRecordEntry['penalties'];
  matterCode?: string;
  agency?: string;
}

/**
 * Checks a penalty decision and builds what the workflow runs, under the deciding agency's policy
 * on the decision day (rule sets are chosen by the decision date). Officers enter their own
 * agency's decisions; credit staff name the deciding agency, which is registered if first met here.
 */
export async function planPenaltyRecordEntry(
  db: Database,
  principal: Principal,
  body: PenaltyRecordInput,
  today: CalendarDate,
  id: string,
): Promise<PenaltyRecordEntry> {
  notInFuture(body.decidedOn, today, 'decidedOn');
  await requireEnterprise(db, body.enterpriseId);
  if (body.matterCode !== undefined && !(await findMatterByCode(db, body.matterCode)))
    throw new ApiError(422, 'UNKNOWN_MATTER', `Matter ${body.matterCode} is not in the catalog.`);
  const agency = principal.role === 'officer' ? principal.agency : body.agency;
  if (agency !== undefined) await ensureAgency(db, agency, { actor: principal.sub, role: principal.role });
  return {
    id,
    enterpriseId: body.enterpriseId,
    ...(agency ? { agency } : {}),
    decisionNo: body.decisionNo,
    decidedOn: body.decidedOn,
    severity: body.severity,
    procedure: body.procedure,
    penalties: body.penalties,
    ...(body.matterCode ? { matterCode: body.matterCode } : {}),
    enteredBy: actorOf(principal),
    policy: await policyOn(db, agency, body.decidedOn),
  };
}
