// Every screen of the console, as the role that uses it, on real data: no serious or critical
// axe-core violation at desktop (1440 px) or phone (390 px) width, and a screenshot of each at both
// widths under .tmp/e2e/screenshots (a few are committed in docs/screenshots).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../domain';
import { agencyAdmin } from '../support/agencies';
import { objections, partiesWithAdverseEntry } from '../support/objections';
import { offerBody, offsets, sessionOn } from '../support/offsets';
import { COMPLETE_MATERIALS, penaltyDecision } from '../support/penaltyRecords';
import { makeUscc } from '../support/fixtures';
import { orderBody, pdf, rectificationParties, rectifications, serverToday } from '../support/rectifications';
import { screenshots } from './support/browser';
import { violationsAtWidths, type Violation } from './support/axe';
import { signIn, useConsole, type User } from './support/console';

const ctx = useConsole();
const agency = 'SAMR-HZ';
const found: Record<string, Violation[]> = {};
const seeded = {
  enterpriseId: '',
  rectificationId: '',
  awaitingEvidenceId: '',
  observationId: '',
  penaltyRecordId: '',
  offsetId: '',
  objectionId: '',
  legalReviewId: '',
};
const reviewAgency = 'LEGAL-SCR';

beforeAll(async () => {
  const { enterpriseId, officer, business } = await rectificationParties(ctx, 18_001, agency);
  const steps = rectifications(ctx);
  const order = await steps.order(officer, {
    enterpriseId,
    matterCode: 'MS-001',
    disposition: 'no_penalty',
    findings: '经营场所未悬挂营业执照，经现场检查发现。',
    requiredActions: ['在经营场所醒目位置悬挂营业执照', '建立证照公示检查制度'],
  });
  const id = order.body.id as string;
  await steps.step(business, id, 'commitment', { signatory: '李经理', statement: '按期整改。' });
  await steps.evidence(business, id, '已悬挂营业执照', [
    { name: 'report.pdf', type: 'application/pdf', bytes: pdf('整改报告') },
  ]);
  const awaiting = await steps.order(officer, {
    enterpriseId,
    matterCode: 'MS-002',
    disposition: 'order_only',
    findings: '未按规定公示年度报告。',
    requiredActions: ['补报年度报告'],
  });
  const observedId = makeUscc(18_003);
  await ctx.api.call('POST', '/api/v1/enterprises', {
    token: officer,
    body: { id: observedId, name: '新业态示例有限公司', kind: 'legal_person', newBusinessModel: true },
  });
  const period = await ctx.api.call('POST', '/api/v1/observation-periods', {
    token: officer,
    body: {
      enterpriseId: observedId,
      matterCode: 'MS-003',
      legalBasis: '《优化营商环境条例》',
      months: 6,
      reason: '新业态首次轻微违法。',
    },
  });
  const staff = await ctx.api.token({ sub: 'credit-1', role: 'credit_staff' });
  const record = await ctx.api.call('POST', '/api/v1/penalty-records', {
    token: staff,
    body: penaltyDecision(enterpriseId, addMonths(await serverToday(ctx), -4)),
  });
  await ctx.api.call('POST', `/api/v1/penalty-records/${record.body.id}/repair-applications`, {
    token: business,
    body: COMPLETE_MATERIALS,
  });
  // A public-interest service case in service, one session logged for the officer to confirm
  const offer = offsets(ctx);
  const offered = await offer.offer(officer, offerBody(enterpriseId, 200));
  await offer.step(business, offered.body.id, 'acceptance', { accept: true });
  await offer.step(business, offered.body.id, 'sessions', sessionOn(await serverToday(ctx), 2));
  // An objection to an adverse credit file entry, pending credit staff's decision
  const adverse = await partiesWithAdverseEntry(ctx, 18_005);
  const objection = await objections(ctx).file(adverse.business, adverse.enterpriseId, adverse.entry.key);
  // A no-penalty order held for legal review under its agency's policy
  const adminToken = await ctx.api.token({ sub: 'admin-1', role: 'admin' });
  const { register, storePolicy } = agencyAdmin(ctx, () => adminToken);
  await register(reviewAgency);
  await storePolicy(reviewAgency, {
    effectiveFrom: await serverToday(ctx),
    reason: '重大执法决定法制审核',
    legalReviewDecisions: ['no_penalty'],
  });
  const held = await rectificationParties(ctx, 18_007, reviewAgency);
  const reviewed = await steps.order(held.officer, orderBody(held.enterpriseId));
  Object.assign(seeded, {
    offsetId: offered.body.id,
    objectionId: objection.body.id,
    legalReviewId: reviewed.body.id,
    enterpriseId,
    awaitingEvidenceId: awaiting.body.id,
    rectificationId: id,
    observationId: period.body.id,
    penaltyRecordId: record.body.id,
  });
}, 120_000);

