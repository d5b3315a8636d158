// Journey: a business typing another enterprise's case URL sees the same not-found page as for a
// case that does not exist, and nothing of the other case.
import { describe, expect, it } from 'vitest';
import { makeUscc } from '../support/fixtures';
import { signIn, useConsole } from './support/console';

const ctx = useConsole();

describe("another enterprise's case in the console", () => {
  it('shows a business the not-found page and no data, as for a case that does not exist', async () => {
    // given another enterprise's rectification
    const officer = await ctx.api.token({ sub: 'officer-x', role: 'officer', agency: 'SAMR-X' });
    const [own, other] = [makeUscc(17_401), makeUscc(17_402)];
    for (const [id, name] of [
      [own, '本企业有限公司'],
      [other, '他人秘密有限公司'],
    ])
      await ctx.api.call('POST', '/api/v1/enterprises', { token: officer, body: { id, name, kind: 'legal_person' } });
    const order = await ctx.api.call('POST', '/api/v1/rectifications', {
      token: officer,
      body: {
        enterpriseId: other,
        matterCode: 'MS-001',
        disposition: 'order_only',
        findings: '机密的违法事实',
        requiredActions: ['整改'],
      },
    });

    // when a business of the first enterprise opens that case's URL, and one that does not exist
    const business = await signIn(ctx, { role: 'business', sub: 'biz-own', enterpriseId: own });
    await business.goto(`${ctx.api.url}/rectifications/${order.body.id}`);
    await business.getByText('页面不存在').waitFor();
    const foreign = await business.locator('main, #main').innerText();
    await business.goto(`${ctx.api.url}/rectifications/00000000-0000-4000-8000-000000000000`);
    await business.getByText('页面不存在').waitFor();
    const missing = await business.locator('main, #main').innerText();

    // then both pages are the same, and nothing of the other case shows
    expect(foreign).toBe(missing);
    expect(await business.content()).not.toContain('机密的违法事实');
    expect(await business.content()).not.toContain(other);
  }, 180_000);
});
