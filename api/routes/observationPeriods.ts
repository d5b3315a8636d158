// Observation periods (观察期): officers open, measure, extend, conclude and terminate; the business
// consents or declines, and may withdraw. Each route authenticates, authorises, validates, then
// starts, queries or updates the period's workflow.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CONCLUSION_OUTCOMES, INCIDENT_HARMS, SOFT_MEASURES, TERMINATION_REASONS } from '../../domain';
import type { observationPeriod } from '../../workflows';
import {
  concludeObservation,
  extendObservation,
  OBSERVATION_STATUSES,
  observationView,
  observationWorkflowId,
  recordIncident,
  recordSoftMeasure,
  respondToObservation,
  terminateObservation,
  processOpened,
  rectificationWorkflowId,
  OBSERVATION_FINAL,
} from '../../workflows/messages';
import type { AppDeps } from '../app';
import { caseAccess, stepRoutes } from '../cases';
import { ApiError, forbidden } from '../errors';
import { legalReviewRounds, legalReviewRoutes } from '../legalReview';
import { keyedUuid } from '../idempotency';
import { readersOf, UNSCOPED } from '../permissions';
import { route } from '../route';
import { byId, calendarDate, caseViewParts, dueDate, text, uscc } from '../schemas';
import {
  firstViolationLock,
  ORDER_REFUSALS,
  planObservationRequest,
  planRectificationOrder,
} from '../services/caseOpening';
import { callWorkflow, openCase } from '../temporal';
import { rectificationTerms, STATUTORY_TERMS_SCHEMA, statutoryTermsCheck } from './rectifications';

export const newObservationPeriod = z.object({
  enterpriseId: uscc,
  matterCode: text(64),
  legalBasis: text(2000).describe('The legal or policy basis for flexible treatment'),
  months: z
    .int()
    .min(1)
    .max(60)
    .optional()
    .describe('Duration in calendar months; the policy default (6) when omitted, at most 24 with extensions'),
  reason: text(5000),
  startDate: calendarDate
    .optional()
    .describe('First day of the period; today by default, never before today (422 DATE_IN_PAST)'),
});

export const consentBody = z.object({
  accept: z.boolean().describe('false declines flexible treatment and ends the period'),
});
export const softMeasureBody = z.object({
  type: z.enum(SOFT_MEASURES),
  note: text(5000),
  date: calendarDate.optional().describe('When the measure was taken; today by default'),
});
export const incidentBody = z.object({ description: text(5000), harm: z.enum(INCIDENT_HARMS) });
export const observationExtensionBody = z.object({ months: z.int().min(1).max(24), reason: text(2000) });
/** Only an escalated conclusion may order a rectification: one shape per outcome, so the schema says so. */
export const conclusionBody = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('passed'),
    reason: text(5000),
    rectification: z.never().optional().describe('Only an escalated conclusion orders a rectification'),
  }),
  z.object({
    outcome: z.literal('escalated'),
    reason: text(5000),
    rectification: rectificationTerms
      .omit({ enterpriseId: true, matterCode: true })
      .superRefine(statutoryTermsCheck)
      .meta(STATUTORY_TERMS_SCHEMA)
      .optional()
      .describe('Order a rectification for the same enterprise and matter, linked to this period'),
  }),
]) satisfies z.ZodType<{ outcome: (typeof CONCLUSION_OUTCOMES)[number] }>;
export const terminationBody = z.object({
  reason: z.enum(TERMINATION_REASONS).describe('A business may only withdraw'),
  note: text(5000),
});

