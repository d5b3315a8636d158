// Penalty records and credit repair (信用修复): credit staff and officers enter penalty decisions,
// businesses apply for repair and supplement, credit staff decide and revoke. Each route
// authenticates, authorises, validates, then starts, queries or updates the record's workflow.
import { createHash } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { processes } from '../../db/schema';
import {
  applyForRepair,
  decideRepair,
  PENALTY_RECORD_STATUSES,
  penaltyRecordView,
  penaltyRecordWorkflowId,
  REPAIR_DECISIONS,
  revokeRepair,
  supplementRepair,
  processOpened,
  PENALTY_RECORD_FINAL,
} from '../../workflows/messages';
import type { AppDeps } from '../app';
import { caseAccess } from '../cases';
import { ApiError, notFound } from '../errors';
import { readersOf, UNSCOPED } from '../permissions';
import { syncEntriesOf, syncEntrySchema } from '../services/creditSync';
import { route } from '../route';
import { byId, calendarDate, caseViewParts, dueDate, plainText, text, uscc } from '../schemas';
import { planPenaltyRecordEntry } from '../services/caseOpening';
import { callWorkflow, openCase } from '../temporal';

/**
 * A penalty record's id derives from its enterprise and decision number, so that entering the same
 * decision twice lands on the same workflow id and Temporal refuses the second start atomically.
 * Shaped as a UUID (version 8, RFC 9562) so that it reads like every other id in the API.
 */
