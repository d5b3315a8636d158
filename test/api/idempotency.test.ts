import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, enterprises } from '../../db/schema';
import { makeUscc } from '../support/fixtures';
import { useApi } from '../support/context';

const ctx = useApi();
const officer = { sub: 'officer-9', role: 'officer', agency: 'SAMR-HZ' } as const;

describe('Idempotency-Key', () => {
  it('returns the first response to a retry and applies the request only once', async () => {
    const token = await ctx.api.token(officer);
    const body = { id: makeUscc(200), name: '幂等企业', kind: 'legal_person' };
    const headers = { 'Idempotency-Key': 'register-200' };

    const first = await ctx.api.call('POST', '/api/v1/enterprises', { token, body, headers });
    const retry = await ctx.api.call('POST', '/api/v1/enterprises', { token, body, headers });

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const audits = await ctx.database.db.select().from(auditLog).where(eq(auditLog.entityId, body.id));
    expect(audits).toHaveLength(1);
  });

  it('refuses the same key with a different body with 409 IDEMPOTENCY_KEY_REUSED and changes nothing', async () => {
    const token = await ctx.api.token(officer);
    const headers = { 'Idempotency-Key': 'register-201' };
    await ctx.api.call('POST', '/api/v1/enterprises', {
      token,
      headers,
      body: { id: makeUscc(201), name: '第一', kind: 'legal_person' },
    });

    const reused = await ctx.api.call('POST', '/api/v1/enterprises', {
      token,
      headers,
      body: { id: makeUscc(202), name: '第二', kind: 'legal_person' },
    });

    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(
      await ctx.database.db
        .select()
        .from(enterprises)
        .where(eq(enterprises.id, makeUscc(202))),
    ).toEqual([]);
  });

  it('replays a refusal too, so a retry cannot turn a 4xx into a different answer', async () => {
    const token = await ctx.api.token(officer);
    const body = { id: makeUscc(203), name: '已存在', kind: 'legal_person' };
    await ctx.api.call('POST', '/api/v1/enterprises', { token, body });
    const headers = { 'Idempotency-Key': 'register-203-again' };

    const first = await ctx.api.call('POST', '/api/v1/enterprises', { token, body, headers });
    const retry = await ctx.api.call('POST', '/api/v1/enterprises', { token, body, headers });

    expect(first.status).toBe(409);
    expect(retry).toMatchObject({ status: 409, body: first.body });
  });

  it('keeps keys per caller: another user may use the same key for their own request', async () => {
    const headers = { 'Idempotency-Key': 'shared-key' };
    const a = await ctx.api.call('POST', '/api/v1/enterprises', {
      token: await ctx.api.token(officer),
      headers,
      body: { id: makeUscc(204), name: 'A', kind: 'legal_person' },
    });
    const b = await ctx.api.call('POST', '/api/v1/enterprises', {
      token: await ctx.api.token({ ...officer, sub: 'officer-10' }),
      headers,
      body: { id: makeUscc(205), name: 'B', kind: 'legal_person' },
    });

    expect([a.status, b.status]).toEqual([201, 201]);
  });
});