export const observationViewSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  agency: z.string(),
  matterCode: z.string(),
  legalBasis: z.string(),
  reason: z.string(),
  status: z.enum(OBSERVATION_STATUSES),
  startDate: z.string(),
  endDate: z.string().describe('The first day after the period'),
  months: z.number(),
  notifiedOn: z.string(),
  consentDue: dueDate,
  consent: z.object({ accepted: z.boolean(), decidedAt: z.string(), decidedBy: z.string() }).optional(),
  checkIns: z.array(
    z.object({
      number: z.number(),
      opensOn: z.string(),
      dueOn: z.string(),
      provisional: z.boolean(),
      status: z.enum(['planned', 'open', 'overdue', 'done', 'missed', 'cancelled']),
      measure: z.number().optional(),
      completedOn: z.string().optional(),
      late: z.boolean().optional(),
    }),
  ),
  measures: z.array(
    z.object({
      number: z.number(),
      type: z.enum(SOFT_MEASURES),
      note: z.string(),
      date: z.string(),
      recordedAt: z.string(),
      recordedBy: z.string(),
      checkIn: z.number().optional().describe('The check-in this measure completed'),
    }),
  ),
  incidents: z.array(
    z.object({
      number: z.number(),
      description: z.string(),
      harm: z.enum(INCIDENT_HARMS),
      recordedAt: z.string(),
      recordedBy: z.string(),
    }),
  ),
  extensions: z.array(
    z.object({
      months: z.number(),
      reason: z.string(),
      grantedAt: z.string(),
      grantedBy: z.string(),
      previousEndDate: z.string(),
      endDate: z.string(),
      totalMonths: z.number(),
    }),
  ),
  conclusionDue: dueDate,
  nextDueOn: z.string().optional(),
  nextDueAt: z.string().optional().describe('End of the next due day, Asia/Shanghai'),
  outcome: z
    .object({
      result: z.enum(['passed', 'escalated', 'declined', 'terminated']),
      decidedOn: z.string(),
      decidedBy: z.string(),
      reason: z.string(),
      terminationReason: z.enum(TERMINATION_REASONS).optional(),
      rectificationId: z.string().optional(),
    })
    .optional(),
  rectificationId: z.string().optional(),
  pendingConclusion: z
    .object({ outcome: z.enum(CONCLUSION_OUTCOMES), reason: z.string(), decidedBy: z.string() })
    .optional()
    .describe('A conclusion held for legal review: it takes effect once approved'),
  legalReviews: legalReviewRounds,
  ...caseViewParts,
});

const CASE_READERS = readersOf('observation_period');
const responses = {
  200: { description: 'The period after the step', schema: observationViewSchema },
  404: { description: 'No such period, or not yours' },
  409: { description: 'The step does not fit the period now', codes: ['INVALID_STATE'] },
  422: {
    description: 'An extension beyond the longest period allowed, or a measure dated ahead or before the period',
    codes: ['DURATION_OUT_OF_RANGE', 'DATE_IN_FUTURE', 'DATE_OUTSIDE_PERIOD'],
  },
};
const WHAT = 'Observation period';

