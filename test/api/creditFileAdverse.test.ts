// Declines are not faults (Changning item 6): an observation period the business declines, or
// withdraws from, is in its credit file for officers and for the business itself, never as adverse.
import { describe, expect, it } from 'vitest';
import { useApi } from '../support/context';
import { observationParties, observationPeriods, periodBody as period } from '../support/observation';

const ctx = useApi({ worker: true });
const api = observationPeriods(ctx);
async function creditFile(token: string, enterpriseId: string) {
  const res = await ctx.api.call('GET', `/api/v1/enterprises/${enterpriseId}/credit-file`, { token });
  expect(res.status).toBe(200);
  return res.body.entries.map((e: { kind: string; adverse: boolean; details: { terminationReason?: string } }) => [
    e.kind,
    e.details?.terminationReason,
    e.adverse,
  ]);
}

describe('the credit file after a decline or a withdrawal', () => {
  it('shows a declined period to officers and the business, not as adverse', async () => {
    const { enterpriseId, officer, business } = await observationParties(ctx, 501);
    const opened = await api.open(officer, period(enterpriseId));

    const declined = await api.step(business, opened.body.id, 'consent', { accept: false });

    expect(declined.body.status).toBe('declined');
    for (const token of [officer, business])
      expect(await creditFile(token, enterpriseId)).toEqual([['observation_declined', undefined, false]]);
  });

  it('shows a withdrawal as neutral, and ending it for the general procedure as adverse', async () => {
    const withdrawn = await observationParties(ctx, 502);
    const ended = await observationParties(ctx, 503);
    for (const { enterpriseId, officer, business } of [withdrawn, ended]) {
      const opened = await api.open(officer, period(enterpriseId));
      await api.step(business, opened.body.id, 'consent', { accept: true });
      const by = enterpriseId === withdrawn.enterpriseId ? business : officer;
      const reason = enterpriseId === withdrawn.enterpriseId ? 'withdrawn' : 'general_procedure';
      const res = await api.step(by, opened.body.id, 'termination', { reason, note: '终止' });
      expect(res.body.status).toBe('terminated');
    }

    expect(await creditFile(withdrawn.business, withdrawn.enterpriseId)).toEqual([
      ['observation_terminated', 'withdrawn', false],
    ]);
    expect(await creditFile(ended.officer, ended.enterpriseId)).toEqual([
      ['observation_terminated', 'general_procedure', true],
    ]);
  });
});
