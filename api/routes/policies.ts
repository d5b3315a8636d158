// Agencies' policies (domain/policies.ts): the version in force on a day, every version, and new
// versions, which admins store with the day they take effect (never in the past) and a reason. A
// case keeps the version in force on the day it opened, so a new version changes only later cases.
import { eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../db/audit';
import type { Database } from '../../db/client';
import { policyVersionsOf, policyVersionOn, type PolicyVersion } from '../../db/policies';
import { agencies, policyVersions } from '../../db/schema';
import {
  checkNotRetroactive,
  CONDUCT_EXCLUSIONS,
  CREDIT_GRADES,
  DEFAULT_POLICY,
  ENFORCEMENT_AREAS,
  inForceOn,
  LEGAL_REVIEW_DECISIONS,
  MATTER_CODE,
  POLICY_NUMBER_BOUNDS,
  policyFor,
  settingsOf,
  TREATMENTS,
  type CalendarDate,
} from '../../domain';
import type { AppDeps } from '../app';
import { fromRefusal } from '../errors';
import { UNSCOPED } from '../permissions';
import { route } from '../route';
import { calendarDate, text } from '../schemas';
import { requireAgency } from '../services/agencies';
import { byAgency, STAFF } from './agencies';

const inspectionCap = z.int().min(0).max(52).nullable().describe('Routine inspections per 12 months; null: no cap');
/** A list of distinct values: the schema says so (uniqueItems) and checks it. */
const distinct = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .refine((values) => new Set(values).size === values.length, 'names a value twice')
    .meta({ uniqueItems: true });
const treatments = distinct(z.enum(TREATMENTS));

/** Every setting of a policy, each within its bounds; relations between them are checked apart. */
const settingsShape = {
  ...(Object.fromEntries(
    Object.entries(POLICY_NUMBER_BOUNDS).map(([name, [min, max]]) => [name, z.int().min(min).max(max)]),
  ) as Record<keyof typeof POLICY_NUMBER_BOUNDS, z.ZodInt>),
  documentNumberPattern: z.string().min(1).max(100).describe('Placeholders {agencyShort}, {year}, {seq} or {seq:N}'),
  legalReviewDecisions: distinct(z.enum(LEGAL_REVIEW_DECISIONS)),
  offsetAreas: distinct(z.enum(ENFORCEMENT_AREAS)),
  offsetMatters: distinct(z.string().regex(MATTER_CODE, 'is not a matter code')),
  offsetProRata: z.boolean(),
  routineInspectionCaps: z.object(Object.fromEntries(CREDIT_GRADES.map((g) => [g, inspectionCap]))).strict(),
  excludedAreas: distinct(z.enum(ENFORCEMENT_AREAS)),
  conductExclusions: z
    .object(Object.fromEntries(CONDUCT_EXCLUSIONS.map((c) => [c, treatments])))
    .strict()
    .describe('What each kind of excluded conduct bars: observation and any of the four lists'),
};

export const policyChange = z
  .object({
    effectiveFrom: calendarDate.describe('Today or later; cases opened from that day on take this version'),
    reason: text(2000),
    ...Object.fromEntries(Object.entries(settingsShape).map(([name, schema]) => [name, schema.optional()])),
  })
  .strict()
  .describe('Settings left out keep their value in the version in force on effectiveFrom');

export const policySchema = z.object({
  agency: z.string(),
  version: z.string().describe('Recorded by every case opened under it'),
  revision: z.int().nullable().describe('null for the default policy'),
  effectiveFrom: z.string().nullable(),
  reason: z.string().nullable(),
  author: z.string().nullable(),
  recordedAt: z.string().nullable(),
  ...settingsShape,
});
type PolicyView = z.infer<typeof policySchema>;

const onQuery = z.object({ on: calendarDate.optional().describe('The day; today when omitted') });

function toView(agency: string, version: PolicyVersion | undefined): PolicyView {
  const policy = version?.policy ?? DEFAULT_POLICY;
  return {
    agency,
    version: policy.version,
    revision: version?.revision ?? null,
    effectiveFrom: version?.effectiveFrom ?? null,
    reason: version?.reason ?? null,
    author: version?.author ?? null,
    recordedAt: version?.recordedAt.toISOString() ?? null,
    ...(settingsOf(policy) as unknown as Pick<PolicyView, keyof typeof settingsShape>),
  };
}

/** Stores a new version: the version in force on its day with the changed settings laid over it. */
async function storeVersion(
  db: Database,
  agency: string,
  body: z.infer<typeof policyChange>,
  by: { sub: string; role: string; requestId: string },
  today: CalendarDate,
) {
  const { effectiveFrom, reason, ...changed } = body;
  const retroactive = checkNotRetroactive(effectiveFrom, today, 'A policy version');
  if (!retroactive.ok) throw fromRefusal(retroactive.refusal);
  return db.transaction(async (tx) => {
    // Locking the agency serialises new versions, so each takes the next revision.
    await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agency)).for('update');
    const base = inForceOn(await policyVersionsOf(tx, agency), effectiveFrom)?.policy ?? DEFAULT_POLICY;
    const [last] = await tx
      .select({ revision: max(policyVersions.revision) })
      .from(policyVersions)
      .where(eq(policyVersions.agency, agency));
    const revision = (last?.revision ?? 0) + 1;
    const policy = policyFor({ agency, revision, settings: { ...settingsOf(base), ...changed } });
    if (!policy.ok) throw fromRefusal(policy.refusal);
    const [row] = await tx
      .insert(policyVersions)
      .values({ agency, revision, effectiveFrom, settings: settingsOf(policy.value), reason, author: by.sub })
      .returning();
    const version: PolicyVersion = { ...row!, policy: policy.value };
    await recordAudit(tx, {
      actor: by.sub,
      role: by.role,
      action: 'policy.version_stored',
      entityType: 'agency',
      entityId: agency,
      after: toView(agency, version),
      reason,
      requestId: by.requestId,
    });
    return version;
  });
}

