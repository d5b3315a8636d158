// The whitelist's end date is a durable timer: under time skipping, an entry ends by itself after
// its last valid day (status `expired`, audited, no longer capping inspections at one), and an
// entry removed earlier cancels its timer.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { addDays } from '../../domain';
import { whitelistWorkflowId } from '../../workflows/messages/supervision';
import { expectOneAccepted, sendAtOnce } from '../support/concurrency';
import { useApi } from '../support/context';
import { makeUscc } from '../support/fixtures';
import { serverToday } from '../support/rectifications';

const ctx = useApi({ timeSkipping: 'own', worker: true });

async function listedEnterprise(serial: number, validUntil: string) {
  const officer = await ctx.api.token({ sub: `wl-${serial}`, role: 'officer', agency: 'SAMR-HZ' });
  const enterpriseId = makeUscc(serial);
  await ctx.api.call('POST', '/api/v1/enterprises', {
    token: officer,
    body: { id: enterpriseId, name: `白名单企业${serial}`, kind: 'legal_person', registeredOn: '2000-01-01' },
  });
  const listed = await ctx.api.call('POST', '/api/v1/whitelist', {
    token: officer,
    body: { enterpriseId, reason: '重点培育企业', validUntil },
  });
  expect(listed.status, JSON.stringify(listed.body)).toBe(201);
  return { officer, enterpriseId, entry: listed.body };
}

const entryOf = async (token: string, id: string) =>
  (await ctx.api.call('GET', '/api/v1/whitelist?agency=SAMR-HZ', { token })).body.entries.find(
    (e: { id: string }) => e.id === id,
  );

describe('whitelist expiry', () => {
  it('ends an entry after its last valid day, and removal cancels the timer', async () => {
    const today = await serverToday(ctx);
    const expiring = await listedEnterprise(1931, addDays(today, 10));
    const removed = await listedEnterprise(1932, addDays(today, 10));
    await ctx.api.call('DELETE', `/api/v1/whitelist/${removed.entry.id}`, {
      token: removed.officer,
      body: { reason: '企业申请退出' },
    });

    await ctx.env.sleep('9 days');
    expect((await entryOf(expiring.officer, expiring.entry.id)).status).toBe('active');
    await ctx.env.sleep('3 days');
    const results = await Promise.all(
      [expiring, removed].map((p) => ctx.env.client.workflow.getHandle(whitelistWorkflowId(p.entry.id)).result()),
    );

    expect(results).toEqual(['expired', 'removed']);
    expect(await entryOf(expiring.officer, expiring.entry.id)).toMatchObject({
      status: 'expired',
      endedBy: 'system',
    });
    expect((await entryOf(removed.officer, removed.entry.id)).status).toBe('removed');
  });

  it('caps by the whitelist on the planned day: one a year within the entry’s validity, by grade after it', async () => {
    const today = await serverToday(ctx);
    const { officer, enterpriseId, entry } = await listedEnterprise(1933, addDays(today, 3));
    const plan = (plannedOn: string) =>
      ctx.api.call('POST', '/api/v1/inspections', {
        token: officer,
        body: { enterpriseId, kind: 'routine', plannedOn, matters: ['MS-001'] },
      });
    const first = addDays(today, 40);
    expect((await plan(first)).body.capCheck).toMatchObject({ whitelisted: false, grade: 'A' });

    // Planned for a day inside the entry's validity: whitelisted then, capped at one.
    const inValidity = await ctx.api.call('POST', '/api/v1/inspections', {
      token: officer,
      body: { enterpriseId, kind: 'routine', plannedOn: addDays(today, 1), matters: ['MS-002'] },
    });
    expect(inValidity.body.error).toMatchObject({ code: 'INSPECTION_CAP', details: [{ whitelisted: true, cap: 1 }] });

    await ctx.env.sleep('5 days');
    await ctx.env.client.workflow.getHandle(whitelistWorkflowId(entry.id)).result();
    expect((await entryOf(officer, entry.id)).status).toBe('expired');
  });

  it('lists and removes an enterprise once: five listings at once give one entry, five removals one removal', async () => {
    const officer = await ctx.api.token({ sub: 'wl-1941', role: 'officer', agency: 'SAMR-HZ' });
    const enterpriseId = makeUscc(1941);
    await ctx.api.call('POST', '/api/v1/enterprises', {
      token: officer,
      body: { id: enterpriseId, name: '白名单企业1941', kind: 'legal_person', registeredOn: '2000-01-01' },
    });
    const validUntil = addDays(await serverToday(ctx), 30);

    const listings = await sendAtOnce(5, () =>
      ctx.api.call('POST', '/api/v1/whitelist', {
        token: officer,
        body: { enterpriseId, reason: '重点培育企业', validUntil },
      }),
    );
    const listed = expectOneAccepted(listings, 201, { status: 409, code: 'ALREADY_ACTIVE' });
    const removals = await sendAtOnce(5, () =>
      ctx.api.call('DELETE', `/api/v1/whitelist/${listed.body.id}`, {
        token: officer,
        body: { reason: '企业申请退出' },
      }),
    );
    expectOneAccepted(removals);

    const audited = await ctx.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'whitelist_entry'), eq(auditLog.entityId, listed.body.id)));
    expect(audited.map((a) => a.action).sort()).toEqual(['whitelist.listed', 'whitelist.removed']);
    const entries = (await ctx.api.call('GET', '/api/v1/whitelist?agency=SAMR-HZ', { token: officer })).body.entries;
    expect(entries.filter((e: { enterpriseId: string }) => e.enterpriseId === enterpriseId)).toEqual([
      expect.objectContaining({ id: listed.body.id, status: 'removed' }),
    ]);
  });
});
