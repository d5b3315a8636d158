// The whitelist (白名单, Changning item 12): key enterprises an agency inspects at most once a year,
// with a reason and an end date. Officers list for their own agency, admins for any agency they
// name. Each entry's end date is a durable timer (workflows/supervision/whitelistExpiry.ts), started
// in the transaction that stores the entry and cancelled when someone removes it earlier. Ended
// entries stay, as the whitelist's history.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../db/audit';
import { withKeyedLock } from '../../db/keyedLock';
import { whitelistEntries } from '../../db/schema';
import { endWhitelistEntry } from '../../db/supervision';
import { isBefore } from '../../domain';
import { whitelistWorkflowId, type WhitelistExpiryInput } from '../../workflows/messages/supervision';
import type { AppDeps } from '../app';
import type { Principal } from '../auth';
import { ApiError, notFound } from '../errors';
import { UNSCOPED } from '../permissions';
import { route } from '../route';
import { calendarDate, text, uscc } from '../schemas';
import { ensureAgency } from '../services/agencies';
import { requireEnterprise } from '../services/caseOpening';
import { callWorkflow } from '../temporal';
import { STAFF } from './agencies';

export const newWhitelistEntry = z
  .object({
    enterpriseId: uscc,
    reason: text(2000),
    validUntil: calendarDate.describe('The last day the entry holds; today or later'),
    agency: z.string().min(1).max(100).optional().describe('Admins name the agency; an officer’s is their own'),
  })
  .strict();

const removal = z.object({ reason: text(2000) }).strict();

