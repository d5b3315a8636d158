// Driving objections (异议申诉) through the HTTP API in tests: an enterprise with an adverse entry
// in its credit file (an observation period ended for the general procedure), filing an objection
// with reasons and a file, and credit staff's decision.
import { expect } from 'vitest';
import type { ApiContext } from './context';
import { observationParties, observationPeriods, periodBody } from './observation';
import { pdf } from './rectifications';

export async function creditFileOf(ctx: ApiContext, token: string, enterpriseId: string) {
  const res = await ctx.api.call('GET', `/api/v1/enterprises/${enterpriseId}/credit-file`, { token });
  expect(res.status).toBe(200);
  return res.body.entries;
}

/** An enterprise whose credit file holds one adverse entry (grade C), its parties and a credit staff member. */
export async function partiesWithAdverseEntry(ctx: ApiContext, serial: number) {
  const periods = observationPeriods(ctx);
  const parties = await observationParties(ctx, serial);
  const opened = await periods.open(parties.officer, periodBody(parties.enterpriseId));
  await periods.step(parties.business, opened.body.id, 'consent', { accept: true });
  await periods.step(parties.officer, opened.body.id, 'termination', {
    reason: 'general_procedure',
    note: '转一般程序',
  });
  const creditStaff = await ctx.api.token({ sub: `credit-${serial}`, role: 'credit_staff' });
  const [entry] = await creditFileOf(ctx, parties.business, parties.enterpriseId);
  return { ...parties, creditStaff, entry };
}

export function objections(ctx: ApiContext) {
  return {
    file(token: string, enterpriseId: string, entryKey: string, reasons = '终止理由与事实不符', withFile = true) {
      const form = new FormData();
      form.append('reasons', reasons);
      if (withFile)
        form.append('files', new Blob([new Uint8Array(pdf('情况说明'))], { type: 'application/pdf' }), 'statement.pdf');
      return ctx.api.call(
        'POST',
        `/api/v1/enterprises/${enterpriseId}/credit-file/${encodeURIComponent(entryKey)}/objection`,
        { token, rawBody: form },
      );
    },
    decide: (token: string, id: string, body: Record<string, unknown>) =>
      ctx.api.call('POST', `/api/v1/objections/${id}/decision`, { token, body }),
    get: (token: string, id: string) => ctx.api.call('GET', `/api/v1/objections/${id}`, { token }),
  };
}
