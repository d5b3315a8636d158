// Idempotency keys belong to the caller (subject, role, and agency or enterprise), and a keyed
// opening finds what its first attempt created, so a retry after a lost reply replays the 201.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../../db/schema';
import { useApi } from '../support/context';
import { observationParties, observationPeriods } from '../support/observation';
import { orderToCorrect, rectificationParties, rectifications } from '../support/rectifications';

const ctx = useApi({ worker: true });

/** The key's stored answer is gone and its lease ran out: what a crash before the reply leaves. */
async function loseTheReply(key: string): Promise<void> {
  const lost = await ctx.database.db
    .update(idempotencyKeys)
    .set({ statusCode: null, responseBody: null, createdAt: sql`now() - interval '1 minute'` })
    .where(eq(idempotencyKeys.key, key))
    .returning();
  expect(lost).toHaveLength(1);
}

describe('Idempotency-Key scope', () => {
  it('gives two officers with the same sub in different agencies each their own case for the same key and body', async () => {
    const { enterpriseId } = await rectificationParties(ctx, 3101);
    const east = await ctx.api.token({ sub: 'officer-same', role: 'officer', agency: 'AGENCY-EAST' });
    const west = await ctx.api.token({ sub: 'officer-same', role: 'officer', agency: 'AGENCY-WEST' });
    const body = orderToCorrect(enterpriseId);
    const headers = { 'Idempotency-Key': 'order-same-key' };

    const first = await rectifications(ctx).order(east, body, headers);
    const second = await rectifications(ctx).order(west, body, headers);

    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).not.toBe(first.body.id);
    expect([first.body.agency, second.body.agency]).toEqual(['AGENCY-EAST', 'AGENCY-WEST']);
  });

  it('replays the opening of an observation period to a keyed retry whose first reply was lost', async () => {
    const { enterpriseId, officer } = await observationParties(ctx, 3102);
    const body = {
      enterpriseId,
      matterCode: 'MS-005',
      legalBasis: '《优化营商环境条例》第五十五条',
      months: 6,
      reason: '平台经济新模式企业',
    };
    const headers = { 'Idempotency-Key': 'open-3102' };
    const first = await observationPeriods(ctx).open(officer, body, headers);
    await loseTheReply('open-3102');

    const retry = await observationPeriods(ctx).open(officer, body, headers);

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
  });

  it('still refuses a second period for the same enterprise and matter under another key with 409 ALREADY_ACTIVE', async () => {
    const { enterpriseId, officer } = await observationParties(ctx, 3103);
    const body = { enterpriseId, matterCode: 'MS-005', legalBasis: '依据', months: 6, reason: '新业态' };
    await observationPeriods(ctx).open(officer, body, { 'Idempotency-Key': 'open-3103-a' });

    const other = await observationPeriods(ctx).open(officer, body, { 'Idempotency-Key': 'open-3103-b' });

    expect([other.status, other.body.error.code]).toEqual([409, 'ALREADY_ACTIVE']);
  });
});
