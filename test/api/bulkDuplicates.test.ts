// A bulk deadline extension sent twice without an Idempotency-Key (a double click) is applied once:
// the same caller's identical body within 60 seconds is 409 DUPLICATE_SUBMISSION, across API
// processes too (the claim is a row in the shared database).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, like, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, idempotencyKeys, tasks } from '../../db/schema';
import { addDays } from '../../domain';
import { startTestApi } from '../support/api';
import { useApi } from '../support/context';
import { orderToCorrect, rectificationParties, rectifications, serverToday } from '../support/rectifications';

const ctx = useApi({ worker: true });

/** One rectification of its own agency, whose evidence step the batch moves. */
async function openStep(serial: number, agency: string) {
  const { enterpriseId, officer } = await rectificationParties(ctx, serial, agency);
  const { body } = await rectifications(ctx).order(officer, orderToCorrect(enterpriseId));
  const batch = { filter: { dueBefore: addDays(await serverToday(ctx), 60) }, days: 7, reason: '洪水封路' };
  return { officer, id: body.id as string, batch };
}

const extend = (url: string, token: string, body: unknown) =>
  fetch(`${url}/api/v1/bulk/deadline-extensions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as { error?: { code: string } } }));

const dueOn = async (processId: string) =>
  (
    await ctx.database.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.processId, processId), eq(tasks.step, 'evidence')))
  )[0]!.dueOn;

const batchesOf = async (agency: string) =>
  (await ctx.database.db.select().from(auditLog).where(eq(auditLog.action, 'bulk.deadlines_extended'))).filter(
    (a) => (a.after as { filter: { agency: string } }).filter.agency === agency,
  );

describe('duplicate bulk extensions', () => {
  it('applies five identical requests sent at once without a key once, and refuses four with 409 DUPLICATE_SUBMISSION', async () => {
    const { officer, id, batch } = await openStep(3401, 'DUP-A');
    const before = await dueOn(id);

    const answers = await Promise.all(Array.from({ length: 5 }, () => extend(ctx.api.url, officer, batch)));

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error?.code)).toEqual(
      Array(4).fill('DUPLICATE_SUBMISSION'),
    );
    expect(await dueOn(id)).not.toBe(before);
    expect(await batchesOf('DUP-A')).toHaveLength(1);
  });

  it('refuses the duplicate sent to another API process on the same database', async () => {
    const { officer, batch } = await openStep(3402, 'DUP-B');
    const evidenceDir = await mkdtemp(path.join(tmpdir(), 'tempered-second-api-'));
    const second = await startTestApi({
      db: ctx.database.db,
      temporal: ctx.env.client,
      taskQueue: ctx.taskQueue,
      evidenceDir,
    });
    try {
      const answers = await Promise.all([extend(ctx.api.url, officer, batch), extend(second.url, officer, batch)]);

      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(await batchesOf('DUP-B')).toHaveLength(1);
    } finally {
      await second.close();
      await rm(evidenceDir, { recursive: true, force: true });
    }
  });

  it('takes the same request again once 60 seconds have passed, and never guards dry runs', async () => {
    const { officer, batch } = await openStep(3403, 'DUP-C');
    const first = await extend(ctx.api.url, officer, batch);
    const dryRuns = await Promise.all([1, 2].map(() => extend(ctx.api.url, officer, { ...batch, dryRun: true })));
    // The claim's time moved back past the window, as 61 seconds of waiting would.
    await ctx.database.db
      .update(idempotencyKeys)
      .set({ createdAt: sql`now() - interval '61 seconds'` })
      .where(like(idempotencyKeys.key, 'duplicate guard %'));

    const later = await extend(ctx.api.url, officer, batch);

    expect([first.status, ...dryRuns.map((d) => d.status), later.status]).toEqual([200, 200, 200, 200]);
    expect(await batchesOf('DUP-C')).toHaveLength(2);
  });
});
