// Objections (异议申诉): a business disputes an entry of its own enterprise's credit file, with
// reasons and optional files (multipart); the objection is a workflow (workflows/objection/) whose
// decision credit staff record within the policy's working days. Officers see the objections of
// their agency's entries, credit staff, auditors and admins all, a business its own.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { policyOn } from '../../db/policies';
import { creditFileEntries, processes } from '../../db/schema';
import { OBJECTION_DECISIONS, type ProcessType } from '../../domain';
import {
  decideObjection,
  objectionView,
  objectionWorkflowId,
  processOpened,
  type EvidenceFile,
  type ObjectionFiling,
  type ObjectionView,
} from '../../workflows/messages';
import type { AppDeps } from '../app';
import { caseAccess, stepRoutes } from '../cases';
import { ALLOWED_EVIDENCE_TYPES, assertAllowedEvidence } from '../evidence';
import { ApiError, notFound } from '../errors';
import { keyedUuid } from '../idempotency';
import { enterpriseScope } from '../permissions';
import { route } from '../route';
import { byId, caseViewParts, dueDate, text, uscc } from '../schemas';
import { callWorkflow, openCase } from '../temporal';

export const objectionFields = z.object({ reasons: text(5000) }).strict();
export const objectionDecisionBody = z
  .object({
    decision: z.enum(OBJECTION_DECISIONS),
    reasons: text(5000),
    correctedText: text(2000)
      .optional()
      .describe('Required for `corrected`, refused otherwise (422 CORRECTED_TEXT_REQUIRED)'),
  })
  .strict();

const entryParams = z.object({
  id: uscc,
  entryId: z
    .string()
    .min(1)
    .max(300)
    .regex(/^[A-Za-z0-9:_-]+$/, 'is not a credit-file entry id')
    .describe('The entry’s `key` in the credit file'),
});

const file = z.object({
  evidenceId: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
});
export const objectionSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  agency: z.string().optional(),
  status: z.enum(['pending', ...OBJECTION_DECISIONS]),
  entry: z.object({
    key: z.string(),
    kind: z.string(),
    summary: z.string().describe('The text as it stood when the objection was filed'),
    occurredOn: z.string(),
    processType: z.string(),
    processId: z.string(),
  }),
  reasons: z.string(),
  files: z.array(file),
  filedBy: z.string(),
  filedOn: z.string(),
  dueOn: dueDate,
  decision: z
    .object({
      decision: z.enum(OBJECTION_DECISIONS),
      reasons: z.string(),
      oldText: z.string(),
      correctedText: z.string().optional(),
      decidedBy: z.string(),
      decidedOn: z.string(),
    })
    .optional(),
  nextDueOn: z.string().optional(),
  ...caseViewParts,
});

export function objectionRoutes(deps: AppDeps) {
  const { db, temporal, evidence, config } = deps;
  const cases = caseAccess<ObjectionView>(deps, { what: 'Objection', type: 'objection', view: objectionView });
  const responses = {
    200: { description: 'The objection as decided', schema: objectionSchema },
    404: { description: 'No such objection, or not yours', codes: ['NOT_FOUND'] },
    409: { description: 'Decided already', codes: ['INVALID_STATE'] },
    422: { description: 'A correction without its text', codes: ['CORRECTED_TEXT_REQUIRED'] },
  };
  const step = stepRoutes(cases, { base: '/objections', tag: 'supervision', responses });

  /** The entry, of this enterprise and still in its file, or 404. */
  async function disputedEntry(enterpriseId: string, key: string) {
    const [row] = await db
      .select()
      .from(creditFileEntries)
      .where(
        and(
          eq(creditFileEntries.key, key),
          eq(creditFileEntries.enterpriseId, enterpriseId),
          isNull(creditFileEntries.removedAt),
        ),
      );
    if (!row) throw notFound('Credit-file entry');
    return row;
  }

  return [
    route({
      method: 'post',
      path: '/enterprises/:id/credit-file/:entryId/objection',
      summary: 'Object to an entry of your own credit file (multipart: reasons, optional files)',
      tag: 'supervision',
      roles: ['business'],
      scope: enterpriseScope('id'),
      params: entryParams,
      body: objectionFields,
      upload: {
        field: 'files',
        maxFiles: 10,
        contentTypes: ALLOWED_EVIDENCE_TYPES,
        admit: async ({ params }) => void (await disputedEntry(params.id, params.entryId)),
      },
      responses: {
        201: {
          description: 'Filed: pending until credit staff decide, by `dueOn`; the entry shows `disputed: true`',
          schema: objectionSchema,
        },
        404: { description: 'No such entry in your credit file', codes: ['NOT_FOUND'] },
        409: { description: 'An objection to this entry is pending', codes: ['ALREADY_ACTIVE'] },
        400: { description: 'A file of a type not accepted', codes: ['DISALLOWED_FILE_TYPE'] },
        422: { description: "A file's content is not what its type says", codes: ['FILE_CONTENT_MISMATCH'] },
      },
      async handler({ params, body, principal, files, idempotencyKey: key }) {
        const entry = await disputedEntry(params.id, params.entryId);
        files.forEach(assertAllowedEvidence);
        const stored: EvidenceFile[] = files.map((f) => ({
          evidenceId: randomUUID(),
          filename: f.originalname,
          contentType: f.mimetype,
          size: f.size,
          sha256: f.sha256,
        }));
        const [owner] = await db
          .select({ agency: processes.agency })
          .from(processes)
          .where(eq(processes.id, entry.processId));
        const agency = owner?.agency ?? undefined;
        const id = key === undefined ? randomUUID() : keyedUuid(key, 'objection');
        const filing: ObjectionFiling = {
          id,
          enterpriseId: params.id,
          ...(agency ? { agency } : {}),
          entry: {
            key: entry.key,
            kind: entry.kind,
            summary: entry.summary,
            occurredOn: entry.occurredOn,
            processType: entry.processType as ProcessType,
            processId: entry.processId,
          },
          reasons: body.reasons,
          files: stored,
          filedBy: { sub: principal.sub, role: principal.role },
          policy: await policyOn(db, agency, await deps.today()),
        };
        const what = 'An objection to this entry';
        const opened = (await callWorkflow(
          () =>
            openCase(temporal, processOpened, 'objection', {
              workflowId: objectionWorkflowId(entry.key),
              taskQueue: config.TEMPORAL_TASK_QUEUE,
              args: [{ filing }],
              workflowIdConflictPolicy: key === undefined ? 'FAIL' : 'USE_EXISTING',
              workflowIdReusePolicy: 'ALLOW_DUPLICATE',
            }),
          what,
        )) as ObjectionView;
        if (opened.id !== id) throw new ApiError(409, 'ALREADY_ACTIVE', `${what} is pending.`);
        await Promise.all(files.map((f) => evidence.commit(f)));
        return { status: 201, body: opened };
      },
    }),
    route({
      method: 'get',
      path: '/objections/:id',
      summary: 'An objection, live from its workflow',
      tag: 'supervision',
      roles: ['officer', 'business', 'credit_staff', 'auditor', 'admin'],
      scope: cases.scope,
      params: byId,
      responses: { 200: { description: 'The objection', schema: objectionSchema }, 404: responses[404] },
      handler: async ({ params }) => ({ status: 200, body: await cases.read(params.id) }),
    }),
    step(
      'decision',
      'Decide an objection: upheld, corrected (with the text) or removed',
      ['credit_staff'],
      objectionDecisionBody,
      decideObjection,
    ),
  ];
}
