// Driving public-interest service cases (公益抵罚) through the HTTP API in tests.
import type { ApiContext } from './context';

/** An offer for a transport matter (allowed by the default policy): TR-001, the fine in yuan. */
export const offerBody = (enterpriseId: string, fine: number, extra: Record<string, unknown> = {}) => ({
  enterpriseId,
  matterCode: 'TR-001',
  fine,
  reason: '未随车携带道路运输证，情节轻微',
  ...extra,
});

export const sessionOn = (date: string, hours: number, organisation = '街道志愿服务站') => ({
  organisation,
  date,
  hours,
  description: '协助维护路口交通秩序',
});

export function offsets(ctx: ApiContext) {
  const base = '/api/v1/offsets';
  return {
    offer: (token: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
      ctx.api.call('POST', base, { token, body, headers }),
    get: (token: string, id: string) => ctx.api.call('GET', `${base}/${id}`, { token }),
    step: (token: string, id: string, step: string, body: unknown, headers?: Record<string, string>) =>
      ctx.api.call('POST', `${base}/${id}/${step}`, { token, body, headers }),
    confirm: (token: string, id: string, sid: string, confirmed = true, note = '核实属实') =>
      ctx.api.call('POST', `${base}/${id}/sessions/${sid}/confirmation`, { token, body: { confirmed, note } }),
  };
}
