// Journey: under a policy that sends no-penalty orders to legal review (法制审核), the agency's legal
// reviewer returns an order with reasons in the console, the officer resubmits it there, and the
// reviewer approves it: only then does the order reach the business.
import { beforeAll, describe, expect, it } from 'vitest';
import { agencyAdmin } from '../support/agencies';
import { orderBody, rectificationParties, rectifications, serverToday } from '../support/rectifications';
import { signIn, useConsole } from './support/console';

const ctx = useConsole();
const agency = 'LEGAL-E2E';

beforeAll(async () => {
  const admin = await ctx.api.token({ sub: 'admin-lr', role: 'admin' });
  const { register, storePolicy } = agencyAdmin(ctx, () => admin);
  await register(agency);
  const stored = await storePolicy(agency, {
    effectiveFrom: await serverToday(ctx),
    reason: '重大执法决定法制审核',
    legalReviewDecisions: ['no_penalty'],
  });
  expect(stored.status, JSON.stringify(stored.body)).toBe(201);
});

describe('legal review in the console', () => {
  it('is returned by the reviewer, resubmitted by the officer and approved, the order then reaching the business', async () => {
    // given a no-penalty order held for legal review
    const { enterpriseId, officer: officerToken } = await rectificationParties(ctx, 19_101, agency);
    const ordered = await rectifications(ctx).order(officerToken, orderBody(enterpriseId));
    expect(ordered.body.status).toBe('awaiting_legal_review');
    const path = `/rectifications/${ordered.body.id}`;

    // when the reviewer returns it with reasons
    const reviewer = await signIn(ctx, { role: 'legal_reviewer', sub: 'reviewer-1', agency }, { next: path });
    await reviewer.getByText('待法制审核').first().waitFor();
    await reviewer.getByRole('button', { name: '法制审核' }).click();
    await reviewer.getByLabel('退回修改').check();
    await reviewer.getByLabel('审核理由').fill('法律依据引用不完整。');
    await reviewer.locator('.ant-modal').getByRole('button', { name: '提交' }).click();
    await reviewer.getByText('法制审核退回修改').first().waitFor();

    // and the officer resubmits it, revised
    const officer = await signIn(ctx, { role: 'officer', sub: 'officer-19101', agency }, { next: path });
    await officer.getByText('法律依据引用不完整。').first().waitFor();
    await officer.getByRole('button', { name: '修改后重新提交' }).click();
    await officer.getByLabel('修改说明').fill('已补充法律依据。');
    await officer.locator('.ant-modal').getByRole('button', { name: '提交' }).click();
    await officer.getByText('待法制审核').first().waitFor();

    // then the reviewer approves the second round
    await reviewer.reload();
    await reviewer.getByText('第 2 轮').first().waitFor();
    await reviewer.getByRole('button', { name: '法制审核' }).click();
    await reviewer.getByLabel('审核通过').check();
    await reviewer.getByLabel('审核理由').fill('事实清楚，依据充分。');
    await reviewer.locator('.ant-modal').getByRole('button', { name: '提交' }).click();

    // and the order takes effect: it awaits the business's commitment
    await reviewer.getByText('待签署承诺书').first().waitFor();
    for (const event of ['法制审核退回', '修改后重新提交法制审核', '法制审核通过'])
      await reviewer.getByText(event, { exact: true }).first().waitFor();
    const view = await ctx.api.call('GET', `/api/v1${path}`, { token: officerToken });
    expect(view.body.status).toBe('awaiting_commitment');
    expect(view.body.legalReviews.map((r: { verdict?: { decision: string } }) => r.verdict?.decision)).toEqual([
      'returned',
      'approved',
    ]);
  }, 240_000);
});
