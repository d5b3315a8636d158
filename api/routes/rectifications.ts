// Rectifications (整改): officers order and review, businesses commit and submit evidence. Each
// route authenticates, authorises, validates, then starts, queries or updates the case's workflow.
import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import { findMatterByCode } from '../../db/catalog';
import type { Database } from '../../db/client';
import { enterprises, processes } from '../../db/schema';
import {
  checkDisposition,
  defaultWaivedFine,
  DEFAULT_POLICY,
  DISPOSITIONS,
  isBefore,
  rectificationTimeline,
  type CalendarDate,
} from '../../domain';
import {
  decideExtension,
  escalateRectification,
  rectificationView,
  rectificationWorkflowId,
  recordFollowUp,
  requestExtension,
  reviewEvidence,
  signCommitment,
  submitEvidence,
  type EvidenceFile,
  type RectificationOrder,
  processOpened,
} from '../../workflows/messages';
import type { AppDeps } from '../app';
import type { Principal } from '../auth';
import { caseAccess, stepRoutes } from '../cases';
import { ALLOWED_EVIDENCE_TYPES, assertAllowedEvidence } from '../evidence';
import { contentDisposition } from '../fileNames';
import { ApiError, fromRefusal, notFound } from '../errors';
import { keyedUuid } from '../idempotency';
import { readersOf, UNSCOPED } from '../permissions';
import { route } from '../route';
import { assertWithinDateRange, byId, calendarDate, caseViewParts, dueDate, text, uscc } from '../schemas';
import { callWorkflow, openCase } from '../temporal';

export const newRectification = z.object({
  enterpriseId: uscc,
  matterCode: text(64),
  disposition: z.enum(DISPOSITIONS),
  findings: text(5000),
  requiredActions: z.array(text(1000)).min(1).max(50),
  deadline: z
    .union([z.object({ date: calendarDate }).strict(), z.object({ workingDays: z.int().min(1).max(365) }).strict()])
    .optional()
    .describe("A date, or N working days after the order; the matter's default when omitted"),
  orderedOn: calendarDate
    .optional()
    .describe(
      'When the order was issued, if recorded later; today by default, never after today (422 DATE_IN_FUTURE). ' +
        'Its deadline and escalation run from it: an order recorded after its deadline starts overdue',
    ),
  followUpAfterDays: z.int().min(1).max(365).optional(),
  waivedFine: z
    .number()
    .min(0)
    .max(100_000_000)
    .optional()
    .describe('Fine waived, in yuan; the benchmark minimum by default'),
});

const evidenceFile = z.object({
  evidenceId: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
});

export const rectificationViewSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  agency: z.string(),
  matterCode: z.string(),
  disposition: z.enum(DISPOSITIONS),
  status: z.enum([
    'awaiting_commitment',
    'awaiting_evidence',
    'under_review',
    'follow_up',
    'closed',
    'overdue',
    'escalated',
  ]),
  findings: z.string(),
  requiredActions: z.array(z.string()),
  orderedOn: z.string(),
  deadline: dueDate,
  reminderOn: dueDate.nullable(),
  commitment: z.object({ signatory: z.string(), statement: z.string(), signedAt: z.string() }).optional(),
  submissions: z.array(
    z.object({
      round: z.number(),
      submittedAt: z.string(),
      submittedBy: z.string(),
      description: z.string(),
      files: z.array(evidenceFile),
    }),
  ),
  reviews: z.array(
    z.object({
      round: z.number(),
      decision: z.enum(['accepted', 'rejected']),
      reasons: z.string(),
      reviewedAt: z.string(),
      reviewedBy: z.string(),
    }),
  ),
  extensions: z.array(z.object({ days: z.number(), reason: z.string() }).loose()),
  followUps: z.array(
    z.object({
      visitedOn: z.string(),
      outcome: z.enum(['compliant', 'recurred']),
      note: z.string(),
      recordedBy: z.string(),
    }),
  ),
  waivedFine: z.number(),
  correctedOnTime: z.boolean().optional(),
  nextDueOn: z.string().optional(),
  observationPeriodId: z.string().optional(),
  ...caseViewParts,
});

const byEvidence = z.object({ id: z.uuid(), evidenceId: z.uuid() });

export const commitmentBody = z.object({ signatory: text(200), statement: text(5000) });
/** The text parts of an evidence upload: the description, and no other. */
export const evidenceFields = z.object({ description: text(5000) }).strict();
export const reviewBody = z.object({ decision: z.enum(['accepted', 'rejected']), reasons: text(5000) });
export const extensionRequestBody = z.object({
  days: z.int().min(1).max(60).describe('Working days'),
  reason: text(2000),
});
export const extensionDecisionBody = z.object({
  approve: z.boolean(),
  reason: text(2000),
  days: z
    .int()
    .min(1)
    .max(60)
    .optional()
    .describe('Working days, when granting an overdue case an extension nobody requested'),
});
export const followUpBody = z.object({
  visitedOn: calendarDate,
  outcome: z.enum(['compliant', 'recurred']),
  note: text(5000),
});
export const escalationBody = z.object({ reason: text(2000) });

