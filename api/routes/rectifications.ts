// Rectifications (整改): officers order and review, businesses commit and submit evidence. Each
// route authenticates, authorises, validates, then starts, queries or updates the case's workflow.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DISPOSITIONS, OPINIONS, STATUTORY_GROUNDS, type StatutoryGround } from '../../domain';
import {
  decideExtension,
  escalateRectification,
  RECTIFICATION_STATUSES,
  rectificationView,
  rectificationWorkflowId,
  recordFollowUp,
  requestExtension,
  reviewEvidence,
  signCommitment,
  submitEvidence,
  type EvidenceFile,
  processOpened,
  RECTIFICATION_FINAL,
} from '../../workflows/messages';
import type { AppDeps } from '../app';
import { caseAccess, stepRoutes } from '../cases';
import { ALLOWED_EVIDENCE_TYPES, assertAllowedEvidence } from '../evidence';
import { contentDisposition } from '../fileNames';
import { ApiError, notFound } from '../errors';
import { partyOpinion } from '../followUpSchemas';
import { legalReviewRounds, legalReviewRoutes } from '../legalReview';
import { keyedUuid } from '../idempotency';
import { readersOf, UNSCOPED } from '../permissions';
import { route } from '../route';
import { byId, calendarDate, caseViewParts, dueDate, text, uscc } from '../schemas';
import { firstViolationLock, ORDER_REFUSALS, planRectificationOrder } from '../services/caseOpening';
import { callWorkflow, openCase } from '../temporal';

const statutoryGrounds = Object.keys(STATUTORY_GROUNDS) as [StatutoryGround, ...StatutoryGround[]];

/** The terms of an order, without the checks that span fields (refined below and in conclusions). */
export const rectificationTerms = z.object({
  enterpriseId: uscc,
  matterCode: text(64),
  disposition: z
    .enum(DISPOSITIONS)
    .describe(
      "Each but order_only needs the agency's lists to allow it for the matter: no_penalty, lighter_penalty and " +
        'mitigated_penalty their list; first_violation_no_penalty no earlier violation within the look-back; ' +
        'statutory_no_penalty (off the list) a statutoryGround and legalBasis',
    ),
  statutoryGround: z
    .enum(statutoryGrounds)
    .optional()
    .describe(
      'statutory_no_penalty only: minor_and_corrected (行政处罚法 art. 33 ¶1), no_fault (art. 33 ¶2), ' +
        'time_barred (art. 36), minor_age_or_mental (arts. 30-31)',
    ),
  legalBasis: text(2000).optional().describe('statutory_no_penalty only: the article the decision cites'),
  noCoercion: z
    .boolean()
    .optional()
    .describe("Coercive measures waived (免予行政强制); needs the matter on the agency's no_coercion list"),
  findings: text(5000),
  requiredActions: z.array(text(1000)).min(1).max(50),
  deadline: z
    .union([z.object({ date: calendarDate }).strict(), z.object({ workingDays: z.int().min(1).max(365) }).strict()])
    .optional()
    .describe("A date, or N working days after the order; the matter's default when omitted"),
  orderedOn: calendarDate
    .optional()
    .describe("When the order was issued, if recorded later; today by default. The agency's rules of that day apply"),
  followUpAfterDays: z.int().min(1).max(365).optional(),
  waivedFine: z
    .number()
    .min(0)
    .max(100_000_000)
    .optional()
    .describe("Fine waived, in yuan; estimated from the agency's benchmark minimum by default (and marked so)"),
});

/** A statutory no-penalty order names its ground and legal basis; no other order carries them. */
export function statutoryTermsCheck(
  body: { disposition: string; statutoryGround?: string; legalBasis?: string },
  ctx: z.RefinementCtx,
): void {
  const statutory = body.disposition === 'statutory_no_penalty';
  for (const field of ['statutoryGround', 'legalBasis'] as const) {
    if (statutory && body[field] === undefined)
      ctx.addIssue({ code: 'custom', path: [field], message: 'is required for a statutory_no_penalty order' });
    if (!statutory && body[field] !== undefined)
      ctx.addIssue({ code: 'custom', path: [field], message: 'applies only to a statutory_no_penalty order' });
  }
}

