// Journey: an officer plans routine inspections of an enterprise in the console until its credit
// grade's cap refuses one (the refusal explained with its numbers), records violations found and
// orders the rectification, then whitelists another enterprise and takes it off with a reason;
// the page by keyboard, at phone width, and free of serious accessibility violations at both.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain';
import { rectificationParties, serverToday } from '../support/rectifications';
import { seriousViolations, settled } from './support/axe';
import { choose, signIn, useConsole } from './support/console';

const ctx = useConsole();
const agency = 'SAMR-INSP';

/** Serious or critical axe violations of the page once its animations have ended. */
async function violations(page: Page) {
  await page.mouse.move(0, 0);
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
  await settled(page);
  return seriousViolations(page);
}

/** Fills an Ant Design date field of a dialog and confirms it, as a keyboard user does. */
async function fillDate(dialog: Locator, label: string, date: string) {
  const field = dialog.getByLabel(label);
  await field.fill(date);
  await field.press('Enter');
}

/** Plans a routine inspection of MS-001 through the dialog; answers the dialog, open on a refusal. */
async function planRoutine(page: Page, enterprise: { id: string; name: string }, plannedOn: string) {
  await page.getByRole('button', { name: '新建检查' }).click();
  const dialog = page.getByRole('dialog', { name: '新建检查' });
  await dialog.getByLabel('企业', { exact: true }).fill(enterprise.id);
  await dialog.getByText(enterprise.name).waitFor(); // the registered name, once the code is complete
  await fillDate(dialog, '计划检查日期', plannedOn);
  await choose(page, '检查事项', /^MS-001 /, 'MS-001');
  await page.keyboard.press('Escape'); // closes the options (the select keeps the key from the dialog)
  await dialog.getByRole('button', { name: '提交' }).click();
  return dialog;
}

