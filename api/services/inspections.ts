// Planning an inspection under its cap, atomically: the count of routine inspections in the
// 12-month window and the insert happen under one lock per enterprise (db/keyedLock.ts), so two
// concurrent plans at the cap give one 201 and one 422 INSPECTION_CAP, in one API process or several.
// A whitelisted enterprise's routine visits are counted across agencies; another agency's routine
// visit within the policy's days is joined (进一次门、查多项事) rather than refused.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../db/audit';
import type { Database } from '../../db/client';
import { withKeyedLock } from '../../db/keyedLock';
import { policyOn } from '../../db/policies';
import { rateNow } from '../../db/ratings';
import { inspections, matters, tasks } from '../../db/schema';
import { routineInspectionsIn, supervisionListOf, whitelistedOn } from '../../db/supervision';
import {
  addWorkingDays,
  capWindow,
  isBefore,
  jointVisitFor,
  routineCap,
  type CalendarDate,
  type CapBasis,
} from '../../domain';
import type { Principal } from '../auth';
import { ApiError, notFound } from '../errors';
import { requireEnterprise } from './caseOpening';

export type InspectionRow = typeof inspections.$inferSelect;

export interface InspectionPlan {
  enterpriseId: string;
  kind: 'routine' | 'triggered';
  trigger?: { type: string; ref: string };
  plannedOn: CalendarDate;
  matters: string[];
}

/** The grade a cap is read from: this year's fixed graded list of the agency, else the rating today. */
async function capBasis(
  db: Database,
  enterpriseId: string,
  agency: string,
  plannedOn: CalendarDate,
  today: CalendarDate,
): Promise<CapBasis> {
  const whitelisted = (await whitelistedOn(db, plannedOn, { enterpriseId })).length > 0;
  const list = await supervisionListOf(db, agency, Number(plannedOn.slice(0, 4)));
  const listed = list?.entries.find((e) => e.enterpriseId === enterpriseId);
  if (listed) return { grade: listed.grade, gradeFrom: 'supervision_list', whitelisted };
  const { grade } = await rateNow(db, enterpriseId, agency, today);
  return { grade, gradeFrom: 'rating', whitelisted };
}

export async function planInspection(
  db: Database,
  principal: Principal,
  plan: InspectionPlan,
  today: CalendarDate,
  requestId: string,
): Promise<InspectionRow> {
  const agency = principal.agency!;
  await requireEnterprise(db, plan.enterpriseId);
  const known = await db.select({ code: matters.code }).from(matters).where(inArray(matters.code, plan.matters));
  const unknown = plan.matters.filter((code) => !known.some((m) => m.code === code));
  if (unknown.length > 0)
    throw new ApiError(422, 'UNKNOWN_MATTER', `Not in the catalog: ${unknown.join(', ')}.`, [{ matters: unknown }]);
  return withKeyedLock(db, `inspections:${plan.enterpriseId}`, async () => {
    let jointWith: string | null = null;
    let plannedOn = plan.plannedOn;
    let capCheck: Record<string, unknown> | null = null;
    if (plan.kind === 'routine') {
      const policy = await policyOn(db, agency, today);
      const basis = await capBasis(db, plan.enterpriseId, agency, plan.plannedOn, today);
      const window = capWindow(plan.plannedOn);
      const counted = await routineInspectionsIn(db, plan.enterpriseId, window, basis.whitelisted ? undefined : agency);
      // Joined visits are one visit with the one they join.
      const visits = counted.filter((i) => i.jointWith === null);
      const joint = basis.whitelisted
        ? jointVisitFor(
            visits.filter((v) => v.status === 'planned'),
            agency,
            plan.plannedOn,
            policy,
          )
        : undefined;
      const cap = routineCap(basis, policy);
      capCheck = { ...basis, cap, used: visits.length, window };
      if (joint) {
        jointWith = joint.id;
        plannedOn = joint.plannedOn;
      } else if (cap !== null && visits.length >= cap) {
        throw new ApiError(
          422,
          'INSPECTION_CAP',
          `Enterprise ${plan.enterpriseId} (grade ${basis.grade}${basis.whitelisted ? ', whitelisted' : ''}) already has ${visits.length} routine inspection(s) between ${window.from} and ${window.to}; the cap is ${cap}.`,
          [capCheck],
        );
      }
    }
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(inspections)
        .values({
          id: randomUUID(),
          enterpriseId: plan.enterpriseId,
          agency,
          kind: plan.kind,
          trigger: plan.trigger ?? null,
          plannedOn,
          matters: plan.matters,
          status: 'planned',
          jointWith,
          capCheck,
          createdBy: principal.sub,
        })
        .returning();
      await recordAudit(tx, {
        actor: principal.sub,
        role: principal.role,
        action: jointWith ? 'inspection.planned_joint' : 'inspection.planned',
        entityType: 'inspection',
        entityId: row!.id,
        after: row,
        requestId,
      });
      return row!;
    });
  });
}

export interface InspectionResult {
  doneOn: CalendarDate;
  findings: string;
  outcome: 'compliant' | 'violations_found';
}

/** The officer's inspection of their agency, or 404. */
export async function requireInspection(db: Database, id: string, principal: Principal): Promise<InspectionRow> {
  const [row] = await db.select().from(inspections).where(eq(inspections.id, id));
  if (!row || (principal.role === 'officer' && row.agency !== principal.agency)) throw notFound('Inspection');
  return row;
}

/**
 * Records what a planned inspection found, once (409 INVALID_STATE after). Violations found open
 * the officer's task to order a rectification, due in the policy's working days: the credit file
 * learns of the violations through that case.
 */
export async function recordInspectionResult(
  db: Database,
  principal: Principal,
  inspection: InspectionRow,
  result: InspectionResult,
  today: CalendarDate,
  requestId: string,
): Promise<InspectionRow> {
  if (isBefore(today, result.doneOn))
    throw new ApiError(422, 'DATE_IN_FUTURE', `doneOn ${result.doneOn} is in the future.`, [
      { doneOn: result.doneOn, today },
    ]);
  const policy = await policyOn(db, inspection.agency, today);
  return db.transaction(async (tx) => {
    const [done] = await tx
      .update(inspections)
      .set({ status: 'done', ...result, resultBy: principal.sub })
      .where(and(eq(inspections.id, inspection.id), eq(inspections.status, 'planned')))
      .returning();
    if (!done) throw new ApiError(409, 'INVALID_STATE', 'The inspection already has its result.');
    if (result.outcome === 'violations_found') {
      await tx.insert(tasks).values({
        key: `inspection:${done.id}:rectification`,
        processType: 'inspection',
        processId: done.id,
        enterpriseId: done.enterpriseId,
        agency: done.agency,
        assigneeRole: 'officer',
        step: 'order_rectification',
        dueOn: addWorkingDays(result.doneOn, policy.inspectionFollowUpWorkingDays).date,
        openedAt: new Date(),
      });
    }
    await recordAudit(tx, {
      actor: principal.sub,
      role: principal.role,
      action: `inspection.${result.outcome}`,
      entityType: 'inspection',
      entityId: done.id,
      before: inspection,
      after: done,
      reason: result.findings,
      requestId,
    });
    return done;
  });
}
