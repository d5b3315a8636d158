// Safe bulk deadline extension (批量延期): when a flood or an epidemic closes an area's businesses
// for a week, an officer puts off every open step of the agency's cases that falls due in that
// time, in one request. A dry run lists exactly the steps a real run would move. The real run
// sends each case one extension update, keyed by the batch so that a retry moves nothing twice,
// and answers step by step; each case audits its own change, and the batch is audited as a whole.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { and, asc, eq, isNull, lt, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../db/audit';
import type { Database } from '../../db/client';
import { matters, processes, tasks } from '../../db/schema';
import { postponedDue, REGISTER_STEPS, type CalendarDate } from '../../domain';
import { extendDeadlines, type DeadlineExtensionResult } from '../../workflows/messages';
import type { Principal } from '../auth';
import { ApiError } from '../errors';
import { keyedUuid } from '../idempotency';
import { route, type RouteContext } from '../route';
import { DuplicateGuard } from '../duplicateGuard';
import { calendarDate, text } from '../schemas';
import { callWorkflow } from '../temporal';
import { CASE_TYPES } from '../../domain';

/** More steps than this in one batch is refused: narrow the filter and send several batches. */
export const MAX_BULK_STEPS = 2_000;
/** Cases updated at once during a real run. */
const CONCURRENT_CASES = 8;

const bulkExtensionRequest = z.object({
  filter: z.object({
    agency: text(100).optional().describe('Officers: their own agency (the default). Admins: any; all when omitted'),
    processType: z.enum(CASE_TYPES).optional(),
    area: text(100).optional().describe('Enforcement area of the case’s catalog matter, e.g. `market_regulation`'),
    dueBefore: calendarDate.describe('Steps due before this day (exclusive) are put off'),
  }),
  days: z
    .number()
    .int()
    .min(1)
    .max(90)
    .describe('Calendar days; a new due date on a rest day moves to the next working day'),
  reason: text(1000).describe('Why, for the audit trail and the parties told of the new dates'),
  dryRun: z.boolean().default(false).describe('List the steps that would move and change nothing'),
});

type BulkExtensionRequest = z.infer<typeof bulkExtensionRequest>;

const stepItem = z.object({
  processType: z.enum(CASE_TYPES),
  processId: z.string(),
  enterpriseId: z.string(),
  agency: z.string().nullable(),
  step: z.string(),
  assigneeRole: z.string(),
  dueOn: z.string(),
  newDueOn: z.string().describe('Dry run: the due date it would get. Real run: the one it got, once extended'),
  result: z
    .enum(['would_extend', 'extended', 'already_extended', 'no_longer_open', 'failed'])
    .describe(
      '`already_extended`: this batch had moved it before (a retry); `no_longer_open`: done or closed meanwhile',
    ),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

const bulkExtensionResponse = z.object({
  batchId: z.string(),
  dryRun: z.boolean(),
  days: z.number(),
  reason: z.string(),
  counts: z.record(z.string(), z.number()).describe('Items by result'),
  items: z.array(stepItem),
});

type StepItem = z.infer<typeof stepItem>;
interface Target extends StepItem {
  stepKey: string;
  workflowId: string;
  runId: string | null;
}

/** The agency a batch is confined to: an officer's own (the route's scope refuses any other), else the filter's. */
const agencyOf = (principal: Principal, filter: BulkExtensionRequest['filter']): string | undefined =>
  principal.role === 'officer' ? principal.agency : filter.agency;

/** The open steps the filter selects, in due-date order, with the due date each would get. */
async function selectSteps(db: Database, request: BulkExtensionRequest, agency: string | undefined): Promise<Target[]> {
  const { filter, days } = request;
  const rows = await db
    .select({ task: tasks, workflowId: processes.workflowId, runId: processes.runId })
    .from(tasks)
    .innerJoin(processes, eq(processes.id, tasks.processId))
    .leftJoin(matters, eq(matters.code, processes.matterCode))
    .where(
      and(
        isNull(tasks.closedAt),
        lt(tasks.dueOn, filter.dueBefore),
        // A register's visit is no workflow's step: no case could move it.
        notInArray(tasks.step, [...REGISTER_STEPS]),
        agency ? eq(tasks.agency, agency) : undefined,
        filter.processType ? eq(tasks.processType, filter.processType) : undefined,
        filter.area ? eq(matters.area, filter.area) : undefined,
      ),
    )
    .orderBy(asc(tasks.dueOn), sql`${tasks.key} collate "C"`)
    .limit(MAX_BULK_STEPS + 1);
  if (rows.length > MAX_BULK_STEPS) {
    throw new ApiError(
      422,
      'TOO_MANY_ITEMS',
      `The filter selects more than ${MAX_BULK_STEPS} steps; narrow it (agency, process type, area or an earlier dueBefore) and send several batches.`,
    );
  }
  return rows.map(({ task, workflowId, runId }) => ({
    processType: task.processType as Target['processType'],
    processId: task.processId,
    enterpriseId: task.enterpriseId,
    agency: task.agency,
    step: task.step,
    assigneeRole: task.assigneeRole,
    dueOn: task.dueOn,
    newDueOn: postponedDue({ date: task.dueOn as CalendarDate, provisional: false }, days).date,
    result: 'would_extend',
    // Task keys are `${processId}:${stepKey}`: the key the case's own agenda knows the step by.
    stepKey: task.key.slice(task.processId.length + 1),
    workflowId,
    runId,
  }));
}

/** The same batch id for every retry with the same Idempotency-Key, so that cases apply it once. */
const batchIdOf = (key: string | undefined): string => (key ? keyedUuid(key, 'bulk-extension') : randomUUID());

/** Sends one case its steps; each item gets the case's answer. */
async function extendCase(
  temporal: Client,
  principal: Principal,
  batch: { batchId: string; days: number; reason: string },
  items: Target[],
): Promise<void> {
  const [first] = items;
  if (!first) return;
  let result: DeadlineExtensionResult;
  try {
    const handle = temporal.workflow.getHandle(first.workflowId, first.runId ?? undefined);
    result = await callWorkflow(
      () =>
        handle.executeUpdate(extendDeadlines, {
          args: [
            { ...batch, stepKeys: items.map((i) => i.stepKey), actor: { sub: principal.sub, role: principal.role } },
          ],
          updateId: `bulk:${batch.batchId}:${first.processId}`,
        }),
      'Case',
    );
  } catch (e) {
    const error =
      e instanceof ApiError
        ? { code: e.code, message: e.message }
        : { code: 'DEPENDENCY_UNAVAILABLE', message: 'The case could not be reached; retry the batch.' };
    for (const item of items) Object.assign(item, { result: 'failed', error });
    return;
  }
  for (const item of items) {
    const moved = result.extended.find((e) => e.key === item.stepKey);
    if (moved) Object.assign(item, { result: 'extended', newDueOn: moved.to });
    else if (result.skipped.includes(item.stepKey)) item.result = 'no_longer_open';
    else item.result = 'already_extended';
  }
}

/** Runs `work` over `inputs`, at most `limit` at a time. */
async function inBatches<T>(inputs: T[], limit: number, work: (input: T) => Promise<void>): Promise<void> {
  const queue = [...inputs];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await work(next);
    }),
  );
}