export function penaltyRecordId(enterpriseId: string, decisionNo: string): string {
  const bytes = createHash('sha256')
    .update(`penalty-record\n${enterpriseId}\n${decisionNo.normalize('NFC')}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const newPenaltyRecord = z.object({
  enterpriseId: uscc,
  decisionNo: text(100).describe('The decision document number (处罚决定书文号), unique per enterprise'),
  decidedOn: calendarDate.describe(
    'Decision date, never after today (422 DATE_IN_FUTURE). Every publication date runs from it',
  ),
  severity: z.enum(['general', 'serious']),
  penalties: z
    .array(
      z.object({
        type: text(64).describe('e.g. warning, public_criticism, fine, confiscation, licence_suspension'),
        amount: z.number().min(0).max(10_000_000_000).optional().describe('In yuan'),
      }),
    )
    .min(1)
    .max(20),
  procedure: z.enum(['simple', 'general']).describe('简易程序 records are minor and not published'),
  matterCode: text(64).optional(),
  agency: text(100)
    .optional()
    .describe("The deciding agency, when credit staff enter the record; an officer's own agency otherwise"),
});

/** Blank or missing materials are not a 400: the rules answer `MATERIALS_INCOMPLETE` with the list. */
const material = plainText(5000);
export const repairApplicationBody = z.object({
  commitmentLetter: material
    .optional()
    .describe('The signed credit commitment letter (信用承诺书): text or a document reference'),
  fulfilmentProof: material.optional().describe('Proof the penalty was fulfilled, e.g. the fine paid'),
  correctionProof: z
    .union([material, z.object({ rectificationId: z.uuid() }).strict()])
    .optional()
    .describe('Proof the conduct was corrected, or a rectification closed compliant for the same matter'),
  creditReport: material.optional(),
  trainingCertificate: material.optional(),
});
const SUPPLIED = [
  'commitmentLetter',
  'fulfilmentProof',
  'correctionProof',
  'creditReport',
  'trainingCertificate',
  'note',
];
export const supplementBody = repairApplicationBody
  .extend({ note: text(2000).optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined && v !== ''), 'supply at least one material or a note')
  // As the schema says it: at least one of them, not blank.
  .meta({
    anyOf: SUPPLIED.map((name) => ({
      required: [name],
      properties: { [name]: name === 'correctionProof' ? { not: { const: '' } } : { minLength: 1 } },
    })),
  });
export const repairDecisionBody = z.object({ decision: z.enum(REPAIR_DECISIONS), reasons: text(5000) });
export const revocationBody = z.object({ reason: text(2000) });

const date = z.string();
const materials = z
  .object({
    commitmentLetter: z.string(),
    fulfilmentProof: z.string(),
    correctionProof: z.union([z.string(), z.object({ rectificationId: z.string() })]),
    creditReport: z.string(),
    trainingCertificate: z.string(),
  })
  .partial();
export const repairApplicationSchema = z.object({
  id: z.string(),
  appliedOn: date,
  appliedAt: z.string(),
  appliedBy: z.string(),
  materials,
  status: z.enum(['pending', 'accepted', 'needs_more', 'approved', 'rejected', 'lapsed']),
  acceptBy: dueDate.nullable(),
  decideBy: dueDate.nullable(),
  pauses: z.array(z.object({ from: date, until: date.nullable().optional() })),
  supplements: z.array(
    z.object({
      suppliedOn: date,
      suppliedAt: z.string(),
      suppliedBy: z.string(),
      materials,
      note: z.string().optional(),
    }),
  ),
  acceptedOn: date.optional(),
  decidedOn: date.optional(),
  postponedDays: z
    .object({ acceptBy: z.int().optional(), decideBy: z.int().optional() })
    .optional()
    .describe('Calendar days bulk extensions have put each processing deadline off'),
});
export const penaltyRecordViewSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  agency: z.string().optional(),
  decisionNo: z.string(),
  decidedOn: date,
  severity: z.enum(['general', 'serious']),
  procedure: z.enum(['simple', 'general']),
  penalties: z.array(z.object({ type: z.string(), amount: z.number().optional() })),
  matterCode: z.string().optional(),
  category: z.enum(['minor', 'general', 'serious']),
  status: z.enum(PENALTY_RECORD_STATUSES),
  publication: z.object({
    published: z.boolean(),
    from: date.nullable(),
    minUntil: date.nullable(),
    maxUntil: date.nullable(),
  }),
  repairEligibleFrom: date.nullable(),
  eligibilityNoticeOn: date.optional(),
  repairedOn: date.optional(),
  expiredOn: date.optional(),
  barredUntil: date.nullable(),
  applications: z.array(repairApplicationSchema),
  decisions: z.array(
    z.object({
      applicationId: z.string(),
      decision: z.enum(REPAIR_DECISIONS),
      reasons: z.string(),
      decidedOn: date,
      decidedAt: z.string(),
      decidedBy: z.string(),
    }),
  ),
  revocations: z.array(
    z.object({ revokedOn: date, revokedAt: z.string(), revokedBy: z.string(), reason: z.string(), barredUntil: date }),
  ),
  correctionProofs: z.array(
    z.object({
      rectificationId: z.string(),
      matterCode: z.string(),
      closedOn: date,
      evidenceIds: z.array(z.string()),
      provenOn: date,
    }),
  ),
  nextDueOn: date.optional(),
  upcoming: z
    .array(z.object({ milestone: z.string(), on: date }))
    .describe("The record's own dates still ahead: repair eligibility, expiry"),
  ruleSet: z.enum(['ndrc-order-58', 'ndrc-order-36']),
  ruleSetBackdated: z.boolean(),
  ...caseViewParts,
});

const byApplication = z.object({ id: z.uuid(), appId: z.uuid() });

const READERS = readersOf('penalty_record');
const responses = {
  200: { description: 'The penalty record after the step', schema: penaltyRecordViewSchema },
  404: { description: 'No such record or application, or not yours' },
  409: { description: 'The step does not fit the record now', codes: ['INVALID_STATE'] },
};

const duplicate = (decisionNo: string) =>
  new ApiError(409, 'DUPLICATE_DECISION', `Penalty decision ${decisionNo} is already recorded for this enterprise.`);

export function penaltyRecordRoutes({ db, temporal, config, today: todayOf }: AppDeps) {
  const records = caseAccess(
    { db, temporal },
    {
      what: 'Penalty record',
      workflowId: penaltyRecordWorkflowId,
      type: 'penalty_record',
      view: penaltyRecordView,
      final: PENALTY_RECORD_FINAL,
    },
  );

  /** The record, refusing with 404 an application id it does not have. */
  async function readApplication(id: string, appId: string) {
    const view = await records.read(id);
    if (!view.applications.some((a) => a.id === appId)) throw notFound('Repair application');
    return view;
  }

  return [
    route({
      method: 'post',
      path: '/penalty-records',
      summary: 'Enter a penalty decision for publication',
      tag: 'penalty-records',
      roles: ['credit_staff', 'officer'],
      scope: UNSCOPED,
      body: newPenaltyRecord,
      responses: {
        201: { description: 'Entered; its publication dates and current status', schema: penaltyRecordViewSchema },
        409: {
          description: 'This decision number is already recorded for the enterprise',
          codes: ['DUPLICATE_DECISION'],
        },
        422: {
          description: 'An unknown enterprise or matter, or a decision dated after today',
          codes: ['UNKNOWN_ENTERPRISE', 'UNKNOWN_MATTER', 'DATE_IN_FUTURE'],
        },
      },
      async handler({ body, principal }) {
        const id = penaltyRecordId(body.enterpriseId, body.decisionNo);
        const entry = await planPenaltyRecordEntry(db, principal, body, await todayOf(), id);
        // Temporal keeps closed runs only for its retention period; the read model keeps them for good.
        const [known] = await db.select({ id: processes.id }).from(processes).where(eq(processes.id, id));
        if (known) throw duplicate(body.decisionNo);
        const opened = await callWorkflow(
          () =>
            openCase(temporal, processOpened, 'penaltyRecord', {
              workflowId: penaltyRecordWorkflowId(id),
              taskQueue: config.TEMPORAL_TASK_QUEUE,
              args: [{ entry }],
              workflowIdConflictPolicy: 'FAIL',
              workflowIdReusePolicy: 'REJECT_DUPLICATE',
            }).catch((e) =>
              Promise.reject(e instanceof WorkflowExecutionAlreadyStartedError ? duplicate(body.decisionNo) : e),
            ),
          'Penalty record',
        );
        return { status: 201, body: opened };
      },
    }),
    route({
      method: 'get',
      path: '/penalty-records/:id',
      summary: 'A penalty record with its publication dates, applications and decisions',
      tag: 'penalty-records',
      roles: READERS,
      scope: records.scope,
      params: byId,
      responses: {
        200: {
          description: 'The record, with the delivery of each credit-platform sync entry',
          schema: penaltyRecordViewSchema.extend({ sync: z.array(syncEntrySchema) }),
        },
        404: responses[404],
      },
      handler: async ({ params }) => ({
        status: 200,
        body: { ...(await records.read(params.id)), sync: await syncEntriesOf(db, params.id) },
      }),
    }),
    route({
      method: 'post',
      path: '/penalty-records/:id/repair-applications',
      summary: 'Apply for credit repair (信用修复申请)',
      tag: 'penalty-records',
      roles: ['business'],
      scope: records.scope,
      params: byId,
      body: repairApplicationBody,
      responses: {
        201: {
          description: 'The application, with its processing deadlines',
          schema: repairApplicationSchema.extend({
            penaltyRecordId: z.string(),
            recordStatus: z.enum(PENALTY_RECORD_STATUSES),
          }),
        },
        404: responses[404],
        409: responses[409],
        422: {
          description:
            'NOT_YET_ELIGIBLE (details: repairEligibleFrom), MATERIALS_INCOMPLETE (details: one `missing` per material), REPAIR_BARRED (details: barredUntil)',
          codes: ['NOT_YET_ELIGIBLE', 'MATERIALS_INCOMPLETE', 'REPAIR_BARRED'],
        },
      },
      async handler(ctx) {
        const view = await records.act(
          ctx.params.id,
          ctx.principal,
          applyForRepair,
          { materials: ctx.body },
          ctx.idempotencyKey,
        );
        const application = view.applications.at(-1)!;
        return { status: 201, body: { ...application, penaltyRecordId: view.id, recordStatus: view.status } };
      },
    }),
    route({
      method: 'post',
      path: '/penalty-records/:id/repair-applications/:appId/decision',
      summary: 'Accept, approve, reject or ask for more (needs_more)',
      tag: 'penalty-records',
      roles: ['credit_staff'],
      scope: records.scope,
      params: byApplication,
      body: repairDecisionBody,
      responses,
      async handler(ctx) {
        await readApplication(ctx.params.id, ctx.params.appId);
        const { decision, reasons } = ctx.body;
        return {
          status: 200,
          body: await records.act(
            ctx.params.id,
            ctx.principal,
            decideRepair,
            { applicationId: ctx.params.appId, decision, reasons },
            ctx.idempotencyKey,
          ),
        };
      },
    }),
    route({
      method: 'post',
      path: '/penalty-records/:id/repair-applications/:appId/supplement',
      summary: 'Supplement an application after needs_more (补正); the review clock restarts',
      tag: 'penalty-records',
      roles: ['business'],
      scope: records.scope,
      params: byApplication,
      body: supplementBody,
      responses,
      async handler(ctx) {
        await readApplication(ctx.params.id, ctx.params.appId);
        const { note, ...supplied } = ctx.body;
        return {
          status: 200,
          body: await records.act(
            ctx.params.id,
            ctx.principal,
            supplementRepair,
            { applicationId: ctx.params.appId, materials: supplied, ...(note ? { note } : {}) },
            ctx.idempotencyKey,
          ),
        };
      },
    }),
    route({
      method: 'post',
      path: '/penalty-records/:id/revocation',
      summary: 'Revoke a repair obtained with false materials; publication is restored',
      tag: 'penalty-records',
      roles: ['credit_staff'],
      scope: records.scope,
      params: byId,
      body: revocationBody,
      responses,
      handler: async (ctx) => ({
        status: 200,
        body: await records.act(ctx.params.id, ctx.principal, revokeRepair, ctx.body, ctx.idempotencyKey),
      }),
    }),
  ];
}