export function policyRoutes({ db, today }: Pick<AppDeps, 'db' | 'today'>) {
  return [
    route({
      method: 'get',
      path: '/policies/:agency',
      summary: "An agency's policy in force on a day (today by default)",
      tag: 'policies',
      roles: STAFF,
      scope: UNSCOPED,
      params: byAgency,
      query: onQuery,
      responses: {
        200: {
          description: 'The version in force; the default policy for an agency with none then',
          schema: policySchema,
        },
        404: { description: 'No such agency', codes: ['NOT_FOUND'] },
      },
      async handler({ params, query }) {
        const agency = await requireAgency(db, params.agency);
        const version = await policyVersionOn(db, agency.id, query.on ?? (await today()));
        return { status: 200, body: toView(agency.id, version) };
      },
    }),
    route({
      method: 'get',
      path: '/policies/:agency/versions',
      summary: "Every version of an agency's policy, in the order they take effect",
      tag: 'policies',
      roles: STAFF,
      scope: UNSCOPED,
      params: byAgency,
      responses: {
        200: {
          description: 'The stored versions (none: the default policy applies)',
          schema: z.object({
            agency: z.string(),
            inForce: z.string().describe('Version in force today'),
            versions: z.array(policySchema),
          }),
        },
        404: { description: 'No such agency', codes: ['NOT_FOUND'] },
      },
      async handler({ params }) {
        const agency = await requireAgency(db, params.agency);
        const versions = await policyVersionsOf(db, agency.id);
        const inForce = inForceOn(versions, await today())?.policy.version ?? DEFAULT_POLICY.version;
        return {
          status: 200,
          body: { agency: agency.id, inForce, versions: versions.map((v) => toView(agency.id, v)) },
        };
      },
    }),
    route({
      method: 'put',
      path: '/policies/:agency',
      summary: 'Store a new version of an agency’s policy, in force from a day',
      tag: 'policies',
      roles: ['admin'],
      scope: UNSCOPED,
      params: byAgency,
      body: policyChange,
      responses: {
        201: { description: 'The new version', schema: policySchema },
        404: { description: 'No such agency', codes: ['NOT_FOUND'] },
        422: {
          description: 'effectiveFrom is before today, or settings that contradict one another',
          codes: ['RETROACTIVE_POLICY', 'INVALID_POLICY'],
        },
      },
      async handler({ params, body, principal, req }) {
        const agency = await requireAgency(db, params.agency);
        const by = { sub: principal.sub, role: principal.role, requestId: String(req.id) };
        const version = await storeVersion(db, agency.id, body, by, await today());
        return { status: 201, body: toView(agency.id, version) };
      },
    }),
  ];
}
