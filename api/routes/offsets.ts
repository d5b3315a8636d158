// Public-interest service in lieu of a fine (公益抵罚): an officer offers it, the business accepts
// or declines and logs its service sessions, an officer confirms each. Each route authenticates,
// authorises, validates, then starts, queries or updates the case's workflow.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  answerOffset,
  confirmServiceSession,
  logServiceSession,
  OFFSET_STATUSES,
  offsetView,
  processOpened,
  publicInterestServiceWorkflowId,
  OFFSET_FINAL,
} from '../../workflows/messages';
import type { AppDeps } from '../app';
import { caseAccess, stepRoutes } from '../cases';
import { notFound } from '../errors';
import { keyedUuid } from '../idempotency';
import { readersOf, UNSCOPED } from '../permissions';
import { route } from '../route';
import { byId, calendarDate, caseViewParts, dueDate, text, uscc } from '../schemas';
import { OFFER_REFUSALS, planOffsetOffer } from '../services/offsets';
import { callWorkflow, openCase } from '../temporal';

export const newOffset = z.object({
  enterpriseId: uscc,
  matterCode: text(64),
  fine: z.int().min(1).max(100_000_000).describe('The fine to offset, in whole yuan'),
  reason: text(5000),
});
export const acceptanceBody = z.object({ accept: z.boolean().describe('false declines: the fine is due') });
export const sessionBody = z.object({
  organisation: text(200),
  date: calendarDate.describe('When the service was done: from the offer day to today'),
  hours: z.number().min(0.25).max(24).multipleOf(0.25).describe('Hours of service, in quarter hours'),
  description: text(5000),
});
export const confirmationBody = z.object({
  confirmed: z.boolean().describe('false: the session does not count'),
  note: text(2000),
});

const session = z.object({
  id: z.string(),
  organisation: z.string(),
  date: z.string(),
  hours: z.number(),
  description: z.string(),
  loggedAt: z.string(),
  loggedBy: z.string(),
  status: z.enum(['pending', 'confirmed', 'rejected']),
  confirmation: z.object({ confirmed: z.boolean(), note: z.string(), at: z.string(), by: z.string() }).optional(),
});

export const offsetViewSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  agency: z.string(),
  matterCode: z.string(),
  status: z.enum(OFFSET_STATUSES),
  reason: z.string(),
  fine: z.number().describe('Yuan'),
  hours: z.number().describe('Hours of service owed'),
  hoursConfirmed: z.number().describe('Hours an officer confirmed; only these count'),
  yuanPerHour: z.number(),
  offeredOn: z.string(),
  acceptanceDue: dueDate,
  deadline: dueDate.describe('Every hour done and confirmed by this day offsets the fine in full'),
  acceptance: z.object({ accept: z.boolean(), at: z.string(), by: z.string() }).optional(),
  sessions: z.array(session),
  outcome: z
    .object({
      result: z.enum(['full', 'partial', 'none']),
      offset: z.number().describe('Yuan offset (counted as waived)'),
      remainingFine: z.number().describe('Yuan still due'),
      concludedOn: z.string(),
    })
    .optional(),
  nextDueOn: z.string().optional(),
  ...caseViewParts,
});

const bySession = z.object({ id: z.uuid(), sid: z.uuid() });
const responses = {
  200: { description: 'The case after the step', schema: offsetViewSchema },
  404: { description: 'No such case, or not yours' },
  409: { description: 'The step does not fit the case now', codes: ['INVALID_STATE'] },
};

export function offsetRoutes(deps: AppDeps) {
  const { db, temporal, config } = deps;
  const cases = caseAccess(
    { db, temporal },
    {
      what: 'Offset',
      workflowId: publicInterestServiceWorkflowId,
      type: 'offset',
      view: offsetView,
      final: OFFSET_FINAL,
    },
  );
  const step = stepRoutes(cases, { base: '/offsets', tag: 'offsets', responses });

  return [
    route({
      method: 'post',
      path: '/offsets',
      summary: 'Offer public-interest service in lieu of a fine (公益抵罚)',
      tag: 'offsets',
      roles: ['officer'],
      scope: UNSCOPED,
      body: newOffset,
      responses: {
        201: { description: 'Offered; the case as it now stands', schema: offsetViewSchema },
        422: { description: "The agency's policy does not allow it for the matter", codes: OFFER_REFUSALS },
      },
      async handler({ body, principal, idempotencyKey: key }) {
        const id = key === undefined ? randomUUID() : keyedUuid(key, 'offset');
        const offer = await planOffsetOffer(db, principal, body, await deps.today(), id);
        const opened = await callWorkflow(
          () =>
            openCase(temporal, processOpened, 'publicInterestService', {
              workflowId: publicInterestServiceWorkflowId(id),
              taskQueue: config.TEMPORAL_TASK_QUEUE,
              args: [{ offer }],
              workflowIdConflictPolicy: key === undefined ? 'FAIL' : 'USE_EXISTING',
              ...(key === undefined ? {} : { workflowIdReusePolicy: 'REJECT_DUPLICATE' as const }),
            }),
          'Offset',
        );
        return { status: 201, body: opened };
      },
    }),
    route({
      method: 'get',
      path: '/offsets/:id',
      summary: 'A public-interest service case, live from its workflow',
      tag: 'offsets',
      roles: readersOf('offset'),
      scope: cases.scope,
      params: byId,
      responses: { 200: { description: 'The case', schema: offsetViewSchema }, 404: responses[404] },
      handler: async ({ params }) => ({ status: 200, body: await cases.read(params.id) }),
    }),
    step(
      'acceptance',
      'Accept or decline the offer (within 5 working days)',
      ['business'],
      acceptanceBody,
      answerOffset,
    ),
    step('sessions', 'Log a service session (one per request)', ['business'], sessionBody, logServiceSession),
    route({
      method: 'post',
      path: '/offsets/:id/sessions/:sid/confirmation',
      summary: 'Confirm a service session, or not (only confirmed hours count)',
      tag: 'offsets',
      roles: ['officer'],
      scope: cases.scope,
      params: bySession,
      body: confirmationBody,
      responses,
      async handler({ params, principal, body, idempotencyKey }) {
        const view = await cases.read(params.id);
        if (!view.sessions.some((s) => s.id === params.sid)) throw notFound('Service session');
        const args = { sessionId: params.sid, ...body };
        return {
          status: 200,
          body: await cases.act(params.id, principal, confirmServiceSession, args, idempotencyKey),
        };
      },
    }),
  ];
}