const officer: User = { role: 'officer', sub: 'officer-zhang', agency };
const auditor: User = { role: 'auditor', sub: 'auditor-1' };
const admin: User = { role: 'admin', sub: 'admin-1' };
const staff: User = { role: 'credit_staff', sub: 'credit-1' };
const business = (): User => ({ role: 'business', sub: 'biz-1', enterpriseId: seeded.enterpriseId });

/** Checks what the page shows now, at both widths, and takes its screenshots. */
async function check(page: Page, name: string) {
  await page.mouse.move(0, 0); // nothing hovered: hover colours are checked on their own elements
  const violations = await violationsAtWidths(page);
  await screenshots(page, name);
  found[name] = violations;
}

async function visit(user: User | undefined, path: string, ready: (page: Page) => Promise<unknown>) {
  const page = user ? await signIn(ctx, user, { next: path }) : await ctx.browser.newPage();
  if (!user) await page.goto(`${ctx.api.url}${path}`);
  await ready(page);
  return page;
}

const heading = (name: string | RegExp) => (page: Page) => page.getByRole('heading', { name }).first().waitFor();

describe('every screen of the console', () => {
  it('has no serious or critical accessibility violation, at 1440 and 390 px', async () => {
    const screens: Array<
      [string, User | undefined, string, (page: Page) => Promise<unknown>, ((page: Page) => Promise<unknown>)?]
    > = [
      ['sign-in', undefined, '/sign-in', heading('柔性执法工作台')],
      ['staff-home', officer, '/', (p) => p.getByText('复查审核').first().waitFor()],
      ['business-home', business(), '/', (p) => p.locator('.ant-steps').first().waitFor()],
      ['rectification', officer, `/rectifications/${seeded.rectificationId}`, heading('整改材料')],
      [
        'review-workbench',
        officer,
        `/rectifications/${seeded.rectificationId}`,
        heading('整改材料'),
        async (p) => {
          await p.getByRole('button', { name: '复查审核' }).click();
          await p
            .locator('.ant-drawer')
            .getByText(/^[0-9a-f]{64}$/)
            .first()
            .waitFor();
        },
      ],
      ['observation-period', officer, `/observation-periods/${seeded.observationId}`, heading('柔性措施')],
      ['offset', officer, `/offsets/${seeded.offsetId}`, heading('服务记录')],
      [
        'offset-confirmation',
        officer,
        `/offsets/${seeded.offsetId}`,
        heading('服务记录'),
        async (p) => {
          await p.getByRole('button', { name: '确认服务记录' }).click();
          await p.locator('.ant-modal').getByText('属实，予以确认').waitFor();
        },
      ],
      ['objection', staff, `/objections/${seeded.objectionId}`, heading('异议的信用记录')],
      [
        'objection-decision',
        staff,
        `/objections/${seeded.objectionId}`,
        heading('异议的信用记录'),
        async (p) => {
          await p.getByRole('button', { name: '作出处理决定' }).click();
          await p.locator('.ant-modal').getByLabel('更正记录').check();
          await p.locator('.ant-modal').getByLabel('更正后的记录内容').waitFor();
        },
      ],
      [
        'legal-review',
        { role: 'legal_reviewer', sub: 'reviewer-1', agency: reviewAgency },
        `/rectifications/${seeded.legalReviewId}`,
        heading('法制审核记录'),
        async (p) => {
          await p.getByRole('button', { name: '法制审核' }).click();
          await p.locator('.ant-modal').getByLabel('退回修改').check();
        },
      ],
      ['penalty-record', staff, `/penalty-records/${seeded.penaltyRecordId}`, heading('修复申请')],
      ['repair-application', business(), `/penalty-records/${seeded.penaltyRecordId}`, heading('修复申请')],
      ['enterprise', officer, `/enterprises/${seeded.enterpriseId}`, heading('诚信档案')],
      ['enterprise-search', officer, '/enterprises', heading('企业查询')],
      [
        'new-rectification',
        officer,
        '/rectifications/new',
        heading('责令整改'),
        async (p) => {
          await p.getByLabel('执法事项', { exact: true }).click();
          await p.keyboard.type('MS-001');
          await p.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
          await p.locator('.ant-descriptions').waitFor();
        },
      ],
      [
        // The picker open: each matter's lists as tags and its fine range on the option backgrounds.
        'matter-picker',
        officer,
        '/rectifications/new',
        heading('责令整改'),
        async (p) => {
          await p.getByLabel('执法事项', { exact: true }).click();
          await p.keyboard.type('MS-00');
          await p.locator('.ant-select-dropdown:visible .ant-tag').first().waitFor();
          await p.keyboard.press('ArrowDown'); // one option active, as keyboard users see it
        },
      ],
      ['new-observation-period', officer, '/observation-periods/new', heading('开启观察期')],
      ['new-penalty-record', staff, '/penalty-records/new', heading('录入处罚信息')],
      ['bulk-extension', officer, '/bulk-extensions', heading('批量延期')],
      ['stats', officer, '/stats', (p) => p.locator('canvas').first().waitFor()],
      ['audit', auditor, '/audit', (p) => p.getByText(/审计日志完整/).waitFor()],
      ['catalog', admin, '/catalog', (p) => p.getByRole('cell', { name: 'MS-001' }).waitFor()],
      ['not-found', officer, '/no-such-screen', (p) => p.getByText('页面不存在').waitFor()],
      ['forbidden', business(), '/audit', (p) => p.getByText('无权访问').waitFor()],
      ['policies', admin, '/policies?agency=SAMR-HZ', (p) => p.getByRole('cell', { name: 'MS-001' }).first().waitFor()],
      [
        'policy-version',
        admin,
        '/policies?agency=SAMR-HZ',
        heading('现行政策'),
        async (p) => {
          await p.getByRole('button', { name: '新增政策版本' }).click();
          await p.locator('.ant-modal').getByText('设置项').waitFor();
        },
      ],
      [
        'public-lists',
        undefined,
        '/public/lists?agency=SAMR-HZ',
        (p) => p.getByRole('cell', { name: 'MS-001' }).first().waitFor(),
      ],
      [
        'stats-by-area',
        officer,
        '/stats?groupBy=area',
        (p) => p.getByText('不予处罚案件与免罚金额（按领域）').waitFor(),
      ],
    ];
    for (const [name, user, path, ready, act] of screens.filter(
      ([n]) => !process.env.SCREENS || process.env.SCREENS.split(',').includes(n),
    )) {
      const page = await visit(user, path, ready);
      await act?.(page);
      await check(page, name);
      await page.close();
    }
    // The evidence upload dialog, and the error page (the API answering 500 once)
    const upload = await visit(business(), `/rectifications/${seeded.awaitingEvidenceId}`, heading('办理进程'));
    await upload.getByRole('button', { name: '提交整改材料' }).click();
    await upload.locator('.ant-modal input[type=file]').setInputFiles([
      { name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') },
      { name: '年报.pdf', mimeType: 'application/pdf', buffer: pdf('年报') },
    ]);
    await upload.getByText('setup.exe：不支持的文件类型').waitFor();
    await check(upload, 'evidence-upload');
    await upload.close();
    const failing = await signIn(ctx, officer);
    await failing.route('**/api/v1/enterprises/*', (route) => route.fulfill({ status: 500, body: '{}' }));
    await failing.goto(`${ctx.api.url}/enterprises/${seeded.enterpriseId}`);
    await failing.getByText('出错了').waitFor();
    await check(failing, 'error');

    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
  }, 300_000);

  it('shows inspections and the whitelist without serious or critical violations, at 1440 and 390 px', async () => {
    // An inspection planned, one done with violations found, and a whitelisted enterprise
    const token = await ctx.api.token({ sub: officer.sub, role: 'officer', agency });
    const today = await serverToday(ctx);
    const plan = (plannedOn: string) =>
      ctx.api.call('POST', '/api/v1/inspections', {
        token,
        body: { enterpriseId: seeded.enterpriseId, kind: 'routine', plannedOn, matters: ['MS-001', 'MS-002'] },
      });
    expect((await plan(addDays(today, 3))).status).toBe(201);
    const done = await plan(today);
    await ctx.api.call('POST', `/api/v1/inspections/${done.body.id}/result`, {
      token,
      body: { doneOn: today, findings: '经营场所未悬挂营业执照。', outcome: 'violations_found' },
    });
    await ctx.api.call('POST', '/api/v1/whitelist', {
      token,
      body: { enterpriseId: seeded.enterpriseId, reason: '连续三年无违法记录。', validUntil: addDays(today, 365) },
    });

    const page = await visit(officer, '/inspections', (p) => p.getByText('经营场所未悬挂营业执照。').first().waitFor());
    await check(page, 'inspections');
    await page.getByRole('button', { name: '新建检查' }).click();
    await page.getByRole('dialog', { name: '新建检查' }).getByText('计划检查日期').waitFor();
    await check(page, 'plan-inspection');
    await page.getByRole('dialog', { name: '新建检查' }).getByRole('button', { name: '取消' }).click();
    await page.getByRole('tab', { name: '白名单' }).click();
    await page.getByText('连续三年无违法记录。').first().waitFor();
    await check(page, 'whitelist');
    await page.close();

    const mine = ['inspections', 'plan-inspection', 'whitelist'];
    expect(Object.fromEntries(mine.map((name) => [name, found[name]]))).toEqual(
      Object.fromEntries(mine.map((name) => [name, []])),
    );
  }, 120_000);

  it('shows the inbox (通知) without serious or critical violations, at 1440 and 390 px', async () => {
    // The business's orders above told it so: its inbox lists them, unread.
    const page = await visit(business(), '/notifications', (p) =>
      p
        .getByRole('link', { name: /^整改通知\s*（未读）$/ })
        .first()
        .waitFor(),
    );
    await check(page, 'notifications');
    await page.close();
    expect(found.notifications).toEqual([]);
  }, 120_000);

  it("shows a case's documents, and the officer's service form, without violations", async () => {
    const path = `/rectifications/${seeded.rectificationId}`;
    const decision = (p: Page) => p.getByRole('article', { name: '不予行政处罚决定书' });
    const listed = (p: Page) => decision(p).getByText('待签收').waitFor();
    const documents = await visit(business(), path, listed);
    await check(documents, 'case-documents');
    await documents.close();
    const service = await visit(officer, path, listed);
    await decision(service).getByRole('button', { name: '登记送达' }).click();
    await service.getByRole('dialog').getByLabel('邮寄送达').waitFor();
    await check(service, 'document-service');
    await service.close();
    expect([found['case-documents'], found['document-service']]).toEqual([[], []]);
  }, 120_000);
});
