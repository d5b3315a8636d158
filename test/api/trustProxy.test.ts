// Behind a load balancer every request comes from the balancer's address: with TRUST_PROXY the API
// takes the client's address from X-Forwarded-For instead, so that each client has its own rate
// limit rather than all of them sharing one. Here the balancer is the loopback address itself.
import { describe, expect, it } from 'vitest';
import { useApi } from '../support/context';

const ctx = useApi({ rateLimitPerMinute: 2, trustProxy: 1 });

describe('behind a load balancer (TRUST_PROXY=1)', () => {
  it('limits each forwarded client on its own', async () => {
    const token = await ctx.api.token({ sub: 'a-1', role: 'auditor' });
    const from = (client: string) =>
      ctx.api.call('GET', '/api/v1/catalog/matters', { token, headers: { 'X-Forwarded-For': client } });

    const first = [await from('203.0.113.7'), await from('203.0.113.7'), await from('203.0.113.7')];
    const other = await from('198.51.100.20');

    expect(first.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(other.status).toBe(200);
  });
});
