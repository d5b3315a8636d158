// Journey: an officer orders a rectification; the business signs its commitment and uploads two
// files; the officer rejects them; the business uploads again; the officer accepts; the follow-up
// visit closes the case. Each person signs in through the console and works only through it.
import { describe, expect, it } from 'vitest';
import { makeUscc } from '../support/fixtures';
import { serverToday } from '../support/rectifications';
import { choose, signIn, useConsole } from './support/console';

const ctx = useConsole();
const agency = 'SAMR-E2E';
const enterpriseId = makeUscc(17_001);
const pdf = (text: string) => ({
  name: `${text}.pdf`,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`),
});
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('a rectification, from the order to the follow-up visit, in the console', () => {
  it('is ordered, committed to, evidenced twice, reviewed twice and closed by its follow-up', async () => {
    // given a registered enterprise
    const registrar = await ctx.api.token({ sub: 'registrar', role: 'officer', agency });
    await ctx.api.call('POST', '/api/v1/enterprises', {
      token: registrar,
      body: { id: enterpriseId, name: '杭州示例网络科技有限公司', kind: 'legal_person' },
    });

    // when the officer orders a no-penalty rectification through the form
    const officer = await signIn(ctx, { role: 'officer', sub: 'officer-zhang', agency });
    await officer.getByRole('link', { name: '责令整改' }).click();
    await officer.getByLabel('企业').fill(enterpriseId);
    await officer.getByText('杭州示例网络科技有限公司').waitFor();
    await choose(officer, '执法事项', /^MS-001 /, 'MS-001');
    await officer.getByLabel('违法事实').fill('经营场所未悬挂营业执照。');
    await officer.getByLabel('整改要求 1').fill('在经营场所醒目位置悬挂营业执照');
    await officer.getByRole('button', { name: '提交' }).click();

    // then the case page shows it awaiting the business's commitment
    await officer.waitForURL(/\/rectifications\/[0-9a-f-]{36}$/);
    const caseUrl = officer.url();
    await officer.getByText('待签署承诺书').first().waitFor();

    // when the business signs the commitment from its home page and uploads two files
    const business = await signIn(ctx, { role: 'business', sub: 'biz-li', enterpriseId });
    await business.getByRole('heading', { name: '我的办件' }).waitFor();
    await business.getByRole('link', { name: '去办理' }).click();
    await business.getByRole('button', { name: '签署承诺书' }).click();
    await business.getByLabel('签署人').fill('李经理');
    await business.getByRole('button', { name: '提交' }).click();
    await business.getByText('待提交整改材料').first().waitFor();
    await uploadEvidence(business, '已悬挂营业执照', [
      pdf('整改报告'),
      { name: '现场照片.png', mimeType: 'image/png', buffer: png },
    ]);

    // and the officer rejects them from the review workbench
    await officer.reload();
    await officer.getByRole('button', { name: '复查审核' }).click();
    await officer
      .getByText(/^[0-9a-f]{64}$/)
      .first()
      .waitFor();
    await officer.getByLabel('不通过').check();
    await officer.getByLabel('审核意见').fill('照片不清晰，请重新拍摄。');
    await officer.locator('.ant-drawer').getByRole('button', { name: '提交' }).click();
    await officer.getByText('待提交整改材料').first().waitFor();

    // and the business uploads again
    await business.reload();
    await uploadEvidence(business, '重新拍摄的照片', [{ name: '清晰照片.png', mimeType: 'image/png', buffer: png }]);

    // and the officer accepts, then records the follow-up visit
    await officer.reload();
    await officer.getByRole('button', { name: '复查审核' }).click();
    await officer.getByLabel('通过', { exact: true }).check();
    await officer.getByLabel('审核意见').fill('整改到位。');
    await officer.locator('.ant-drawer').getByRole('button', { name: '提交' }).click();
    await officer.getByText('待回访').first().waitFor();
    await officer.getByRole('button', { name: '回访' }).click();
    await officer.getByLabel('回访日期').fill(await serverToday(ctx));
    await officer.getByText('已整改到位').click();
    await officer.getByLabel('说明').fill('现场核查，营业执照已悬挂。');
    await officer.locator('.ant-modal').getByRole('button', { name: '提交' }).click();

    // then the case is closed, and its timeline tells the whole story
    await officer.getByText('已办结').first().waitFor();
    for (const event of ['作出责令整改', '企业签署承诺书', '复查审核不通过', '复查审核通过', '回访合格，已办结'])
      await officer.getByText(event).first().waitFor();
    await business.goto(caseUrl);
    await business.getByText('已办结').first().waitFor();
    const view = await ctx.api.call('GET', `/api/v1${new URL(caseUrl).pathname}`, { token: registrar });
    expect(view.body.status).toBe('closed');
    expect(view.body.submissions.map((s: { files: unknown[] }) => s.files.length)).toEqual([2, 1]);
  }, 240_000);
});

async function uploadEvidence(
  page: import('playwright-core').Page,
  description: string,
  files: Array<{ name: string; mimeType: string; buffer: Buffer }>,
) {
  await page.getByRole('button', { name: '提交整改材料' }).click();
  await page.getByLabel('整改情况说明').fill(description);
  await page.locator('.ant-modal input[type=file]').setInputFiles(files);
  await page.getByRole('button', { name: '上传并提交' }).click();
  await page.getByText(/各文件的 SHA-256/).waitFor();
  await expect
    .poll(() =>
      page
        .locator('.ant-modal')
        .getByText(/^[0-9a-f]{64}$/)
        .count(),
    )
    .toBe(files.length);
  await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await page.getByText('审核中').first().waitFor();
}
