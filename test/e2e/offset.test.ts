// Journey: an officer offers public-interest service in lieu of a fine (through the API); the
// business accepts it and logs the whole service in the console; the officer confirms the session
// there, which completes the case: the fine offset in full.
import { describe, expect, it } from 'vitest';
import { offerBody } from '../support/offsets';
import { rectificationParties, serverToday } from '../support/rectifications';
import { signIn, useConsole } from './support/console';

const ctx = useConsole();
const agency = 'SAMR-E2E';

describe('public-interest service in the console', () => {
  it('is accepted and logged by the business and confirmed by the officer, offsetting the fine in full', async () => {
    // given an offer of service in lieu of a 200 yuan fine
    const { enterpriseId, officer: officerToken } = await rectificationParties(ctx, 19_001, agency);
    const offered = await ctx.api.call('POST', '/api/v1/offsets', {
      token: officerToken,
      body: offerBody(enterpriseId, 200),
    });
    expect(offered.status).toBe(201);
    const path = `/offsets/${offered.body.id}`;
    const hours = offered.body.hours as number;

    // when the business accepts it on the case page
    const business = await signIn(ctx, { role: 'business', sub: 'biz-19001', enterpriseId }, { next: path });
    await business.getByRole('heading', { name: '公益抵罚' }).waitFor();
    await business.getByText('待确认').first().waitFor();
    await business.getByRole('button', { name: '答复公益抵罚' }).click();
    await business.getByLabel('同意参加公益服务').check();
    await business.locator('.ant-modal').getByRole('button', { name: '提交' }).click();
    await business.getByText('服务中').first().waitFor();

    // and logs one session of every hour owed
    await business.getByRole('button', { name: '登记服务记录' }).click();
    await business.getByLabel('服务单位').fill('街道志愿服务站');
    await business.getByLabel('服务日期').fill(await serverToday(ctx));
    await business.getByLabel('服务日期').press('Enter');
    await business.getByLabel('服务时长（小时）').fill(String(hours));
    await business.getByLabel('服务内容').fill('协助维护路口交通秩序');
    await business.locator('.ant-modal').getByRole('button', { name: '提交' }).click();
    await business.getByRole('cell', { name: '街道志愿服务站' }).waitFor();
    await business.getByText('待确认').first().waitFor();

    // then the officer confirms it from the session's row
    const officer = await signIn(ctx, { role: 'officer', sub: 'officer-19001', agency }, { next: path });
    await officer.getByRole('button', { name: '确认服务记录' }).click();
    const dialog = officer.locator('.ant-modal');
    await dialog.getByLabel('属实，予以确认').check();
    await dialog.getByLabel('确认意见').fill('经服务站核实属实。');
    await dialog.getByRole('button', { name: '提交' }).click();

    // and the case is complete: the fine offset in full, the story on the timeline
    await officer.getByText('已全额抵罚').first().waitFor();
    for (const event of ['企业同意公益抵罚', '企业登记服务记录', '公益服务完成，全额抵罚'])
      await officer.getByText(event).first().waitFor();
    await officer.getByText('抵扣 200 元，尚需缴纳 0 元', { exact: false }).waitFor();
    const view = await ctx.api.call('GET', `/api/v1${path}`, { token: officerToken });
    expect(view.body).toMatchObject({
      status: 'completed',
      hoursConfirmed: hours,
      outcome: { result: 'full', offset: 200 },
    });
  }, 240_000);
});
