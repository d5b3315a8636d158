// Journey: a penalty record to an approved credit repair. The decision is back-dated five months,
// so the record is past its minimum publication period and repair-eligible at once.
import { describe, it } from 'vitest';
import { addMonths } from '../../domain';
import { makeUscc } from '../support/fixtures';
import { serverToday } from '../support/rectifications';
import { signIn, useConsole } from './support/console';

const ctx = useConsole();
const enterpriseId = makeUscc(17_201);

describe('a penalty record, to an approved credit repair, in the console', () => {
  it('is entered, applied for with the materials, accepted and approved', async () => {
    // given a registered enterprise
    const registrar = await ctx.api.token({ sub: 'registrar', role: 'officer', agency: 'SAMR-PR' });
    await ctx.api.call('POST', '/api/v1/enterprises', {
      token: registrar,
      body: { id: enterpriseId, name: '城东餐饮管理有限公司', kind: 'legal_person' },
    });

    // when credit staff enter a general penalty decided five months ago
    const staff = await signIn(ctx, { role: 'credit_staff', sub: 'credit-chen' });
    await staff.getByRole('link', { name: '录入处罚信息' }).click();
    await staff.getByLabel('企业').fill(enterpriseId);
    await staff.getByLabel('处罚决定书文号').fill('杭市监罚〔2026〕18号');
    await staff.getByLabel('处罚决定日期').fill(addMonths(await serverToday(ctx), -5));
    await staff.getByLabel('第 1 项金额（元）').fill('5000');
    await staff.getByRole('button', { name: '提交' }).click();
    await staff.waitForURL(/\/penalty-records\/[0-9a-f-]{36}$/);
    await staff.getByText('可申请修复').first().waitFor();

    // and the business applies with its materials
    const business = await signIn(ctx, { role: 'business', sub: 'biz-sun', enterpriseId });
    await business.getByRole('link', { name: '行政处罚信息及信用修复' }).click();
    await business.getByRole('button', { name: '申请信用修复' }).click();
    await business.getByLabel(/^信用承诺书/).fill('本单位承诺所提交材料真实有效。');
    await business.getByLabel(/^履行行政处罚决定的证明/).fill('罚款缴纳凭证 No. 3301-2026-0042');
    await business.getByLabel(/^已纠正违法行为的证明/).fill('整改报告及现场照片');
    await business.locator('.ant-modal').getByRole('button', { name: '提交' }).click();
    await business.getByText('申请已提交').first().waitFor();

    // then credit staff accept it and approve the repair
    await staff.reload();
    await staff.getByRole('button', { name: '受理审查' }).click();
    await staff.locator('.ant-modal').getByText('受理', { exact: true }).click();
    await staff.getByLabel('审核意见').fill('材料齐全，予以受理。');
    await staff.locator('.ant-modal').getByRole('button', { name: '提交' }).click();
    await staff.getByRole('button', { name: '修复审核' }).click();
    await staff.locator('.ant-modal').getByText('核准修复').click();
    await staff.getByLabel('审核意见').fill('符合信用修复条件。');
    await staff.locator('.ant-modal').getByRole('button', { name: '提交' }).click();
    await staff.locator('.ant-descriptions').getByText('已修复').waitFor();

    // and the business sees its record repaired
    await business.reload();
    await business.getByText('已修复').first().waitFor();
  }, 240_000);
});
