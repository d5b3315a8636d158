import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import type { TransitionRecord } from '../../activities/transitions';
import { auditLog, evidenceFiles, notificationOutbox, processes, tasks } from '../../db/schema';
import { useApi } from '../support/context';
import { pdf, rectificationParties, rectifications } from '../support/rectifications';
import { startWorker } from '../support/temporal';

// The dev server, not the time-skipping one: a restarted worker must pick up the cached workflow,
// which needs the server to release the stopped worker's sticky queue.
const ctx = useApi();
const api = rectifications(ctx);

async function rowsOf(processId: string) {
  const { db } = ctx.database;
  const [audit, evidence, notices, steps] = await Promise.all([
    db.select().from(auditLog).where(eq(auditLog.entityId, processId)),
    db.select().from(evidenceFiles).where(eq(evidenceFiles.processId, processId)),
    db.select().from(notificationOutbox).where(eq(notificationOutbox.processId, processId)),
    db.select().from(tasks).where(eq(tasks.processId, processId)),
  ]);
  return { audit: audit.length, evidence: evidence.length, notices: notices.length, tasks: steps.length };
}

describe('rectification recovery', () => {
  it('writes each row once when the worker dies after the projection committed but before reporting it', async () => {
    const real = createActivities({ db: ctx.database.db });
    const crashedOnce = new Set<string>();
    // Dies the way a killed worker does: the transaction is in, the completion never reaches Temporal.
    const dyingAfterCommit = {
      ...real,
      async recordTransition(record: TransitionRecord) {
        await real.recordTransition(record);
        const key = `${record.process.id}:${record.process.version}`;
        if (!crashedOnce.has(key)) {
          crashedOnce.add(key);
          throw new Error('worker killed after commit');
        }
      },
    };
    const worker = await startWorker(ctx.env, ctx.taskQueue, dyingAfterCommit);
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 70);
    const { body: created } = await api.order(officer, {
      enterpriseId,
      matterCode: 'MS-001',
      disposition: 'order_only',
      findings: '未亮照',
      requiredActions: ['亮照经营'],
    });

    const submitted = await api.evidence(business, created.id, '已整改', [
      { name: 'a.pdf', type: 'application/pdf', bytes: pdf('a') },
      { name: 'b.pdf', type: 'application/pdf', bytes: pdf('b') },
    ]);
    await worker.stop();
    const restarted = await startWorker(ctx.env, ctx.taskQueue, real);
    const reviewed = await api.step(officer, created.id, 'review', { decision: 'accepted', reasons: '合格' });
    await restarted.stop();

    expect(submitted.status).toBe(202);
    expect(reviewed.body.status).toBe('follow_up');
    // ordered, submitted, accepted: three audit entries; two files; one task per step opened.
    expect(await rowsOf(created.id)).toEqual({ audit: 3, evidence: 2, notices: 3, tasks: 3 });
  });

  it('ignores a replayed older projection, so the read model never moves backwards', async () => {
    const { recordTransition } = createActivities({ db: ctx.database.db });
    const record = (version: number, status: string): TransitionRecord => ({
      process: {
        type: 'rectification',
        id: 'replay-check',
        workflowId: 'rectification:replay-check',
        runId: 'run-1',
        enterpriseId: 'E',
        agency: 'A',
        status,
        version,
        openedAt: '2026-11-01T00:00:00Z',
        view: { status },
      },
      audit: [
        { key: `replay-check:${version}`, at: '2026-11-01T00:00:00Z', actor: 'o', role: 'officer', action: status },
      ],
      creditFile: [],
      openTasks: [],
      closeTasks: [],
      evidence: [],
      notifications: [],
    });

    await recordTransition(record(2, 'under_review'));
    await recordTransition(record(1, 'awaiting_evidence'));
    await recordTransition(record(2, 'under_review'));

    const rows = await ctx.database.db
      .select({ status: processes.status, version: processes.version })
      .from(processes)
      .where(eq(processes.id, 'replay-check'));
    expect(rows).toEqual([{ status: 'under_review', version: 2 }]);
    expect((await rowsOf('replay-check')).audit).toBe(2);
  });
});
