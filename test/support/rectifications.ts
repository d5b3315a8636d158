// Driving rectifications through the HTTP API in tests: tokens for each party, a registered
// enterprise, and one call per human step.
import { todayInShanghai } from '../../domain';
import type { ApiContext } from './context';
import { makeUscc } from './fixtures';

/** A tiny but genuine PDF, so evidence passes the content check. */
export const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

export async function rectificationParties(ctx: ApiContext, serial: number, agency = 'SAMR-HZ') {
  const enterpriseId = makeUscc(serial);
  const officer = await ctx.api.token({ sub: `officer-${serial}`, role: 'officer', agency });
  const business = await ctx.api.token({ sub: `biz-${serial}`, role: 'business', enterpriseId });
  const registered = await ctx.api.call('POST', '/api/v1/enterprises', {
    token: officer,
    body: { id: enterpriseId, name: `企业${serial}`, kind: 'legal_person' },
  });
  if (registered.status !== 201) throw new Error(`could not register enterprise: ${JSON.stringify(registered.body)}`);
  return { enterpriseId, officer, business };
}

/** The body of a plain order to correct (order_only) for a catalogued matter; `extra` overrides fields. */
export const orderToCorrect = (enterpriseId: string, extra: Record<string, unknown> = {}) => ({
  enterpriseId,
  matterCode: 'MS-001',
  disposition: 'order_only',
  findings: '未亮照经营',
  requiredActions: ['将营业执照置于醒目位置'],
  deadline: { workingDays: 10 },
  ...extra,
});

export function rectifications(ctx: ApiContext) {
  const base = '/api/v1/rectifications';
  return {
    order: (token: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
      ctx.api.call('POST', base, { token, body, headers }),
    get: (token: string, id: string) => ctx.api.call('GET', `${base}/${id}`, { token }),
    step: (token: string, id: string, step: string, body: unknown, headers?: Record<string, string>) =>
      ctx.api.call('POST', `${base}/${id}/${step}`, { token, body, headers }),
    evidence(
      token: string,
      id: string,
      description: string,
      files: Array<{ name: string; type: string; bytes: Buffer }>,
      headers?: Record<string, string>,
    ) {
      const form = new FormData();
      form.append('description', description);
      for (const f of files) form.append('files', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
      return ctx.api.call('POST', `${base}/${id}/evidence`, { token, rawBody: form, headers });
    },
  };
}

/** The calendar date in Shanghai by the Temporal server's clock, which time skipping moves. */
export async function serverToday(ctx: ApiContext): Promise<string> {
  return todayInShanghai(new Date(await ctx.env.currentTimeMs()));
}
