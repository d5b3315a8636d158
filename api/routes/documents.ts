// Documents (文书) and their service (送达): a case's documents, a document's PDF with its stored
// SHA-256, the business's acknowledgement (served electronically) and an officer's record of
// another way of service. A document is reached with its case's scope: a business only its own,
// another agency's or enterprise's is a 404.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Database } from '../../db/client';
import { documentServed, documentServiceWorkflowId } from '../../workflows/documentService';
import type { EvidenceStore } from '../../db/fileStore';
import { processes } from '../../db/schema';
import { DOCUMENT_KINDS, OFFICER_SERVICE_METHODS, SERVICE_METHODS, type ProcessType } from '../../domain';
import { roles, type Principal } from '../auth';
import { ApiError, notFound } from '../errors';
import { assertReaches, readersOf, UNSCOPED, type RouteScope } from '../permissions';
import { route } from '../route';
import { assertWithinDateRange, byId, calendarDate, text } from '../schemas';
import { documentById, documentsOf, ownerOf, recordService, summaryOf, type DocumentRow } from '../services/documents';

const RESOURCES: ReadonlyArray<{ resource: string; processType: ProcessType; what: string }> = [
  { resource: 'rectifications', processType: 'rectification', what: 'Rectification' },
  { resource: 'observation-periods', processType: 'observation_period', what: 'Observation period' },
  { resource: 'penalty-records', processType: 'penalty_record', what: 'Penalty record' },
  { resource: 'offsets', processType: 'offset', what: 'Offset' },
];

export const documentSchema = z.object({
  id: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  number: z.string().describe("In the agency's pattern, e.g. 盘市监柔〔2026〕0001号"),
  title: z.string(),
  issuedOn: z.string().describe('Calendar date (Asia/Shanghai)'),
  sha256: z.string().describe("The PDF's SHA-256 (hex), as stored and as served"),
  size: z.number().int(),
  verificationCode: z.string().describe('Checked by anyone at GET /public/v1/documents/{verificationCode}'),
  serviceDueOn: z.string().optional().describe('Not acknowledged by then: the officer serves it another way'),
  servedAt: z.string().optional().describe('ISO 8601 instant the service was recorded'),
  servedOn: z.string().optional().describe('Calendar date of service'),
  servedBy: z.enum(SERVICE_METHODS).optional(),
});
export const documentList = z.object({ documents: z.array(documentSchema).describe('Oldest first') });

export const serviceBody = z
  .object({
    method: z.enum(OFFICER_SERVICE_METHODS).describe('Electronic service is the business’s acknowledgement'),
    servedOn: calendarDate,
    note: text(2000),
  })
  .strict();

const notFoundResponse = { description: 'No such document, or not yours', codes: ['NOT_FOUND'] };

export function documentRoutes(deps: {
  db: Database;
  temporal: Client;
  documents: EvidenceStore;
  today(): Promise<string>;
}) {
  const { db } = deps;

  /**
   * Tells the document's service workflow (workflows/documentService.ts) that it is served, so that
   * the officer's task closes. A document without one (the party's own commitment) has none to tell;
   * an unreachable Temporal only delays it: at its due date the workflow reads the record itself.
   */
  const tellServed = (row: DocumentRow) =>
    deps.temporal.workflow
      .getHandle(documentServiceWorkflowId(row.id))
      .signal(documentServed)
      .catch(() => undefined);

  /** A case scope read from the read model alone: a case's documents need no live workflow. */
  const caseScope = (processType: ProcessType, what: string): RouteScope => ({
    kind: 'case',
    param: 'id',
    processType,
    what,
    async locate(id) {
      const [row] = await db
        .select({ enterpriseId: processes.enterpriseId, agency: processes.agency })
        .from(processes)
        .where(and(eq(processes.id, id), eq(processes.processType, processType)));
      if (!row) throw notFound(what);
      return row;
    },
  });

  /** A document the caller reaches, with its case's scope; anything else is a 404. */
  async function reachable(id: string, principal: Principal): Promise<DocumentRow> {
    const row = await documentById(db, id);
    if (!row) throw notFound('Document');
    assertReaches(principal, ownerOf(row), 'Document');
    return row;
  }

  return [
    ...RESOURCES.map(({ resource, processType, what }) =>
      route({
        method: 'get',
        path: `/${resource}/:id/documents`,
        summary: `The documents (文书) a ${what.toLowerCase()} issued, with their numbers, hashes and service`,
        tag: 'documents',
        roles: readersOf(processType),
        scope: caseScope(processType, what),
        params: byId,
        responses: {
          200: { description: 'Oldest first', schema: documentList },
          404: { description: `No such ${what.toLowerCase()}, or not yours`, codes: ['NOT_FOUND'] },
        },
        async handler({ params }) {
          const rows = await documentsOf(db, processType, params.id);
          return { status: 200, body: { documents: rows.map(summaryOf) } };
        },
      }),
    ),
    route({
      method: 'get',
      path: '/documents/:id',
      summary: 'A document as PDF; `X-Content-SHA256` carries its stored hash',
      tag: 'documents',
      roles,
      scope: UNSCOPED,
      params: byId,
      responses: { 200: { description: 'The PDF', contentType: 'application/pdf' }, 404: notFoundResponse },
      async handler({ params, principal }) {
        const row = await reachable(params.id, principal);
        const bytes = await deps.documents.open(row.sha256!);
        if (!bytes) throw notFound('Document file');
        return {
          status: 200,
          stream: bytes,
          headers: {
            'Content-Type': 'application/pdf',
            'Content-Length': String(row.size),
            'X-Content-SHA256': row.sha256!,
            'Content-Disposition': `inline; filename="${row.kind}-${row.year}-${row.seq}.pdf"`,
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/documents/:id/acknowledgement',
      summary: 'The business acknowledges a document in its portal: served electronically now',
      tag: 'documents',
      roles: ['business'],
      scope: UNSCOPED,
      params: byId,
      responses: {
        200: { description: 'Served', schema: documentSchema },
        404: notFoundResponse,
        409: { description: 'Already served', codes: ['INVALID_STATE'] },
      },
      async handler({ params, principal }) {
        const row = await reachable(params.id, principal);
        const served = await recordService(db, row, principal, { method: 'electronic', servedOn: await deps.today() });
        await tellServed(served);
        return { status: 200, body: summaryOf(served) };
      },
    }),
    route({
      method: 'post',
      path: '/documents/:id/service',
      summary: 'An officer records how and when a document was served another way (in person, post, announcement)',
      tag: 'documents',
      roles: ['officer'],
      scope: UNSCOPED,
      params: byId,
      body: serviceBody,
      responses: {
        200: { description: 'Served', schema: documentSchema },
        404: notFoundResponse,
        409: { description: 'Already served', codes: ['INVALID_STATE'] },
        422: {
          description: 'Served before the document was issued, or in the future',
          codes: ['INVALID_SERVICE_DATE'],
        },
      },
      async handler({ params, principal, body }) {
        const row = await reachable(params.id, principal);
        assertWithinDateRange({ servedOn: body.servedOn });
        const today = await deps.today();
        if (body.servedOn < row.issuedOn || body.servedOn > today)
          throw new ApiError(
            422,
            'INVALID_SERVICE_DATE',
            `A document issued on ${row.issuedOn} is served on or after that day and not after today (${today}).`,
          );
        const served = await recordService(db, row, principal, body);
        await tellServed(served);
        return { status: 200, body: summaryOf(served) };
      },
    }),
  ];
}