export function observationPeriodRoutes({ db, temporal, config, today: todayOf }: AppDeps) {
  // The workflow id is the enterprise-and-matter key, reused by later periods: a period's run is
  // found through the read model, which records it from the period's first moment.
  const cases = caseAccess(
    { db, temporal },
    { what: WHAT, type: 'observation_period', view: observationView, final: OBSERVATION_FINAL },
  );

  const step = stepRoutes(cases, { base: '/observation-periods', tag: 'observation-periods', responses });

  return [
    route({
      method: 'post',
      path: '/observation-periods',
      summary: 'Open an observation period (观察期) for a new-business-model enterprise',
      tag: 'observation-periods',
      roles: ['officer'],
      scope: UNSCOPED,
      body: newObservationPeriod,
      responses: {
        201: { description: "Opened and awaiting the enterprise's consent", schema: observationViewSchema },
        409: { description: 'The enterprise has an open period for this matter', codes: ['ALREADY_ACTIVE'] },
        422: {
          description: "The rules refuse the period (the agency's rules of today)",
          codes: [
            'EXCLUDED_DOMAIN',
            'DURATION_OUT_OF_RANGE',
            'NOT_NEW_BUSINESS_MODEL',
            'UNKNOWN_ENTERPRISE',
            'UNKNOWN_MATTER',
            'DATE_IN_PAST',
            'DATE_OUT_OF_RANGE',
          ],
        },
      },
      async handler({ body, principal, idempotencyKey: key }) {
        // Under an Idempotency-Key the period's id derives from the key, as a rectification's does, so
        // that a retry whose first attempt opened the period (and lost its reply) finds it.
        const id = key === undefined ? randomUUID() : keyedUuid(key, 'observation_period');
        const request = await planObservationRequest(db, principal, body, await todayOf(), id);
        const { matter } = request;
        const what = `An observation period for ${request.enterpriseId} and ${matter.code}`;
        // A keyed retry of an opening that has closed since: the period, as it now stands.
        if (key !== undefined && (await cases.exists(id))) return { status: 201, body: await cases.read(id) };
        // Answers once the period is on record, so that its id can be used at once. A keyed request
        // joins the open period (an update to it changes nothing): its own, it is a retry; another, 409.
        const opened = await callWorkflow(
          () =>
            openCase(temporal, processOpened, 'observationPeriod', {
              workflowId: observationWorkflowId(request.enterpriseId, matter.code),
              taskQueue: config.TEMPORAL_TASK_QUEUE,
              args: [{ request } satisfies Parameters<typeof observationPeriod>[0]],
              // One open period per enterprise and matter; a new one once the last has closed, however it closed.
              workflowIdConflictPolicy: key === undefined ? 'FAIL' : 'USE_EXISTING',
              workflowIdReusePolicy: 'ALLOW_DUPLICATE',
            }),
          what,
        );
        if ((opened as { id: string }).id !== id) throw new ApiError(409, 'ALREADY_ACTIVE', `${what} is already open.`);
        return { status: 201, body: opened };
      },
    }),
    route({
      method: 'get',
      path: '/observation-periods/:id',
      summary: 'An observation period, live from its workflow',
      tag: 'observation-periods',
      roles: CASE_READERS,
      scope: cases.scope,
      params: byId,
      responses: { 200: { description: 'The period', schema: observationViewSchema }, 404: responses[404] },
      handler: async ({ params }) => ({ status: 200, body: await cases.read(params.id) }),
    }),
    step('consent', 'Accept or decline flexible treatment', ['business'], consentBody, respondToObservation),
    step(
      'measures',
      'Record a soft measure (柔性措施); it completes a check-in',
      ['officer'],
      softMeasureBody,
      recordSoftMeasure,
    ),
    step('incidents', 'Record an incident', ['officer'], incidentBody, recordIncident),
    step(
      'extension',
      'Extend the period (at most 24 months in all)',
      ['officer'],
      observationExtensionBody,
      extendObservation,
    ),
    route({
      method: 'post',
      path: '/observation-periods/:id/conclusion',
      summary: 'Conclude an ended period: passed, or escalated (optionally ordering a rectification)',
      tag: 'observation-periods',
      roles: ['officer'],
      scope: cases.scope,
      params: byId,
      body: conclusionBody,
      responses: {
        ...responses,
        422: { description: 'The rules refuse the rectification the conclusion orders', codes: ORDER_REFUSALS },
      },
      async handler(ctx) {
        const { params, principal, body } = ctx;
        const period = await cases.read(params.id);
        const terms = body.outcome === 'escalated' &&
          body.rectification && {
            ...body.rectification,
            enterpriseId: period.enterpriseId,
            matterCode: period.matterCode,
          };
        const conclude = async () => {
          // Checked here like POST /rectifications; the workflow starts it with the conclusion.
          const order = terms && (await planRectificationOrder(db, principal, terms, await todayOf()));
          const update = { outcome: body.outcome, reason: body.reason, ...(order ? { rectification: order } : {}) };
          const concluded = await cases.act(params.id, principal, concludeObservation, update, ctx.idempotencyKey);
          // Like an order's own opening, answered once the rectification is on record (the one the
          // period recorded: a retried conclusion is answered with the first attempt's order).
          const ordered = concluded.rectificationId;
          if (ordered) {
            const handle = temporal.workflow.getHandle(rectificationWorkflowId(ordered));
            await callWorkflow(() => handle.executeUpdate(processOpened), 'Rectification');
          }
          return concluded;
        };
        const concluded = terms ? await firstViolationLock(db, terms, conclude) : await conclude();
        return { status: 200, body: concluded };
      },
    }),
    route({
      method: 'post',
      path: '/observation-periods/:id/termination',
      summary: 'End the period early; a business may only withdraw',
      tag: 'observation-periods',
      roles: ['officer', 'business'],
      scope: cases.scope,
      params: byId,
      body: terminationBody,
      responses,
      async handler(ctx) {
        if (ctx.principal.role === 'business' && ctx.body.reason !== 'withdrawn') throw forbidden();
        return {
          status: 200,
          body: await cases.act(ctx.params.id, ctx.principal, terminateObservation, ctx.body, ctx.idempotencyKey),
        };
      },
    }),
    ...legalReviewRoutes(step),
  ];
}
