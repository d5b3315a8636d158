import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { makeUscc } from '../support/fixtures';
import { useApi } from '../support/context';

const ctx = useApi();
const officer = { sub: 'officer-1', role: 'officer', agency: 'SAMR-HZ' } as const;

describe('enterprises', () => {
  it('registers an enterprise and records who did it in the audit log', async () => {
    const id = makeUscc(1);
    const token = await ctx.api.token(officer);

    const res = await ctx.api.call('POST', '/api/v1/enterprises', {
      token,
      body: { id, name: '杭州示例科技有限公司', kind: 'legal_person', newBusinessModel: true },
    });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id, name: '杭州示例科技有限公司', kind: 'legal_person', newBusinessModel: true });
    const audit = await ctx.database.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit).toMatchObject([
      { actor: 'officer-1', role: 'officer', action: 'enterprise.registered', entityType: 'enterprise' },
    ]);
  });

  it('shows an enterprise to its own business user and hides it (404) from another', async () => {
    const id = makeUscc(2);
    await ctx.api.call('POST', '/api/v1/enterprises', {
      token: await ctx.api.token(officer),
      body: { id, name: '个体工商户甲', kind: 'individual' },
    });

    const own = await ctx.api.call('GET', `/api/v1/enterprises/${id}`, {
      token: await ctx.api.token({ sub: 'biz-2', role: 'business', enterpriseId: id }),
    });
    const foreign = await ctx.api.call('GET', `/api/v1/enterprises/${id}`, {
      token: await ctx.api.token({ sub: 'biz-3', role: 'business', enterpriseId: makeUscc(3) }),
    });

    expect(own.status).toBe(200);
    expect(own.body.kind).toBe('individual');
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
  });

  it('refuses an invalid unified social credit code with 400 INVALID_USCC', async () => {
    const valid = makeUscc(4);
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');

    const res = await ctx.api.call('POST', '/api/v1/enterprises', {
      token: await ctx.api.token(officer),
      body: { id: wrongCheck, name: 'X', kind: 'legal_person' },
    });
    const lookup = await ctx.api.call('GET', '/api/v1/enterprises/not-a-code', { token: await ctx.api.token(officer) });

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_USCC');
    expect(lookup.status).toBe(400);
    expect(lookup.body.error.code).toBe('INVALID_USCC');
  });

  it('refuses a second registration of the same code with 409 ALREADY_EXISTS', async () => {
    const id = makeUscc(5);
    const token = await ctx.api.token(officer);
    const body = { id, name: '重复企业', kind: 'legal_person' };

    await ctx.api.call('POST', '/api/v1/enterprises', { token, body });
    const again = await ctx.api.call('POST', '/api/v1/enterprises', { token, body });

    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_EXISTS');
  });

  it('reports schema violations field by field with 400 VALIDATION_FAILED', async () => {
    const res = await ctx.api.call('POST', '/api/v1/enterprises', {
      token: await ctx.api.token(officer),
      body: { id: makeUscc(6), name: '', kind: 'cooperative' },
    });

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.name', 'body.kind']);
  });
});
