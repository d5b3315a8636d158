// The audit trail for auditors and admins: every recorded change, oldest first (id order, the
// order of the hash chain), filtered by entity, actor and time, paged with an opaque keyset cursor.
// Each entry carries its chain hash, which `npm run audit:verify` recomputes.
import { and, asc, eq, gt, gte, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { verifyAuditLog } from '../../db/auditChain';
import { auditLog } from '../../db/schema';
import { ApiError } from '../errors';
import { UNSCOPED } from '../permissions';
import { route } from '../route';
import { instant, text } from '../schemas';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** A cursor is the id of the last entry of the previous page, in decimal: any such value is a position. */
const encodeCursor = (id: number): string => String(id);

export const auditQuery = z.object({
  entityType: text(100).optional().describe("e.g. 'enterprise', 'matter', 'rectification', 'penalty_record'"),
  entityId: text(200).optional(),
  actor: text(200).optional().describe("The acting user's `sub`, or `system` for automatic steps"),
  from: instant.optional().describe('Entries recorded at or after this instant (ISO 8601 with offset)'),
  to: instant.optional().describe('Entries recorded before this instant (ISO 8601 with offset)'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'is not a cursor: the id of an entry')
    .transform(Number)
    .optional()
    .describe('`nextCursor` of the previous page: the id of its last entry'),
});

export const auditEntry = z.object({
  id: z.int().describe('Position in the trail; grows with every entry, with gaps'),
  at: z.string().describe('ISO 8601 instant of the change'),
  actor: z.string(),
  role: z.string(),
  action: z.string().describe("e.g. 'enterprise.registered', 'catalog.matter_updated'"),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown().optional().describe('The entity before the change, where it applies'),
  after: z.unknown().optional().describe('The entity after the change, where it applies'),
  reason: z.string().optional(),
  hash: z.string().describe("SHA-256 (hex) over the entry's canonical form and the previous entry's hash"),
});
export type AuditEntryView = z.infer<typeof auditEntry>;

export const auditPage = z.object({
  entries: z.array(auditEntry),
  nextCursor: z.string().optional().describe('Present when there are more entries: pass it as `cursor`'),
});

const toView = (row: typeof auditLog.$inferSelect): AuditEntryView => ({
  id: row.id,
  at: row.at.toISOString(),
  actor: row.actor,
  role: row.role,
  action: row.action,
  entityType: row.entityType,
  entityId: row.entityId,
  ...(row.before === null ? {} : { before: row.before }),
  ...(row.after === null ? {} : { after: row.after }),
  ...(row.reason === null ? {} : { reason: row.reason }),
  hash: row.hash,
});

/** One page of entries that pass the filters, in id order. */
export async function listAuditEntries(
  db: Database,
  query: z.infer<typeof auditQuery>,
): Promise<z.infer<typeof auditPage>> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        query.entityType ? eq(auditLog.entityType, query.entityType) : undefined,
        query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
        query.actor ? eq(auditLog.actor, query.actor) : undefined,
        query.from ? gte(auditLog.at, query.from) : undefined,
        query.to ? lt(auditLog.at, query.to) : undefined,
        query.cursor === undefined ? undefined : gt(auditLog.id, query.cursor),
      ),
    )
    .orderBy(asc(auditLog.id))
    // One more than the page, to tell whether another page follows.
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    entries: page.map(toView),
    ...(rows.length > query.limit && last ? { nextCursor: encodeCursor(last.id) } : {}),
  };
}

export const chainVerification = z.object({
  verified: z.int().describe('Entries found intact before the first break, or all of them'),
  last: z.object({ id: z.int(), hash: z.string() }).optional().describe('The last intact entry: the head when intact'),
  broken: z
    .object({
      id: z.int(),
      field: z.enum(['prevHash', 'hash']),
      expected: z.string().nullable(),
      found: z.string().nullable(),
      message: z.string(),
    })
    .optional()
    .describe('The first entry that does not fit the chain'),
});

export function auditRoutes(db: Database) {
  return [
    route({
      method: 'get',
      path: '/audit/verification',
      summary: "Recompute the audit trail's hash chain (what `npm run audit:verify` does), for the console",
      tag: 'audit',
      roles: ['auditor', 'admin'],
      scope: UNSCOPED,
      responses: { 200: { description: 'Intact when `broken` is absent', schema: chainVerification } },
      handler: async () => ({ status: 200, body: await verifyAuditLog(db) }),
    }),
    route({
      method: 'get',
      path: '/audit',
      summary: 'The audit trail: who changed what, when and why, oldest first',
      tag: 'audit',
      roles: ['auditor', 'admin'],
      scope: UNSCOPED,
      query: auditQuery,
      responses: {
        200: { description: 'One page of the entries that pass the filters', schema: auditPage },
        422: { description: 'A range that ends before it starts', codes: ['INVALID_RANGE'] },
      },
      handler: async ({ query }) => {
        if (query.from && query.to && query.to < query.from)
          throw new ApiError(422, 'INVALID_RANGE', 'The range ends before it starts.', [
            { from: query.from.toISOString(), to: query.to.toISOString() },
          ]);
        return { status: 200, body: await listAuditEntries(db, query) };
      },
    }),
  ];
}
