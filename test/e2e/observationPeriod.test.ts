// Journey: an observation period from opening to conclusion. The period's end needs a month to
// pass, so the service runs on a time-skipping Temporal test server of this file's own, whose
// clock the API's "today" follows, and the test skips time between the steps.
import { describe, expect, it } from 'vitest';
import { makeUscc } from '../support/fixtures';
import { choose, signIn, useConsole } from './support/console';

const ctx = useConsole({ timeSkipping: 'own' });
const agency = 'SAMR-OBS';
const enterpriseId = makeUscc(17_101);

describe('an observation period, from opening to conclusion, in the console', () => {
  it('is opened, consented to, observed with a soft measure, and concluded as passed once it ends', async () => {
    // given a registered new-business-model enterprise
    const registrar = await ctx.api.token({ sub: 'registrar', role: 'officer', agency });
    await ctx.api.call('POST', '/api/v1/enterprises', {
      token: registrar,
      body: { id: enterpriseId, name: '即时配送创新有限公司', kind: 'legal_person', newBusinessModel: true },
    });

    // when the officer opens a one-month observation period
    const officer = await signIn(ctx, { role: 'officer', sub: 'officer-wang', agency });
    await officer.getByRole('link', { name: '开启观察期' }).click();
    await officer.getByLabel('企业').fill(enterpriseId);
    await choose(officer, '执法事项', /^MS-001 /, 'MS-001');
    await officer.getByLabel('法律或政策依据').fill('《优化营商环境条例》第五十五条');
    await officer.getByLabel('观察期（月）').fill('1');
    await officer.getByLabel('适用理由').fill('新业态企业，首次发现，危害轻微。');
    await officer.getByRole('button', { name: '提交' }).click();
    await officer.waitForURL(/\/observation-periods\/[0-9a-f-]{36}$/);
    const caseUrl = officer.url();
    await officer.getByText('待企业确认').first().waitFor();

    // and the business accepts it
    const business = await signIn(ctx, { role: 'business', sub: 'biz-zhao', enterpriseId });
    await business.getByRole('link', { name: '去办理' }).click();
    await business.getByRole('button', { name: '确认是否适用观察期' }).click();
    await business.getByText('同意适用', { exact: true }).click();
    await business.getByRole('button', { name: '提交' }).click();
    await business.getByText('观察中').first().waitFor();

    // and the officer records a soft measure
    await officer.reload();
    await officer.getByRole('button', { name: '实施柔性措施' }).click();
    await choose(officer, '措施类型', '教育提醒');
    // Each action's form is its own (the termination's also has a 说明): the open dialog's field.
    await officer.getByRole('dialog', { name: '实施柔性措施' }).getByLabel('说明').fill('上门宣讲营业执照公示规定。');
    await officer.locator('.ant-modal').getByRole('button', { name: '提交' }).click();
    await officer.getByRole('cell', { name: '教育提醒' }).waitFor();

    // and the month passes
    await ctx.env.sleep('40 days');
    await expect
      .poll(async () => {
        await officer.goto(caseUrl);
        await officer.getByRole('heading', { name: '柔性措施' }).waitFor();
        return officer.getByRole('button', { name: '作出结论' }).count();
      })
      .toBe(1);

    // then the officer concludes it as passed
    await officer.getByRole('button', { name: '作出结论' }).click();
    await officer.locator('.ant-modal').getByText('观察期满通过').click();
    await officer.getByRole('dialog', { name: '作出结论' }).getByLabel('理由').fill('观察期内未再发生违法行为。');
    await officer.locator('.ant-modal').getByRole('button', { name: '提交' }).click();
    await officer.locator('.ant-descriptions .ant-tag').getByText('观察期满通过').waitFor();

    // and the business sees the outcome, also in its credit file
    await business.goto(caseUrl);
    await business.getByText('观察期满通过').first().waitFor();
    await business.goto(`${ctx.api.url}/enterprises/${enterpriseId}`);
    await business.getByRole('heading', { name: '诚信档案' }).waitFor();
    await business.locator('.ant-timeline').getByText('观察期满通过').waitFor();
  }, 240_000);
});