export const whitelistEntrySchema = z.object({
  id: z.string(),
  agency: z.string(),
  enterpriseId: z.string(),
  reason: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  status: z.enum(['active', 'expired', 'removed']),
  createdBy: z.string(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  endedBy: z.string().nullable(),
  endReason: z.string().nullable(),
});

type Row = typeof whitelistEntries.$inferSelect;
const toView = (row: Row): z.infer<typeof whitelistEntrySchema> => ({
  id: row.id,
  agency: row.agency,
  enterpriseId: row.enterpriseId,
  reason: row.reason,
  validFrom: row.validFrom,
  validUntil: row.validUntil,
  status: row.endedAs ?? 'active',
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
  endedAt: row.endedAt?.toISOString() ?? null,
  endedBy: row.endedBy,
  endReason: row.endReason,
});

/** The agency an entry is for: an officer's own; an admin must name one. */
function agencyFor(principal: Principal, named: string | undefined): string {
  if (principal.role === 'officer') {
    if (named !== undefined && named !== principal.agency)
      throw new ApiError(403, 'FORBIDDEN', 'Officers list for their own agency.');
    return principal.agency!;
  }
  if (named === undefined) throw new ApiError(422, 'AGENCY_REQUIRED', 'Name the agency whose whitelist this is.');
  return named;
}

export function whitelistRoutes(deps: AppDeps) {
  const { db, temporal, config } = deps;
  return [
    route({
      method: 'get',
      path: '/whitelist',
      summary: "An agency's whitelist with its history (ended entries too), newest first",
      tag: 'supervision',
      roles: STAFF,
      scope: UNSCOPED,
      query: z.object({ agency: z.string().min(1).max(100).optional().describe('All agencies when omitted') }),
      responses: { 200: { description: 'The entries', schema: z.object({ entries: z.array(whitelistEntrySchema) }) } },
      async handler({ query }) {
        const rows = await db
          .select()
          .from(whitelistEntries)
          .where(query.agency ? eq(whitelistEntries.agency, query.agency) : undefined)
          .orderBy(desc(whitelistEntries.createdAt), desc(whitelistEntries.id))
          .limit(1000);
        return { status: 200, body: { entries: rows.map(toView) } };
      },
    }),
    route({
      method: 'post',
      path: '/whitelist',
      summary: 'Whitelist an enterprise for an agency until a day',
      tag: 'supervision',
      roles: ['officer', 'admin'],
      scope: UNSCOPED,
      body: newWhitelistEntry,
      responses: {
        201: { description: 'Listed; it ends by itself after validUntil', schema: whitelistEntrySchema },
        409: { description: 'The agency lists the enterprise already', codes: ['ALREADY_ACTIVE'] },
        422: {
          description: 'An end date already past, no agency named (admin), or an unknown enterprise',
          codes: ['DATE_IN_PAST', 'AGENCY_REQUIRED', 'UNKNOWN_ENTERPRISE'],
        },
      },
      async handler({ body, principal, req }) {
        const agency = agencyFor(principal, body.agency);
        const today = await deps.today();
        if (isBefore(body.validUntil, today))
          throw new ApiError(422, 'DATE_IN_PAST', `validUntil ${body.validUntil} has passed.`, [
            { validUntil: body.validUntil, today },
          ]);
        await requireEnterprise(db, body.enterpriseId);
        await ensureAgency(db, agency, { actor: principal.sub, role: principal.role, requestId: String(req.id) });
        const row = await withKeyedLock(db, `whitelist:${agency}:${body.enterpriseId}`, () =>
          db.transaction(async (tx) => {
            const [listed] = await tx
              .select({ id: whitelistEntries.id })
              .from(whitelistEntries)
              .where(
                and(
                  eq(whitelistEntries.agency, agency),
                  eq(whitelistEntries.enterpriseId, body.enterpriseId),
                  isNull(whitelistEntries.endedAs),
                ),
              );
            if (listed)
              throw new ApiError(409, 'ALREADY_ACTIVE', `Agency ${agency} lists ${body.enterpriseId} already.`);
            const [created] = await tx
              .insert(whitelistEntries)
              .values({
                id: randomUUID(),
                agency,
                enterpriseId: body.enterpriseId,
                reason: body.reason,
                validFrom: today,
                validUntil: body.validUntil,
                createdBy: principal.sub,
              })
              .returning();
            // Started before the entry commits: a timer without an entry finds nothing to end, an
            // entry without its timer would never end.
            await callWorkflow(
              () =>
                temporal.workflow.start('whitelistExpiry', {
                  workflowId: whitelistWorkflowId(created!.id),
                  taskQueue: config.TEMPORAL_TASK_QUEUE,
                  args: [{ entryId: created!.id, validUntil: created!.validUntil } satisfies WhitelistExpiryInput],
                }),
              'The whitelist entry',
            );
            await recordAudit(tx, {
              actor: principal.sub,
              role: principal.role,
              action: 'whitelist.listed',
              entityType: 'whitelist_entry',
              entityId: created!.id,
              after: created,
              reason: body.reason,
              requestId: String(req.id),
            });
            return created!;
          }),
        );
        return { status: 201, body: toView(row) };
      },
    }),
    route({
      method: 'delete',
      path: '/whitelist/:id',
      summary: 'Take an enterprise off the whitelist before its end date, with a reason',
      tag: 'supervision',
      roles: ['officer', 'admin'],
      scope: UNSCOPED,
      params: z.object({ id: z.uuid() }),
      body: removal,
      responses: {
        200: { description: 'Removed; kept in the history', schema: whitelistEntrySchema },
        404: { description: 'No such entry of your agency', codes: ['NOT_FOUND'] },
        409: { description: 'It has ended already', codes: ['INVALID_STATE'] },
      },
      async handler({ params, body, principal, req }) {
        const [entry] = await db.select().from(whitelistEntries).where(eq(whitelistEntries.id, params.id));
        if (!entry || (principal.role === 'officer' && entry.agency !== principal.agency))
          throw notFound('Whitelist entry');
        const ended = await endWhitelistEntry(db, entry.id, {
          as: 'removed',
          by: principal.sub,
          role: principal.role,
          reason: body.reason,
          at: new Date(),
          requestId: String(req.id),
        });
        if (!ended) throw new ApiError(409, 'INVALID_STATE', 'The whitelist entry has ended already.');
        // Its timer has nothing left to do; should the cancellation fail, the timer finds the entry ended.
        await temporal.workflow
          .getHandle(whitelistWorkflowId(entry.id))
          .cancel()
          .catch(() => undefined);
        return { status: 200, body: toView(ended) };
      },
    }),
  ];
}
