// Journey: the inbox (通知). A business whose enterprise was ordered to rectify twice signs in on a
// phone, sees the bell's count, opens the inbox, opens the newest notice from the keyboard onto its
// case, and back in the inbox finds it read and the count down; it marks the other read without
// leaving. An officer sees the notices of the officer's agency only; an auditor, who is told
// nothing, an empty inbox in words. No serious or critical axe violation at 1440 or 390 px.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { orderOnly, orderToCorrect, pdf, rectificationParties, rectifications } from '../support/rectifications';
import { seriousViolations, settled, type Violation } from './support/axe';
import { WIDTHS } from './support/browser';
import { signIn, useConsole } from './support/console';

const ctx = useConsole();
const agency = 'SAMR-INBOX';

/** The caller's inbox through the API, once it holds `count` notifications (delivered after the step). */
const inboxOf = (token: string, count: number) =>
  waitFor(`${count} notifications`, async () => {
    const res = await ctx.api.call('GET', '/api/v1/notifications', { token });
    const notifications = res.body.notifications as Array<{ title: string; link: string }> | undefined;
    return notifications && notifications.length >= count ? notifications : undefined;
  });

/** The header's bell once it tells a screen reader `label` (and, as a number on it, everyone). */
const bellSaying = (page: Page, label: string) => page.locator(`.shell-bell[aria-label="${label}"]`).waitFor();

const resize = (page: Page, width: number) => page.setViewportSize({ width, height: width < 600 ? 844 : 900 });

/** Serious or critical axe violations at desktop and phone width; the page is left at `endWidth`. */
async function violations(page: Page, endWidth: number): Promise<Violation[]> {
  const found: Violation[] = [];
  for (const width of WIDTHS) {
    await resize(page, width);
    await settled(page);
    found.push(...(await seriousViolations(page)).map((v) => ({ ...v, id: `${v.id}@${width}` })));
  }
  await resize(page, endWidth);
  return found;
}

/** A notice's link while unread: its title, then (hidden but read out) "unread". */
const unread = (title: string) => ({ name: new RegExp(`^${title}\\s*（未读）$`) });

const evidence = (text: string) => [{ name: `${text}.pdf`, type: 'application/pdf', bytes: pdf(text) }];

describe('the notifications inbox', () => {
  it('shows a business its notices on a phone, opens one on its case and counts it read', async () => {
    // given an enterprise ordered to rectify twice
    const { enterpriseId, officer } = await rectificationParties(ctx, 19_301, agency);
    const user = { role: 'business', sub: 'biz-inbox', enterpriseId } as const;
    const token = await ctx.api.token(user);
    const steps = rectifications(ctx);
    const first = await steps.order(officer, orderOnly(enterpriseId, '店招使用绝对化用语', 10));
    const second = await steps.order(officer, orderToCorrect(enterpriseId));
    expect([first.status, second.status]).toEqual([201, 201]);
    await inboxOf(token, 2);

    // when the business signs in on a phone, the bell says two are unread
    const page = await signIn(ctx, user, { width: 390 });
    await bellSaying(page, '通知，2 条未读');
    expect(await page.locator('.shell-bell .ant-badge-count').getAttribute('title')).toBe('2');

    // and it opens the inbox: both notices, newest first, unread, in Chinese, each naming its case
    await page.locator('.shell-bell').click();
    const items = page.getByRole('list', { name: '通知' }).getByRole('listitem');
    await items.first().waitFor();
    expect(await items.count()).toBe(2);
    const [newest, older] = [items.nth(0), items.nth(1)];
    expect(await newest.innerText()).toContain('将营业执照置于醒目位置');
    expect(await older.innerText()).toContain('撤下含绝对化用语的广告');
    for (const item of [newest, older]) {
      await item.getByRole('link', unread('整改通知')).waitFor();
      await item.getByText('所涉案件：责令整改').waitFor();
    }
    // full width, nothing wider than the phone, every tap target at least 44 px high
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect((await page.getByRole('list', { name: '通知' }).boundingBox())!.width).toBeGreaterThanOrEqual(360);
    for (const target of [
      page.locator('.shell-bell'),
      newest.getByRole('link'),
      newest.getByRole('button', { name: '标为已读' }),
    ])
      expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect(await violations(page, 390)).toEqual([]);

    // when it opens the newest from the keyboard, it lands on that case
    await newest.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/rectifications/${second.body.id}`);
    await page.getByRole('heading', { name: '办理进程' }).waitFor();

    // and back in the inbox that notice is read, the other not, and the bell counts one
    await page.goBack();
    await newest.getByRole('link', { name: '整改通知', exact: true }).waitFor();
    expect(await newest.getByRole('button', { name: '标为已读' }).count()).toBe(0);
    await older.getByRole('link', unread('整改通知')).waitFor();
    await bellSaying(page, '通知，1 条未读');

    // when it marks the other read from the keyboard, it stays in the inbox and nothing is unread
    await older.getByRole('button', { name: '标为已读' }).focus();
    await page.keyboard.press('Enter');
    await older.getByRole('link', { name: '整改通知', exact: true }).waitFor();
    await bellSaying(page, '通知');
    expect(new URL(page.url()).pathname).toBe('/notifications');
    // (read marks are the user's: the API has none left unread for it)
    const left = await ctx.api.call('GET', '/api/v1/notifications?unread=true', { token });
    expect(left.body.notifications).toEqual([]);
  }, 180_000);

  it('shows an officer the notices of the officer’s agency only, and an auditor an empty inbox', async () => {
    // given evidence submitted on a case of the officer's agency, and on one of another agency
    const ours = await rectificationParties(ctx, 19_302, agency);
    const theirs = await rectificationParties(ctx, 19_303, 'SAMR-ELSEWHERE');
    const steps = rectifications(ctx);
    const order = await steps.order(ours.officer, orderOnly(ours.enterpriseId, '虚假宣传', 10));
    const foreign = await steps.order(theirs.officer, orderOnly(theirs.enterpriseId, '未亮照', 10));
    expect((await steps.evidence(ours.business, order.body.id, '已撤下广告', evidence('撤下广告'))).status).toBe(202);
    expect((await steps.evidence(theirs.business, foreign.body.id, '已亮照', evidence('亮照'))).status).toBe(202);
    const colleague = await ctx.api.token({ sub: 'officer-inbox', role: 'officer', agency });
    await inboxOf(colleague, 1);
    await inboxOf(theirs.officer, 1);

    // when an officer of the agency signs in and opens the inbox from the keyboard
    const page = await signIn(ctx, { role: 'officer', sub: 'officer-inbox', agency });
    await bellSaying(page, '通知，1 条未读');
    await page.locator('.shell-bell').focus();
    await page.keyboard.press('Enter');

    // then it lists the one notice for the officer of this agency: not the business's order, not
    // the other agency's evidence
    const items = page.getByRole('list', { name: '通知' }).getByRole('listitem');
    await items.first().waitFor();
    expect(await items.count()).toBe(1);
    const link = items.first().getByRole('link', unread('整改材料待审核'));
    expect(await link.getAttribute('href')).toBe(`/rectifications/${order.body.id}`);
    expect(await page.getByText('整改通知').count()).toBe(0);
    expect(await violations(page, 1440)).toEqual([]);

    // and an auditor, whom notifications do not address, is told so in words
    const auditor = await signIn(ctx, { role: 'auditor', sub: 'auditor-inbox' }, { next: '/notifications' });
    await auditor.getByText(/^暂无通知。/).waitFor();
    await bellSaying(auditor, '通知');
    expect(await violations(auditor, 1440)).toEqual([]);
  }, 180_000);
});
