// Credit-platform sync: a repair's sync-ledger entries are POSTed to a real HTTP receiver started
// here, signed and keyed; the receiver fails the first attempts and Temporal retries until each is
// delivered, shown per entry on the penalty record. An entry the platform refuses shows as failed
// until credit staff retry it; one still undelivered after its 3 working days is an overdue task for
// credit staff (the time-skipping server's clock, of this file's own).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createCreditSyncActivities, signatureOf, SIGNATURE_HEADER } from '../../activities/creditSync';
import { addMonths } from '../../domain';
import { useApi } from '../support/context';
import { creditRepairParties, penaltyDecision, penaltyRecords } from '../support/penaltyRecords';
import { waitFor } from '../support/processes';
import { serverToday } from '../support/rectifications';

const SECRET = 'test-credit-sync-secret';

interface Received {
  key: string;
  body: any;
  signed: boolean;
}
const received: Received[] = [];
/** What the receiver answers to each attempt of a key: the first attempts fail. */
const attempts = new Map<string, number>();
let failuresPerEntry = 2;
/** Penalty records whose entries the platform refuses (400) until credit staff retry. */
const refuseFor = new Set<string>();

const read = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};
const receiver = createServer(async (req, res) => {
  const text = await read(req);
  const key = String(req.headers['idempotency-key']);
  const body = JSON.parse(text);
  const n = (attempts.get(key) ?? 0) + 1;
  attempts.set(key, n);
  if (refuseFor.has(body.penaltyRecordId)) {
    refuseFor.delete(body.penaltyRecordId);
    return void res.writeHead(400).end('{"error":"unknown record"}');
  }
  if (n <= failuresPerEntry) return void res.writeHead(503).end();
  received.push({ key, body, signed: req.headers[SIGNATURE_HEADER.toLowerCase()] === signatureOf(SECRET, text) });
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/sync`;
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const ctx = useApi({
  timeSkipping: 'own',
  worker: true,
  activities: (real) => ({
    ...real,
    ...createCreditSyncActivities({ db: ctx.database.db, target: { url, secret: SECRET } }),
  }),
});
const records = penaltyRecords(ctx);

/** A general record decided six months ago (repairable), repaired by credit staff. */
async function repaired(serial: number) {
  const { enterpriseId, creditStaff, business } = await creditRepairParties(ctx, serial);
  const entered = await records.enter(
    creditStaff,
    penaltyDecision(enterpriseId, addMonths(await serverToday(ctx), -6)),
  );
  expect(entered.status, JSON.stringify(entered.body)).toBe(201);
  const id = entered.body.id as string;
  const applied = await records.apply(business, id);
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  const appId = applied.body.id ?? applied.body.applicationId;
  expect((await records.decide(creditStaff, id, appId, 'accepted')).status).toBe(200);
  expect((await records.decide(creditStaff, id, appId, 'approved')).status).toBe(200);
  return { id, creditStaff };
}

const syncOf = async (token: string, id: string) => (await records.get(token, id)).body.sync as any[];

/** A repaired record whose first sync entry the platform refuses, and that entry once failed. */
async function withRefusedEntry(serial: number) {
  failuresPerEntry = 0;
  // The refusal is armed by record id, known once the record is entered and before it is repaired.
  const parties = await creditRepairParties(ctx, serial);
  const entered = await records.enter(
    parties.creditStaff,
    penaltyDecision(parties.enterpriseId, addMonths(await serverToday(ctx), -6)),
  );
  refuseFor.add(entered.body.id);
  const applied = await records.apply(parties.business, entered.body.id);
  const appId = applied.body.id ?? applied.body.applicationId;
  await records.decide(parties.creditStaff, entered.body.id, appId, 'accepted');
  await records.decide(parties.creditStaff, entered.body.id, appId, 'approved');
  const id = entered.body.id as string;
  const failed = await waitFor('a failed entry', async () =>
    (await syncOf(parties.creditStaff, id)).find((e) => e.status === 'failed'),
  );
  return { id, creditStaff: parties.creditStaff, failed };
}

const overdueSyncTasks = async (token: string, id: string) =>
  ((await ctx.api.call('GET', '/api/v1/tasks', { token })).body.tasks as any[]).filter(
    (t) => t.processId === id && t.step === 'credit_sync_overdue',
  );

describe('credit-platform sync', () => {
  it('delivers each entry of a repair, signed and keyed, retrying through the receiver’s failures', async () => {
    failuresPerEntry = 2;
    const { id, creditStaff } = await repaired(1821);
    const sync = await waitFor(
      'every entry delivered',
      async () => {
        const entries = await syncOf(creditStaff, id);
        return entries.length > 0 && entries.every((e) => e.status === 'delivered') ? entries : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    for (const entry of sync) {
      expect(entry).toMatchObject({ action: 'withdraw', attempts: 3 });
      expect(entry.deliveredAt).toBeDefined();
      const got = received.filter((r) => r.key === entry.id);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({
        signed: true,
        body: { penaltyRecordId: id, platform: entry.platform, action: 'withdraw' },
      });
    }
  });

  it('shows an entry the platform refuses as failed until credit staff retry it', async () => {
    const { id, creditStaff, failed } = await withRefusedEntry(1822);
    expect(failed.lastError).toBe('HTTP 400');
    const officer = await ctx.api.token({ sub: 'officer-1822', role: 'officer', agency: 'SAMR-HZ' });
    const forbidden = await ctx.api.call('POST', `/api/v1/sync-entries/${failed.id}/retry`, {
      token: officer,
      body: {},
    });
    expect(forbidden.status).toBe(403);
    const retried = await ctx.api.call('POST', `/api/v1/sync-entries/${failed.id}/retry`, {
      token: creditStaff,
      body: {},
    });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    const delivered = await waitFor('the retried entry delivered', async () =>
      (await syncOf(creditStaff, id)).find((e) => e.id === failed.id && e.status === 'delivered'),
    );
    expect(delivered.attempts).toBe(2);
    const again = await ctx.api.call('POST', `/api/v1/sync-entries/${failed.id}/retry`, {
      token: creditStaff,
      body: {},
    });
    expect(again.status).toBe(409);
  });

  it('gives credit staff an overdue task for an entry still undelivered after 3 working days, closed on delivery', async () => {
    // Given an entry the platform refused, not yet retried
    const { id, creditStaff, failed } = await withRefusedEntry(1823);
    expect(await overdueSyncTasks(creditStaff, id)).toEqual([]);
    // When its 3 working days pass
    await ctx.env.sleep('8 days');
    // Then credit staff have an overdue task for it
    const [task] = await waitFor('the overdue task', async () => {
      const open = await overdueSyncTasks(creditStaff, id);
      return open.length > 0 ? open : undefined;
    });
    expect(task).toMatchObject({ assigneeRole: 'credit_staff' });
    // and delivering it (a retry the platform accepts) closes the task
    const retried = await ctx.api.call('POST', `/api/v1/sync-entries/${failed.id}/retry`, {
      token: creditStaff,
      body: {},
    });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    await waitFor('the task closed', async () =>
      (await overdueSyncTasks(creditStaff, id)).length === 0 ? true : undefined,
    );
  });

  it('retries a failed entry once when credit staff send five retries at once', async () => {
    const { creditStaff, failed } = await withRefusedEntry(1824);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        ctx.api.call('POST', `/api/v1/sync-entries/${failed.id}/retry`, { token: creditStaff, body: {} }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
  });
});
