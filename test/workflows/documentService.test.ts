// Service (送达) on the calendar: a document the business has not acknowledged within the policy's
// working days becomes the officer's task to serve it another way; recording the service closes it.
// A document acknowledged in time never becomes one.
import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tasks } from '../../db/schema';
import { useApi } from '../support/context';
import { waitFor } from '../support/processes';
import { orderOnly, rectificationParties } from '../support/rectifications';

const ctx = useApi({ timeSkipping: 'own', worker: true });

const documentsOf = (id: string, token: string) =>
  waitFor('the order issued', async () => {
    const res = await ctx.api.call('GET', `/api/v1/rectifications/${id}/documents`, { token });
    return res.body.documents?.length ? (res.body.documents as any[]) : undefined;
  });

const serviceTasks = (processId: string) =>
  ctx.database.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.processId, processId), eq(tasks.step, 'document_service'), isNull(tasks.closedAt)));

describe('document service', () => {
  it('gives the officer a task to serve an unacknowledged document, closed once it is served', async () => {
    // Given an order whose document the business does not acknowledge
    const { enterpriseId, officer } = await rectificationParties(ctx, 1831);
    const ordered = await ctx.api.call('POST', '/api/v1/rectifications', {
      token: officer,
      body: orderOnly(enterpriseId, '未亮照经营', 30),
    });
    const [order] = await documentsOf(ordered.body.id, officer);
    expect(await serviceTasks(ordered.body.id)).toEqual([]);
    // When the acknowledgement window passes (5 working days by default)
    await ctx.env.sleep('10 days');
    // Then the officer has a task to serve it, listed with the agency's tasks
    await waitFor('the service task', async () => (await serviceTasks(ordered.body.id)).length === 1);
    const listed = await ctx.api.call('GET', '/api/v1/tasks', { token: officer });
    expect(listed.body.tasks.map((t: any) => [t.processId, t.step])).toContainEqual([
      ordered.body.id,
      'document_service',
    ]);
    // and recording the service closes it
    const served = await ctx.api.call('POST', `/api/v1/documents/${order.id}/service`, {
      token: officer,
      body: { method: 'post', servedOn: order.issuedOn, note: '挂号信邮寄送达' },
    });
    expect(served.status).toBe(200);
    await waitFor('the task closed', async () => (await serviceTasks(ordered.body.id)).length === 0);
  });

  it('gives no task for a document the business acknowledged in time', async () => {
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 1832);
    const ordered = await ctx.api.call('POST', '/api/v1/rectifications', {
      token: officer,
      body: orderOnly(enterpriseId, '未亮照经营', 30),
    });
    const [order] = await documentsOf(ordered.body.id, business);
    const ack = await ctx.api.call('POST', `/api/v1/documents/${order.id}/acknowledgement`, {
      token: business,
      body: {},
    });
    expect(ack.status).toBe(200);
    await ctx.env.sleep('10 days');
    // The service workflow has ended: nothing is waiting for this document any more.
    const handle = ctx.env.client.workflow.getHandle(`document-service:${order.id}`);
    await waitFor('the service workflow done', async () => (await handle.describe()).status.name === 'COMPLETED');
    expect(await serviceTasks(ordered.body.id)).toEqual([]);
  });
});