/** statutoryTermsCheck as the document states it: a statutory order needs both terms, any other neither. */
export const STATUTORY_TERMS_SCHEMA = {
  if: { properties: { disposition: { const: 'statutory_no_penalty' } }, required: ['disposition'] },
  then: { required: ['statutoryGround', 'legalBasis'] },
  else: { not: { anyOf: [{ required: ['statutoryGround'] }, { required: ['legalBasis'] }] } },
};

export const newRectification = rectificationTerms.superRefine(statutoryTermsCheck).meta(STATUTORY_TERMS_SCHEMA);

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
  status: z.enum(RECTIFICATION_STATUSES),
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
  extensions: z.array(
    z.object({
      requestedAt: z.string().optional(),
      requestedBy: z.string().optional().describe('Absent when an officer granted an overdue case time unasked'),
      days: z.number().describe('Working days'),
      reason: z.string(),
      decision: z
        .object({
          approve: z.boolean(),
          reason: z.string(),
          decidedAt: z.string(),
          decidedBy: z.string(),
          deadline: dueDate.optional().describe('The new deadline, when granted'),
        })
        .optional(),
    }),
  ),
  followUps: z.array(
    z.object({
      visitedOn: z.string(),
      outcome: z.enum(['compliant', 'recurred']),
      note: z.string(),
      recordedBy: z.string(),
      corrected: z.boolean().optional(),
      opinion: z.enum(OPINIONS).optional(),
      comments: z.string().optional(),
    }),
  ),
  waivedFine: z.number(),
  waivedFineEstimated: z
    .boolean()
    .optional()
    .describe("True when the waived fine is the benchmark's minimum, not the officer's"),
  statutoryGround: z.enum(statutoryGrounds).optional(),
  legalBasis: z.string().optional(),
  noCoercion: z.boolean().optional(),
  correctedOnTime: z.boolean().optional(),
  nextDueOn: z.string().optional(),
  observationPeriodId: z.string().optional(),
  legalReviews: legalReviewRounds,
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
  ...partyOpinion,
});
export const escalationBody = z.object({ reason: text(2000) });

const CASE_READERS = readersOf('rectification');
const responses = {
  200: { description: 'The case after the step', schema: rectificationViewSchema },
  404: { description: 'No such case, or not yours' },
  409: { description: 'The step does not fit the case now', codes: ['INVALID_STATE'] },
};

export function rectificationRoutes(deps: AppDeps) {
  const { db, temporal, evidence, config } = deps;
  const cases = caseAccess(
    { db, temporal },
    {
      what: 'Rectification',
      workflowId: rectificationWorkflowId,
      type: 'rectification',
      view: rectificationView,
      final: RECTIFICATION_FINAL,
    },
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
        422: {
          description: "The rules refuse the order (the agency's lists and exclusions on the order day)",
          codes: ORDER_REFUSALS,
        },
      },
      async handler({ body, principal, idempotencyKey: key }) {
        // Under an Idempotency-Key the case id derives from the key, so that a retry whose first
        // attempt died after starting the workflow (an API crash) finds that case instead of
        // ordering a second one.
        const id = key === undefined ? randomUUID() : keyedUuid(key, 'rectification');
        // Answers once the order is on record, like the other two processes' openings: a first
        // violation's check and its opening then happen under one lock (services/caseOpening.ts).
        const opened = await firstViolationLock(db, body, async () => {
          const order = await planRectificationOrder(db, principal, body, await deps.today(), id);
          return callWorkflow(
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
        });
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
    ...legalReviewRoutes(step),
  ];
}
