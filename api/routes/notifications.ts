// The caller's inbox: the notifications delivered to its role within its reach (a business its
// enterprise's, an officer its agency's, credit staff theirs), newest first, keyset paginated, with
// the caller's own read marks. Auditors and admins are told nothing, so their inbox is empty.
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { notificationReads, notifications } from '../../db/schema';
import { roles, type Principal } from '../auth';
import { notFound } from '../errors';
import { UNSCOPED } from '../permissions';
import { route } from '../route';

const MAX_PAGE = 200;
/**
 * `<epoch milliseconds>~<id>`: where the previous page stopped. Any such value is a position (at
 * most 13 digits, before the year 2287: an instant JavaScript writes in a form Postgres reads), so
 * every cursor the document allows is taken.
 */
const CURSOR = /^(\d{1,13})~([0-9a-f]{32})$/;

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().describe('The case in the console, e.g. `/rectifications/{id}`'),
  createdAt: z.string(),
  readAt: z.string().optional(),
});
const inbox = z.object({
  notifications: z.array(notificationSchema).describe('Newest first'),
  nextCursor: z.string().optional(),
});
const inboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  cursor: z.string().regex(CURSOR).optional().describe('`nextCursor` of the previous page'),
  unread: z.enum(['true', 'false']).optional().describe('`true`: only what the caller has not read'),
});
const byNotification = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/) });

const readerOf = (p: Principal) => `${p.role}:${p.sub}`;

/** The notifications a principal receives; undefined for roles that receive none. */
function audience(p: Principal): SQL | undefined {
  switch (p.role) {
    case 'business':
      return and(eq(notifications.recipientRole, 'business'), eq(notifications.enterpriseId, p.enterpriseId!));
    case 'officer':
      return and(eq(notifications.recipientRole, 'officer'), eq(notifications.agency, p.agency ?? ''));
    case 'credit_staff':
      return eq(notifications.recipientRole, 'credit_staff');
    default:
      return undefined;
  }
}

export function notificationRoutes(db: Database) {
  const select = (principal: Principal) =>
    db
      .select({ n: notifications, readAt: notificationReads.readAt })
      .from(notifications)
      .leftJoin(
        notificationReads,
        and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.reader, readerOf(principal))),
      );
  const shown = ({ n, readAt }: { n: typeof notifications.$inferSelect; readAt: Date | null }) => ({
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    ...(readAt ? { readAt: readAt.toISOString() } : {}),
  });

  return [
    route({
      method: 'get',
      path: '/notifications',
      summary: "The caller's inbox, newest first",
      tag: 'notifications',
      roles,
      scope: UNSCOPED,
      query: inboxQuery,
      responses: { 200: { description: 'A page of the inbox', schema: inbox } },
      async handler({ principal, query }) {
        const mine = audience(principal);
        if (!mine) return { status: 200, body: { notifications: [] } };
        const match = query.cursor ? CURSOR.exec(query.cursor)! : undefined;
        const after = match && { at: new Date(Number(match[1])), id: match[2]! };
        const rows = await select(principal)
          .where(
            and(
              mine,
              after
                ? or(
                    lt(notifications.createdAt, after.at),
                    and(eq(notifications.createdAt, after.at), lt(notifications.id, after.id)),
                  )
                : undefined,
              query.unread === 'true' ? sql`${notificationReads.readAt} is null` : undefined,
            ),
          )
          .orderBy(desc(notifications.createdAt), desc(notifications.id))
          .limit(query.limit + 1);
        const page = rows.slice(0, query.limit);
        const last = page.at(-1);
        return {
          status: 200,
          body: {
            notifications: page.map(shown),
            ...(rows.length > query.limit && last ? { nextCursor: `${last.n.createdAt.getTime()}~${last.n.id}` } : {}),
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/notifications/:id/read',
      summary: 'Mark a notification read (again: no change)',
      tag: 'notifications',
      roles,
      scope: UNSCOPED,
      params: byNotification,
      responses: {
        200: { description: 'Read', schema: notificationSchema },
        404: { description: 'Not in your inbox', codes: ['NOT_FOUND'] },
      },
      async handler({ principal, params }) {
        const mine = audience(principal);
        const [found] = mine ? await select(principal).where(and(mine, eq(notifications.id, params.id))) : [];
        if (!found) throw notFound('Notification');
        await db
          .insert(notificationReads)
          .values({ notificationId: params.id, reader: readerOf(principal), readAt: new Date() })
          .onConflictDoNothing();
        const [now] = await select(principal).where(eq(notifications.id, params.id));
        return { status: 200, body: shown(now!) };
      },
    }),
  ];
}
