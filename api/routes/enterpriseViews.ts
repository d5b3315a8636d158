// What an enterprise has been through, from the read models: its processes (observation periods,
// rectifications, penalty records) with their current status, and its credit file (诚信档案), the
// outcomes in date order. Scoped by the permissions table: a business sees only its own enterprise
// (anything else is a 404); of its processes, officers see their agency's, credit staff the penalty
// records, auditors and admins all. The credit file is the enterprise's record across agencies, so
// everyone who may see the enterprise sees all of it.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { creditFileEntries, enterprises, processes } from '../../db/schema';
import { roles } from '../auth';
import { notFound } from '../errors';
import { API_BASE } from '../openapi';
import { enterpriseScope, reachFilter } from '../permissions';
import { route } from '../route';
import { uscc } from '../schemas';
import { PROCESS_TYPES, type ProcessType } from '../../domain';

const RESOURCE_OF: Record<ProcessType, string> = {
  observation_period: 'observation-periods',
  rectification: 'rectifications',
  penalty_record: 'penalty-records',
  offset: 'offsets',
};

export const enterpriseProcess = z.object({
  processType: z.enum(PROCESS_TYPES),
  id: z.string(),
  status: z.string().describe("The process's status as its workflow last recorded it"),
  agency: z.string().nullable(),
  matterCode: z.string().nullable(),
  openedAt: z.string().describe('ISO 8601 instant'),
  updatedAt: z.string().describe('ISO 8601 instant of the last change'),
  nextDueOn: z.string().optional().describe('The earliest due date of its open steps, if any'),
  href: z.string().describe('Where the live process is read, e.g. `/api/v1/rectifications/{id}`'),
});

export const enterpriseProcessList = z.object({
  enterpriseId: z.string(),
  processes: z.array(enterpriseProcess).describe('Oldest first'),
});

export const creditFileEntry = z.object({
  occurredOn: z.string().describe('Calendar date (Asia/Shanghai) of the outcome'),
  kind: z.string().describe("e.g. 'observation_passed', 'rectification_closed', 'penalty_record_repaired'"),
  summary: z.string(),
  details: z.unknown().nullable(),
  adverse: z
    .boolean()
    .describe(
      'Whether the entry counts against the enterprise; declining or withdrawing from flexible treatment never does',
    ),
  processType: z.enum(PROCESS_TYPES),
  processId: z.string(),
  recordedAt: z.string().describe('ISO 8601 instant the entry was written'),
  key: z.string().describe('The entry id, e.g. for an objection (异议)'),
  disputed: z.boolean().describe('An objection against the entry is pending'),
  originalSummary: z
    .string()
    .optional()
    .describe('The text before an objection corrected it (the summary is the corrected one)'),
});

export const creditFile = z.object({
  enterpriseId: z.string(),
  entries: z.array(creditFileEntry).describe('In date order, oldest first'),
});

const byId = z.object({ id: uscc });

const nextDueOnOf = (view: unknown): string | undefined => {
  const next = (view as { nextDueOn?: unknown } | null)?.nextDueOn;
  return typeof next === 'string' ? next : undefined;
};

const toProcess = (row: typeof processes.$inferSelect): z.infer<typeof enterpriseProcess> => {
  const nextDueOn = nextDueOnOf(row.view);
  // Only the enforcement processes are selected (see the route).
  const processType = row.processType as ProcessType;
  return {
    processType,
    id: row.id,
    status: row.status,
    agency: row.agency,
    matterCode: row.matterCode,
    openedAt: row.openedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(nextDueOn ? { nextDueOn } : {}),
    href: `${API_BASE}/${RESOURCE_OF[processType]}/${row.id}`,
  };
};

const toEntry = (row: typeof creditFileEntries.$inferSelect): z.infer<typeof creditFileEntry> => ({
  occurredOn: row.occurredOn,
  kind: row.kind,
  summary: row.summary,
  details: row.details ?? null,
  adverse: row.adverse,
  processType: row.processType as ProcessType,
  processId: row.processId,
  recordedAt: row.recordedAt.toISOString(),
  key: row.key,
  disputed: row.disputed ?? false,
  ...(row.originalSummary === null ? {} : { originalSummary: row.originalSummary }),
});

export function enterpriseViewRoutes(db: Database) {
  /** An unknown enterprise is a 404, like one out of the caller's reach (the route's scope). */
  async function assertKnownEnterprise(id: string): Promise<void> {
    const [known] = await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, id));
    if (!known) throw notFound('Enterprise');
  }

  return [
    route({
      method: 'get',
      path: '/enterprises/:id/processes',
      summary: "An enterprise's observation periods, rectifications and penalty records, with their status",
      tag: 'enterprises',
      roles,
      scope: enterpriseScope('id'),
      params: byId,
      responses: {
        200: {
          description:
            "A business: all of its own; officers: their agency's; credit staff: the penalty records; auditors and admins: all",
          schema: enterpriseProcessList,
        },
        404: { description: 'No such enterprise, or not yours' },
      },
      async handler({ params, principal }) {
        await assertKnownEnterprise(params.id);
        const rows = await db
          .select()
          .from(processes)
          .where(
            and(
              eq(processes.enterpriseId, params.id),
              // The enforcement processes; objections are reached from the credit file's entries.
              inArray(processes.processType, [...PROCESS_TYPES]),
              reachFilter(principal, {
                enterpriseId: processes.enterpriseId,
                agency: processes.agency,
                processType: processes.processType,
              }),
            ),
          )
          .orderBy(asc(processes.openedAt), asc(processes.id));
        return { status: 200, body: { enterpriseId: params.id, processes: rows.map(toProcess) } };
      },
    }),
    route({
      method: 'get',
      path: '/enterprises/:id/credit-file',
      summary: 'The credit file (诚信档案): outcomes of every process of the enterprise, in date order',
      tag: 'enterprises',
      roles,
      scope: enterpriseScope('id'),
      params: byId,
      responses: {
        200: { description: 'The entries, oldest first', schema: creditFile },
        404: { description: 'No such enterprise, or not yours' },
      },
      async handler({ params }) {
        await assertKnownEnterprise(params.id);
        const rows = await db
          .select()
          .from(creditFileEntries)
          // An entry removed on objection is no longer part of the file (its objection keeps its text).
          .where(and(eq(creditFileEntries.enterpriseId, params.id), isNull(creditFileEntries.removedAt)))
          .orderBy(asc(creditFileEntries.occurredOn), asc(creditFileEntries.recordedAt), asc(creditFileEntries.key));
        return { status: 200, body: { enterpriseId: params.id, entries: rows.map(toEntry) } };
      },
    }),
  ];
}