describe('inspections and the whitelist in the console', () => {
  it('plans within the cap, explains the refusal beyond it, records violations and keeps the whitelist', async () => {
    // given an enterprise without a rating history (grade B: two routine inspections in 12 months)
    const { enterpriseId, officer: officerToken } = await rectificationParties(ctx, 23_001, agency);
    const planned = { id: enterpriseId, name: '企业23001' };
    const listed = await rectificationParties(ctx, 23_002, agency);
    const today = await serverToday(ctx);
    const officer = await signIn(ctx, { role: 'officer', sub: 'officer-23001', agency }, { next: '/inspections' });
    await officer.getByRole('heading', { name: '监督检查' }).waitFor();
    await officer.getByText('该期间暂无本单位的检查计划').waitFor();

    // when the officer plans a routine inspection next week
    const first = await planRoutine(officer, planned, addDays(today, 7));
    await first.waitFor({ state: 'hidden' });

    // then the plan lists it, and the confirmation says what the cap was checked against
    const notice = officer.getByRole('status').filter({ hasText: '已安排检查' });
    await notice.getByText('信用等级 B（依据当前信用评价），未列入白名单。').waitFor();
    expect(await notice.textContent()).toContain('例行检查上限 2 次，此前已安排 0 次。');
    const rows = officer.getByRole('row').filter({ hasText: '企业23001' });
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('例行检查');
    expect(await rows.first().textContent()).toContain('待检查');
    expect(await violations(officer)).toEqual([]);

    // when a second is planned, and then a third
    await (await planRoutine(officer, planned, addDays(today, 14))).waitFor({ state: 'hidden' });
    const third = await planRoutine(officer, planned, addDays(today, 21));

    // then the third is refused in words, with the grade, the cap and how many are planned
    const refusal = third.getByRole('alert');
    await refusal
      .getByText(/^该企业信用等级为 B，.+至.+内例行检查上限 2 次，已安排 2 次，不能再安排例行检查$/)
      .waitFor();
    await refusal.getByText('如有投诉举报、移送交办等线索，可安排有因检查，不受此限。').waitFor();
    await third.getByRole('button', { name: '取消' }).click();
    await third.waitFor({ state: 'hidden' });
    await expect.poll(() => rows.count()).toBe(2);

    // when the first inspection's result is recorded: violations found
    await rows.first().getByRole('button', { name: '登记检查结果' }).click();
    const result = officer.getByRole('dialog', { name: /^登记检查结果/ });
    await result.getByLabel('发现违法行为', { exact: true }).check();
    await result.getByLabel('检查情况').fill('经营场所未悬挂营业执照。');
    await result.getByRole('button', { name: '提交' }).click();
    await result.waitFor({ state: 'hidden' });

    // then the row shows the outcome, and the order it calls for opens with the enterprise filled in
    const done = rows.filter({ hasText: '发现违法行为' });
    await done.getByText('经营场所未悬挂营业执照。').waitFor();
    await done.getByRole('link', { name: '责令整改' }).click();
    await officer.getByRole('heading', { name: '责令整改' }).waitFor();
    expect(await officer.getByLabel('企业', { exact: true }).inputValue()).toBe(enterpriseId);
    await choose(officer, '执法事项', /^MS-001 /, 'MS-001');
    await officer.getByLabel('违法事实').fill('经营场所未悬挂营业执照。');
    await officer.getByLabel('整改要求 1').fill('在经营场所醒目位置悬挂营业执照');
    await officer.getByRole('button', { name: '提交' }).click();
    await officer.waitForURL(/\/rectifications\/[0-9a-f-]{36}$/);
    const rectificationId = new URL(officer.url()).pathname.split('/').pop();

    // and naming that rectification on the inspection links the two
    await officer.getByRole('link', { name: '检查计划' }).click();
    await done.getByRole('button', { name: '关联整改案件' }).click();
    const link = officer.getByRole('dialog', { name: '关联整改案件' });
    await choose(officer, '整改案件', /^MS-001 /);
    await link.getByRole('button', { name: '提交' }).click();
    await done.getByRole('link', { name: '已责令整改，查看案件' }).waitFor();
    const inspections = await ctx.api.call('GET', `/api/v1/inspections?enterpriseId=${enterpriseId}`, {
      token: officerToken,
    });
    expect(inspections.body.inspections[0]).toMatchObject({ outcome: 'violations_found', rectificationId });
    expect(await violations(officer)).toEqual([]);

    // when the officer turns to the whitelist by keyboard and lists the other enterprise
    await officer.getByRole('tab', { name: '检查计划' }).focus();
    await officer.keyboard.press('ArrowRight');
    await officer.keyboard.press('Enter');
    await officer.getByText('本单位白名单暂无企业').waitFor();
    const addButton = officer.getByRole('button', { name: '加入白名单' });
    await addButton.focus();
    await officer.keyboard.press('Enter');
    const add = officer.getByRole('dialog', { name: '加入白名单' });
    await add.getByLabel('企业', { exact: true }).fill(listed.enterpriseId);
    await add.getByLabel('列入理由').fill('连续三年无违法记录的重点企业。');
    await fillDate(add, '有效期至', addDays(today, -1));
    await add.getByRole('button', { name: '提交' }).click();

    // then a past end date is refused in words, and a later one is listed
    await add
      .getByRole('alert')
      .getByText(/^有效期至不能早于今天（.+）$/)
      .waitFor();
    await fillDate(add, '有效期至', addDays(today, 365));
    await add.getByRole('button', { name: '提交' }).click();
    await add.waitFor({ state: 'hidden' });
    const entry = officer.getByRole('row').filter({ hasText: '企业23002' });
    await entry.getByText('有效', { exact: true }).waitFor();
    expect(await entry.textContent()).toContain('连续三年无违法记录的重点企业。');

    // and listing it again is refused as already listed
    await addButton.click();
    await add.getByLabel('企业', { exact: true }).fill(listed.enterpriseId);
    await add.getByLabel('列入理由').fill('重复列入。');
    await fillDate(add, '有效期至', addDays(today, 30));
    await add.getByRole('button', { name: '提交' }).click();
    await add.getByRole('alert').getByText('该企业已在本单位白名单中').waitFor();
    await add.getByRole('button', { name: '取消' }).click();
    await add.waitFor({ state: 'hidden' });
    expect(await violations(officer)).toEqual([]);

    // when it is taken off with a reason
    await entry.getByRole('button', { name: '移出白名单' }).click();
    const remove = officer.getByRole('dialog', { name: /^移出白名单：企业23002/ });
    await remove.getByLabel('移出理由').fill('发生严重违法行为。');
    await remove.getByRole('button', { name: '提交' }).click();
    await remove.waitFor({ state: 'hidden' });

    // then the entry stays in the history, removed, with the reason
    await entry.getByText('已移出', { exact: true }).waitFor();
    await entry.getByText('发生严重违法行为。').waitFor();
    const whitelist = await ctx.api.call('GET', `/api/v1/whitelist?agency=${agency}`, { token: officerToken });
    expect(whitelist.body.entries).toMatchObject([
      { enterpriseId: listed.enterpriseId, status: 'removed', endReason: '发生严重违法行为。' },
    ]);

    // and on a phone the plan is a list of cards, as accessible as on a desk
    const phone = await signIn(
      ctx,
      { role: 'officer', sub: 'officer-23001', agency },
      { next: '/inspections', width: 390 },
    );
    const card = phone.locator('.ant-card').filter({ hasText: '企业23001' }).filter({ hasText: '发现违法行为' });
    await card.getByRole('link', { name: '已责令整改，查看案件' }).waitFor();
    expect(await phone.locator('.ant-table').count()).toBe(0);
    expect(await violations(phone)).toEqual([]);
    await phone.getByRole('tab', { name: '白名单' }).click();
    await phone.locator('.ant-card').filter({ hasText: '企业23002' }).getByText('已移出', { exact: true }).waitFor();
    expect(await violations(phone)).toEqual([]);
  }, 240_000);
});
