// A case that has ended is read from the view its final change recorded, not by replaying its
// workflow: the same view the workflow ended with, and it answers while no worker runs.
import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { DirectoryFileStore } from '../../db/fileStore';
import { observationWorkflowId, rectificationWorkflowId } from '../../workflows/messages';
import { useApi } from '../support/context';
import { observationParties, observationPeriods, periodBody } from '../support/observation';
import { testDataConverter } from '../support/payloadCodec';
import { pdf, rectificationParties, rectifications, serverToday } from '../support/rectifications';
import { startWorker, type RunningWorker } from '../support/temporal';

// No worker of the context's: this file stops its own while the cases are read.
const ctx = useApi({ timeSkipping: 'own' });
const rectification = rectifications(ctx);
const observation = observationPeriods(ctx);
let worker: RunningWorker | undefined;

beforeAll(async () => {
  const activities = createActivities({
    db: ctx.database.db,
    documents: new DirectoryFileStore(ctx.documentsDir),
    temporal: ctx.env.client,
  });
  worker = await startWorker(ctx.env, ctx.taskQueue, activities);
});
afterAll(async () => worker?.stop());

/** What the workflow returned when it completed: its final view. */
async function workflowResult(workflowId: string): Promise<unknown> {
  const client = new Client({ connection: ctx.env.connection, dataConverter: testDataConverter });
  return JSON.parse(JSON.stringify(await client.workflow.getHandle(workflowId).result()));
}

describe('a case that has ended', () => {
  it('is read from its final recorded view, the one its workflow ended with, also while no worker runs', async () => {
    // Given a rectification closed after a compliant follow-up
    const r = await rectificationParties(ctx, 1);
    const ordered = await rectification.order(r.officer, {
      enterpriseId: r.enterpriseId,
      matterCode: 'MS-002',
      disposition: 'order_only',
      findings: '店招使用“全市最佳”字样',
      requiredActions: ['撤下含绝对化用语的广告'],
      deadline: { workingDays: 10 },
    });
    expect(ordered.status).toBe(201);
    const id = ordered.body.id as string;
    const files = [{ name: 'photo.pdf', type: 'application/pdf', bytes: pdf(`case ${id}`) }];
    expect((await rectification.evidence(r.business, id, '已整改', files)).status).toBe(202);
    expect(
      (await rectification.step(r.officer, id, 'review', { decision: 'accepted', reasons: '整改到位' })).status,
    ).toBe(200);
    const visitedOn = await serverToday(ctx);
    const closed = await rectification.step(r.officer, id, 'follow-up', {
      visitedOn,
      outcome: 'compliant',
      note: '未复发',
    });
    expect(closed.body.status).toBe('closed');

    // and an observation period the enterprise declined
    const o = await observationParties(ctx, 2);
    const opened = await observation.open(o.officer, periodBody(o.enterpriseId));
    expect(opened.status).toBe(201);
    const periodId = opened.body.id as string;
    const declined = await observation.step(o.business, periodId, 'consent', { accept: false });
    expect(declined.body.status).toBe('declined');

    // Then reading them gives the views their workflows ended with
    const finalRectification = await workflowResult(rectificationWorkflowId(id));
    const finalPeriod = await workflowResult(observationWorkflowId(o.enterpriseId, 'MS-005'));
    expect((await rectification.get(r.business, id)).body).toEqual(finalRectification);
    expect((await observation.get(o.officer, periodId)).body).toEqual(finalPeriod);

    // When the worker stops, then they are still read, as they were
    await worker!.stop();
    worker = undefined;
    const [rectificationRead, periodRead] = await Promise.all([
      rectification.get(r.officer, id),
      observation.get(o.business, periodId),
    ]);
    expect(rectificationRead).toMatchObject({ status: 200, body: finalRectification });
    expect(periodRead).toMatchObject({ status: 200, body: finalPeriod });
  });
});