function countsOf(items: StepItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.result] = (counts[item.result] ?? 0) + 1;
  return counts;
}

function byCase(targets: Target[]): Target[][] {
  const cases = new Map<string, Target[]>();
  for (const t of targets) cases.set(t.processId, [...(cases.get(t.processId) ?? []), t]);
  return [...cases.values()];
}

export function bulkRoutes(deps: { db: Database; temporal: Client }) {
  const duplicates = new DuplicateGuard(deps.db);
  return [
    route({
      method: 'post',
      path: '/bulk/deadline-extensions',
      summary: 'Put off every open step due before a day, for an agency, process type or area (dry run first)',
      tag: 'work',
      roles: ['officer', 'admin'],
      // The agency the filter names, or the caller's own: officers reach only theirs (else 403).
      scope: { kind: 'agency', of: ({ body }) => body.filter.agency },
      body: bulkExtensionRequest,
      responses: {
        200: {
          description: 'The steps selected, and for a real run what happened to each',
          schema: bulkExtensionResponse,
        },
        403: { description: 'An officer asked for another agency', codes: ['FORBIDDEN'] },
        409: {
          description: 'The same real run (same caller and body) was sent without a key in the last 60 seconds',
          codes: ['DUPLICATE_SUBMISSION'],
        },
        422: { description: 'The filter selects too many steps for one batch', codes: ['TOO_MANY_ITEMS'] },
      },
      handler: async (ctx) => {
        // A real run sent twice without a key (a double click) would move every deadline twice.
        const { principal, body, idempotencyKey } = ctx;
        const release =
          body.dryRun || idempotencyKey !== undefined ? undefined : await duplicates.claim(principal, 'bulk', body);
        try {
          return await run(ctx);
        } catch (e) {
          await release?.();
          throw e;
        }
      },
    }),
  ];

  /** Selects the steps and, unless a dry run, extends them case by case and audits the batch. */
  async function run({ principal, body, idempotencyKey, req }: RouteContext<unknown, BulkExtensionRequest, unknown>) {
    const agency = agencyOf(principal, body.filter);
    const targets = await selectSteps(deps.db, body, agency);
    const batch = { batchId: batchIdOf(idempotencyKey), days: body.days, reason: body.reason };
    if (!body.dryRun) {
      await inBatches(byCase(targets), CONCURRENT_CASES, (items) => extendCase(deps.temporal, principal, batch, items));
    }
    const items = targets.map(({ stepKey: _s, workflowId: _w, runId: _r, ...item }) => item);
    const counts = countsOf(items);
    if (!body.dryRun) {
      await recordAudit(deps.db, {
        actor: principal.sub,
        role: principal.role,
        action: 'bulk.deadlines_extended',
        entityType: 'bulk_extension',
        entityId: batch.batchId,
        reason: body.reason,
        after: { filter: { ...body.filter, agency }, days: body.days, counts },
        requestId: String(req.id),
      });
    }
    return { status: 200, body: { ...batch, dryRun: body.dryRun, counts, items } };
  }
}
