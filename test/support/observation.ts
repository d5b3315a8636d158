// Driving observation periods through the HTTP API in tests: a registered new-business-model
// enterprise with its officer's and business's tokens, one call per step, and moving the shared
// test server's clock to a given Shanghai day.
import { startOfDayInShanghai, type CalendarDate } from '../../domain';
import type { ApiContext } from './context';
import { makeUscc } from './fixtures';

export async function observationParties(
  ctx: ApiContext,
  serial: number,
  options: { agency?: string; newBusinessModel?: boolean } = {},
) {
  const { agency = 'SAMR-HZ', newBusinessModel = true } = options;
  const enterpriseId = makeUscc(serial);
  const officer = await ctx.api.token({ sub: `officer-${serial}`, role: 'officer', agency });
  const business = await ctx.api.token({ sub: `biz-${serial}`, role: 'business', enterpriseId });
  const registered = await ctx.api.call('POST', '/api/v1/enterprises', {
    token: officer,
    body: {
      id: enterpriseId,
      name: `新业态企业${serial}`,
      kind: 'legal_person',
      newBusinessModel,
      industry: '平台经济',
    },
  });
  if (registered.status !== 201) throw new Error(`could not register enterprise: ${JSON.stringify(registered.body)}`);
  return { enterpriseId, officer, business };
}

export function observationPeriods(ctx: ApiContext) {
  const base = '/api/v1/observation-periods';
  return {
    open: (token: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
      ctx.api.call('POST', base, { token, body, headers }),
    get: (token: string, id: string) => ctx.api.call('GET', `${base}/${id}`, { token }),
    step: (token: string, id: string, step: string, body: unknown, headers?: Record<string, string>) =>
      ctx.api.call('POST', `${base}/${id}/${step}`, { token, body, headers }),
  };
}

/**
 * Skips the test server's clock to `hours` into `date` (Asia/Shanghai). Milestones fall at the
 * start of a day, so an hour later whatever they set off has been recorded.
 */
export async function sleepUntil(ctx: ApiContext, date: CalendarDate, hours = 1): Promise<void> {
  const target = startOfDayInShanghai(date).getTime() + hours * 3_600_000;
  const now = await ctx.env.currentTimeMs();
  if (target <= now) throw new Error(`The test server's clock is already past ${date} +${hours}h`);
  await ctx.env.sleep(target - now);
}

/** A period to open: MS-005 for six months, with a legal basis and a reason; override any field. */
export const periodBody = (enterpriseId: string, extra: Record<string, unknown> = {}) => ({
  enterpriseId,
  matterCode: 'MS-005',
  legalBasis: '《优化营商环境条例》第五十五条',
  months: 6,
  reason: '平台经济新模式企业',
  ...extra,
});
