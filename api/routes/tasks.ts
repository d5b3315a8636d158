// The work list (待办): every pending human step of every process that the caller has to take, from
// the `tasks` read model the workflows keep. Each role sees the steps it takes itself, within its
// reach over cases (api/permissions.ts): officers their agency's officer steps, credit staff every
// credit staff step, a business its own enterprise's steps, auditors and admins all of them.
// Sorted by due date, paged with an opaque keyset cursor so that a deep page costs what the first
// one does; each scope's query walks one of the partial indexes on open tasks in due-date order.
import { and, asc, eq, gt, gte, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { enterprises, tasks } from '../../db/schema';
import { ASSIGNEE_ROLES, dueAtOf, TASK_SUBJECTS, type AssigneeRole, type CalendarDate, type Role } from '../../domain';
import { roles, type Principal } from '../auth';
import { reachFilter, UNSCOPED } from '../permissions';
import { route } from '../route';
import { DATE_REGEX, text, uscc } from '../schemas';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Where the previous page stopped: the last task's due date and key. */
interface Position {
  dueOn: CalendarDate;
  key: string;
}

/**
 * A cursor is the last task's due date and its key in base64url, `YYYY-MM-DD~a2V5`: safe in a URL
 * as it is. Any such value is a position in (due date, key) order, so every cursor the document
 * allows is taken: real keys are printable ASCII, so a decoded NUL (which Postgres cannot take)
 * becomes U+0001, which sorts the same way against them.
 */
const CURSOR = new RegExp(`^(${DATE_REGEX})~([A-Za-z0-9_-]{1,700})$`);

const encodeCursor = (p: Position): string => `${p.dueOn}~${Buffer.from(p.key).toString('base64url')}`;

function decodeCursor(value: string): Position {
  const [, dueOn, key] = CURSOR.exec(value)!;
  return { dueOn: dueOn!, key: Buffer.from(key!, 'base64url').toString('latin1').replaceAll('\u0000', '\u0001') };
}

export const taskListQuery = z.object({
  status: z
    .enum(['due', 'overdue'])
    .optional()
    .describe('`overdue`: past their due date; `due`: not yet. Both when omitted'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z
    .string()
    .regex(CURSOR, 'is not a cursor: YYYY-MM-DD~base64url')
    .transform(decodeCursor)
    .optional()
    .describe('`nextCursor` of the previous page: its last task’s due date and key (base64url), `YYYY-MM-DD~a2V5`'),
  assigneeRole: z.enum(ASSIGNEE_ROLES).optional().describe('Narrows the list to steps awaited from this role'),
  agency: text(100).optional().describe('Narrows the list to steps of this agency’s processes'),
  enterpriseId: uscc.optional().describe('Narrows the list to steps of this enterprise’s processes'),
});

export const taskSchema = z.object({
  processType: z
    .enum(TASK_SUBJECTS)
    .describe('The kind of case, or `inspection` for an inspection that found violations'),
  processId: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string().nullable().describe("The enterprise's registered name, shown beside its code"),
  step: z.string().describe("What is awaited: 'commitment', 'evidence', 'review', 'check_in', 'repair_decision', ..."),
  dueOn: z.string().describe('The calendar day (Asia/Shanghai) the step is due on'),
  dueAt: z
    .string()
    .describe('The last second of the due day in Shanghai, e.g. `2026-12-02T23:59:59+08:00`; overdue after it'),
  overdue: z.boolean(),
  assigneeRole: z.enum(ASSIGNEE_ROLES),
  agency: z.string().nullable().describe("The agency of the step's process"),
  openedAt: z.string().describe('ISO 8601 instant the step became a task'),
});

export const taskList = z.object({
  tasks: z.array(taskSchema),
  nextCursor: z.string().optional().describe('Present when there are more tasks: pass it as `cursor`'),
});

export type Task = z.infer<typeof taskSchema>;

/**
 * The tasks a principal may see at all: the steps its role takes (all of them for the oversight
 * roles, which take none), of the cases within its reach. Query filters only narrow this further.
 */
const isAssignee = (role: Role): role is AssigneeRole => (ASSIGNEE_ROLES as readonly Role[]).includes(role);

function scopeOf(principal: Principal): Array<SQL | undefined> {
  const role = principal.role;
  const ownSteps = isAssignee(role) ? eq(tasks.assigneeRole, role) : undefined;
  return [ownSteps, reachFilter(principal, { enterpriseId: tasks.enterpriseId, agency: tasks.agency })];
}

// Byte order, so that the order (and so the cursor) does not depend on the server's locale.
const keyOrder = sql`${tasks.key} collate "C"`;

/** Everything after `p` in (due date, key) order, written so that the due-date bound is an index condition. */
const after = (p: Position) =>
  and(gte(tasks.dueOn, p.dueOn), or(gt(tasks.dueOn, p.dueOn), sql`${keyOrder} > ${p.key}`));

const toTask = ({
  task: row,
  enterpriseName,
}: {
  task: typeof tasks.$inferSelect;
  enterpriseName: string | null;
}): Task => ({
  processType: row.processType as Task['processType'],
  processId: row.processId,
  enterpriseId: row.enterpriseId,
  enterpriseName,
  step: row.step,
  dueOn: row.dueOn,
  dueAt: dueAtOf(row.dueOn),
  overdue: row.overdue,
  assigneeRole: row.assigneeRole as Task['assigneeRole'],
  agency: row.agency,
  openedAt: row.openedAt.toISOString(),
});

/**
 * The query behind one page: the caller's scope, the filters, then everything after the cursor in
 * (due date, key) order, one row more than the page to tell whether another page follows; each
 * with its enterprise's name (a primary-key look-up per row of the page) for the console's list.
 */
export function taskPageQuery(db: Database, principal: Principal, query: z.infer<typeof taskListQuery>) {
  return db
    .select({ task: tasks, enterpriseName: enterprises.name })
    .from(tasks)
    .leftJoin(enterprises, eq(enterprises.id, tasks.enterpriseId))
    .where(
      and(
        isNull(tasks.closedAt),
        ...scopeOf(principal),
        query.status ? eq(tasks.overdue, query.status === 'overdue') : undefined,
        query.assigneeRole ? eq(tasks.assigneeRole, query.assigneeRole) : undefined,
        query.agency ? eq(tasks.agency, query.agency) : undefined,
        query.enterpriseId ? eq(tasks.enterpriseId, query.enterpriseId) : undefined,
        query.cursor ? after(query.cursor) : undefined,
      ),
    )
    .orderBy(asc(tasks.dueOn), keyOrder)
    .limit(query.limit + 1);
}

/** One page of the tasks `principal` may see, in (due date, key) order. */
export async function listTasks(
  db: Database,
  principal: Principal,
  query: z.infer<typeof taskListQuery>,
): Promise<z.infer<typeof taskList>> {
  const rows = await taskPageQuery(db, principal, query);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    tasks: page.map(toTask),
    ...(rows.length > query.limit && last ? { nextCursor: encodeCursor(last.task) } : {}),
  };
}

export function taskRoutes(db: Database) {
  return [
    route({
      method: 'get',
      path: '/tasks',
      summary: "The caller's pending human steps across all processes, by due date",
      tag: 'tasks',
      roles,
      scope: UNSCOPED,
      query: taskListQuery,
      responses: {
        200: {
          description:
            "Officers: their agency's officer steps; credit staff: all credit staff steps; a business: its own " +
            "enterprise's steps; auditors and admins: every open step. Filters only narrow that scope.",
          schema: taskList,
        },
      },
      handler: async ({ principal, query }) => ({ status: 200, body: await listTasks(db, principal, query) }),
    }),
  ];
}