const CASE_READERS = readersOf('rectification');
const responses = {
  200: { description: 'The case after the step', schema: rectificationViewSchema },
  404: { description: 'No such case, or not yours' },
  409: { description: 'The step does not fit the case now', codes: ['INVALID_STATE'] },
};

/** What planRectificationOrder refuses an order with (422). */
export const ORDER_REFUSALS = [
  'NOT_ON_LIST',
  'NOT_FIRST_VIOLATION',
  'EXCLUDED_DOMAIN',
  'INVALID_DEADLINE',
  'UNKNOWN_ENTERPRISE',
  'UNKNOWN_MATTER',
  'DATE_IN_FUTURE',
  'DATE_OUT_OF_RANGE',
] as const;

async function priorViolations(
  db: Database,
  enterpriseId: string,
  matterCode: string,
  /** The case being ordered, which a retried order may already have recorded. */
  caseId: string,
): Promise<string[]> {
  const rows = await db
    .select({ on: processes.violationOn })
    .from(processes)
    .where(
      and(
        eq(processes.enterpriseId, enterpriseId),
        eq(processes.matterCode, matterCode),
        isNotNull(processes.violationOn),
        ne(processes.id, caseId),
      ),
    );
  return rows.map((r) => r.on!);
}

/**
 * Checks an order against the catalog, the enterprise's earlier violations and the rules, and
 * builds what the workflow runs. Shared by POST /rectifications and the escalated conclusion of an
 * observation period, which may order a rectification.
 */
export async function planRectificationOrder(
  db: Database,
  principal: Principal,
  body: z.infer<typeof newRectification>,
  today: CalendarDate,
  id: string = randomUUID(),
): Promise<RectificationOrder> {
  const [enterprise] = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(eq(enterprises.id, body.enterpriseId));
  if (!enterprise) throw new ApiError(422, 'UNKNOWN_ENTERPRISE', `Enterprise ${body.enterpriseId} is not registered.`);
  const matter = await findMatterByCode(db, body.matterCode);
  if (!matter) throw new ApiError(422, 'UNKNOWN_MATTER', `Matter ${body.matterCode} is not in the catalog.`);
  const policy = DEFAULT_POLICY;
  const orderedOn = body.orderedOn ?? today;
  if (isBefore(today, orderedOn))
    throw new ApiError(422, 'DATE_IN_FUTURE', `orderedOn ${orderedOn} is in the future.`, [{ orderedOn, today }]);
  const allowed = checkDisposition(
    {
      matter,
      disposition: body.disposition,
      orderedOn,
      priorViolations: await priorViolations(db, body.enterpriseId, matter.code, id),
    },
    policy,
  );
  if (!allowed.ok) throw fromRefusal(allowed.refusal);
  const timeline = rectificationTimeline(
    { orderedOn, disposition: body.disposition, matter, deadline: body.deadline },
    policy,
  );
  if (!timeline.ok) throw fromRefusal(timeline.refusal);
  assertWithinDateRange({
    deadline: timeline.value.deadline.date,
    overdueEscalationOn: timeline.value.overdueEscalationOn.date,
  });
  return {
    id,
    enterpriseId: body.enterpriseId,
    agency: principal.agency!,
    matter,
    disposition: body.disposition,
    findings: body.findings,
    requiredActions: body.requiredActions,
    deadline: body.deadline,
    orderedOn: body.orderedOn,
    followUpAfterDays: body.followUpAfterDays,
    waivedFine: body.waivedFine ?? defaultWaivedFine(matter, body.disposition),
    orderedBy: { sub: principal.sub, role: principal.role },
    policy,
  };
}

