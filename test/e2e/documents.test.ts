// Journey: an officer orders a no-penalty rectification (through the API), which issues its order
// (责令改正通知书) and its no-penalty decision (不予行政处罚决定书). The business, on a phone, sees
// both awaiting its acknowledgement, downloads one (a PDF, named by its number) and acknowledges
// the other; the officer, on a desktop, records the decision as served by post, once the API has
// refused a date in the future. Every action is taken from the keyboard; axe is clean at both widths.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, chineseDate } from '../../domain';
import { waitFor } from '../support/processes';
import { orderBody, rectificationParties, rectifications, serverToday } from '../support/rectifications';
import { violationsAtWidths } from './support/axe';
import { signIn, useConsole } from './support/console';

const ctx = useConsole();
const agency = 'SAMR-E2E';

interface Listed {
  kind: string;
  number: string;
  issuedOn: string;
}

/** Whether the element has the keyboard focus. */
const hasFocus = (target: Locator) => target.evaluate((element) => element === element.ownerDocument.activeElement);

/** Moves the focus forward with Tab, as a keyboard user does, until `target` has it; from `start` if given. */
async function tabTo(page: Page, target: Locator, start?: Locator) {
  await start?.click(); // Tab goes on from where the user last clicked
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press('Tab');
    if (await hasFocus(target)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

async function expectNoViolations(page: Page) {
  const size = page.viewportSize();
  expect(await violationsAtWidths(page)).toEqual([]);
  if (size) await page.setViewportSize(size);
}

describe("a case's documents in the console", () => {
  it('are downloaded and acknowledged by the business, and served by post by the officer', async () => {
    // given a no-penalty rectification ordered by the officer, with its two documents issued
    const { enterpriseId, officer: officerToken } = await rectificationParties(ctx, 20_001, agency);
    const ordered = await rectifications(ctx).order(officerToken, orderBody(enterpriseId));
    expect(ordered.status).toBe(201);
    const path = `/rectifications/${ordered.body.id}`;
    const issued = await waitFor('the order and the decision', async () => {
      const res = await ctx.api.call('GET', `/api/v1${path}/documents`, { token: officerToken });
      return res.status === 200 && res.body.documents.length >= 2 ? (res.body.documents as Listed[]) : undefined;
    });
    const order = issued.find((d) => d.kind === 'rectification_order')!;
    const decision = issued.find((d) => d.kind === 'no_penalty_decision')!;

    // when the business opens the case on a phone
    const business = await signIn(
      ctx,
      { role: 'business', sub: 'biz-20001', enterpriseId },
      { width: 390, next: path },
    );
    const heading = business.getByRole('heading', { name: '文书', exact: true });
    const orderCard = business.getByRole('article', { name: /^责令改正/ });
    const decisionCard = business.getByRole('article', { name: '不予行政处罚决定书' });

    // then it sees both documents with their numbers, awaiting its acknowledgement
    await orderCard.getByText(order.number).waitFor();
    await decisionCard.getByText(decision.number).waitFor();
    for (const card of [orderCard, decisionCard]) await card.getByText('待签收').waitFor();

    // when it downloads the decision from the keyboard, the file is the PDF, named by its number
    await tabTo(business, decisionCard.getByRole('button', { name: '下载 PDF' }), heading);
    const [download] = await Promise.all([business.waitForEvent('download'), business.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe(`${decision.number}.pdf`);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // and acknowledges the order from the keyboard, confirming it in the dialog
    await tabTo(business, orderCard.getByRole('button', { name: '签收' }), heading);
    await business.keyboard.press('Enter');
    const confirm = business.getByRole('dialog');
    await confirm.getByText(order.number, { exact: false }).waitFor();
    const ok = confirm.getByRole('button', { name: '确认签收' });
    await expect.poll(() => hasFocus(ok)).toBe(true);
    await business.keyboard.press('Enter');

    // then the order is acknowledged, electronically, today; the decision still awaits
    const today = await serverToday(ctx);
    await orderCard.getByText('已签收').waitFor();
    await orderCard.getByText(`电子送达 · ${chineseDate(today)}`).waitFor();
    expect(await orderCard.getByRole('button', { name: '签收' }).count()).toBe(0);
    await decisionCard.getByText('待签收').waitFor();
    await confirm.waitFor({ state: 'hidden' });
    await expectNoViolations(business);

    // when the officer, on a desktop, records the decision as served by post on a day still to come
    const officer = await signIn(ctx, { role: 'officer', sub: 'officer-20001', agency }, { next: path });
    const served = officer.getByRole('article', { name: '不予行政处罚决定书' });
    await officer
      .getByRole('article', { name: /^责令改正/ })
      .getByText('已签收')
      .waitFor();
    await tabTo(
      officer,
      served.getByRole('button', { name: '登记送达' }),
      officer.getByRole('heading', { name: '文书', exact: true }),
    );
    await officer.keyboard.press('Enter');
    const form = officer.getByRole('dialog');
    await form.getByLabel('邮寄送达').check();
    await form.getByLabel('送达日期').fill(addDays(today, 1));
    await form.getByLabel('送达经过').fill('以挂号信邮寄至企业住所，邮件号 XA123456789CN，企业已收。');
    await form.getByRole('button', { name: '提交' }).click();

    // then the API's refusal is shown in words, with the range it allows
    await form.getByText(`送达日期应在发文日期（${chineseDate(decision.issuedOn)}）至今天之间`).waitFor();

    // when the officer corrects the date to today and sends it from the keyboard
    await form.getByLabel('送达日期').fill(today);
    await tabTo(officer, form.getByRole('button', { name: '提交' }));
    await officer.keyboard.press('Enter');

    // then the decision shows served by post today, with no action left on it
    await form.waitFor({ state: 'hidden' });
    await served.getByText('已送达').waitFor();
    await served.getByText(`邮寄送达 · ${chineseDate(today)}`).waitFor();
    expect(await served.getByRole('button', { name: '登记送达' }).count()).toBe(0);
    await expectNoViolations(officer);
    const listed = await ctx.api.call('GET', `/api/v1${path}/documents`, { token: officerToken });
    expect(listed.body.documents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ number: order.number, servedBy: 'electronic', servedOn: today }),
        expect.objectContaining({ number: decision.number, servedBy: 'post', servedOn: today }),
      ]),
    );
  }, 240_000);
});