export function rectificationRoutes(deps: AppDeps) {
  const { db, temporal, evidence, config } = deps;
  const cases = caseAccess(
    { db, temporal },
    { what: 'Rectification', workflowId: rectificationWorkflowId, type: 'rectification', view: rectificationView },
  );

  const step = stepRoutes(cases, { base: '/rectifications', tag: 'rectifications', responses });

  return [
    route({
      method: 'post',
      path: '/rectifications',
      summary: 'Order a rectification (责令改正)',
      tag: 'rectifications',
      roles: ['officer'],
      scope: UNSCOPED,
      body: newRectification,
      responses: {
        201: { description: 'Ordered; the case as it now stands', schema: rectificationViewSchema },
        422: { description: 'The rules refuse the order', codes: ORDER_REFUSALS },
      },
      async handler({ body, principal, idempotencyKey: key }) {
        // Under an Idempotency-Key the case id derives from the key, so that a retry whose first
        // attempt died after starting the workflow (an API crash) finds that case instead of
        // ordering a second one.
        const id = key === undefined ? randomUUID() : keyedUuid(key, 'rectification');
        const order = await planRectificationOrder(db, principal, body, await deps.today(), id);
        // Answers once the order is on record, like the other two processes' openings.
        const opened = await callWorkflow(
          () =>
            openCase(temporal, processOpened, 'rectification', {
              workflowId: rectificationWorkflowId(order.id),
              taskQueue: config.TEMPORAL_TASK_QUEUE,
              args: [{ order }],
              ...(key === undefined
                ? { workflowIdConflictPolicy: 'FAIL' as const }
                : {
                    workflowIdConflictPolicy: 'USE_EXISTING' as const,
                    workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
                  }),
            }),
          'Rectification',
        );
        return { status: 201, body: opened };
      },
    }),
    route({
      method: 'get',
      path: '/rectifications/:id',
      summary: 'A rectification, live from its workflow',
      tag: 'rectifications',
      roles: CASE_READERS,
      scope: cases.scope,
      params: byId,
      responses: { 200: { description: 'The case', schema: rectificationViewSchema }, 404: responses[404] },
      handler: async ({ params }) => ({ status: 200, body: await cases.read(params.id) }),
    }),
    step('commitment', 'Sign the commitment letter (告知承诺书)', ['business'], commitmentBody, signCommitment),
    route({
      method: 'post',
      path: '/rectifications/:id/evidence',
      summary: 'Submit a round of evidence (multipart: description, files)',
      tag: 'rectifications',
      roles: ['business'],
      scope: cases.scope,
      params: byId,
      body: evidenceFields,
      upload: {
        field: 'files',
        maxFiles: 20,
        contentTypes: ALLOWED_EVIDENCE_TYPES,
        // Checked before the files are read, so that a refused round costs no upload; the workflow
        // still decides (the case may move meanwhile).
        admit: async ({ params }) => {
          const view = await cases.read(params.id);
          if (!view.openSteps.some((s) => s.step === 'evidence'))
            throw new ApiError(409, 'INVALID_STATE', `Evidence is not being accepted; the case is ${view.status}.`);
        },
      },
      responses: {
        202: {
          description: 'Accepted for review; each file with its SHA-256',
          schema: z.object({ round: z.number(), status: z.string(), files: z.array(evidenceFile) }),
        },
        ...responses,
        400: { description: 'A file of a type not accepted', codes: ['DISALLOWED_FILE_TYPE'] },
        422: { description: "A file's content is not what its type says", codes: ['FILE_CONTENT_MISMATCH'] },
      },
      async handler(ctx) {
        const { params, principal, body, files } = ctx;
        if (files.length === 0)
          throw new ApiError(
            400,
            'VALIDATION_FAILED',
            'Attach at least one file in the `files` field (multipart/form-data).',
          );
        files.forEach(assertAllowedEvidence);
        const stored: EvidenceFile[] = files.map((file) => ({
          evidenceId: randomUUID(),
          filename: file.originalname,
          contentType: file.mimetype,
          size: file.size,
          sha256: file.sha256,
        }));
        const submitted = { description: body.description, files: stored };
        // Only an accepted round's files enter the store; those of a refused one are discarded. If
        // the answer is unknown (Temporal unreachable) the round may have been recorded: keep them.
        const commit = () => Promise.all(files.map((file) => evidence.commit(file)));
        const view = await cases
          .act(params.id, principal, submitEvidence, submitted, ctx.idempotencyKey)
          .catch(async (e) => {
            if (!(e instanceof ApiError) || e.status >= 500) await commit();
            throw e;
          });
        await commit();
        const round = view.submissions.at(-1)!;
        return { status: 202, body: { round: round.round, status: view.status, files: round.files } };
      },
    }),
    route({
      method: 'get',
      path: '/rectifications/:id/evidence/:evidenceId',
      summary: 'Download an evidence file, with its stored SHA-256',
      tag: 'rectifications',
      roles: CASE_READERS,
      scope: cases.scope,
      params: byEvidence,
      responses: { 200: { description: 'The file; `X-Content-SHA256` carries its hash' }, 404: responses[404] },
      async handler({ params }) {
        const view = await cases.read(params.id);
        const file = view.submissions.flatMap((s) => s.files).find((f) => f.evidenceId === params.evidenceId);
        const bytes = file && (await evidence.open(file.sha256));
        if (!file || !bytes) throw notFound('Evidence file');
        return {
          status: 200,
          stream: bytes,
          headers: {
            'Content-Type': file.contentType,
            'Content-Length': String(file.size),
            'X-Content-SHA256': file.sha256,
            'Content-Disposition': contentDisposition(file.filename),
          },
        };
      },
    }),
    step('review', 'Review the submitted evidence (复查)', ['officer'], reviewBody, reviewEvidence),
    step('extension-request', 'Ask for more time (once)', ['business'], extensionRequestBody, requestExtension),
    step(
      'extension-decision',
      'Decide an extension request, or grant an overdue case more time',
      ['officer'],
      extensionDecisionBody,
      decideExtension,
    ),
    step('follow-up', 'Record the follow-up visit (回访)', ['officer'], followUpBody, recordFollowUp),
    step('escalation', 'Escalate to the general procedure', ['officer'], escalationBody, escalateRectification),
  ];
}
