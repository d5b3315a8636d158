// Policies and lists in the browser: an admin stores a new policy version (a date in the past is
// refused in words, RETROACTIVE_POLICY), and the versions table shows who stored it, from when and
// why; the admin takes a matter off a list, and the public page shows the change; anyone, signed in or not, reads the agency's lists on /public/lists and downloads their CSV;
// the statistics grouped by area, downloaded as the service's CSV.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain';
import { serverToday } from '../support/rectifications';
import { choose, signIn, useConsole } from './support/console';

const ctx = useConsole();
const agency = 'SAMR-HZ';

describe('policies, public lists and statistics in the console', () => {
  it('stores a policy version, publishes the lists, and downloads the statistics by area', async () => {
    // An officer of the agency has called the API: the agency is registered (on first use).
    const officerToken = await ctx.api.token({ sub: 'officer-1', role: 'officer', agency });
    expect((await ctx.api.call('GET', '/api/v1/tasks', { token: officerToken })).status).toBe(200);
    const today = await serverToday(ctx);

    const admin = await signIn(ctx, { role: 'admin', sub: 'admin-li' }, { next: `/policies?agency=${agency}` });
    await admin.getByRole('heading', { name: '现行政策' }).waitFor();
    const versionDialog = admin.getByRole('dialog', { name: '新增政策版本' });
    const newVersion = async (date: string) => {
      await versionDialog.getByLabel('生效日期').fill(date);
      await versionDialog.getByLabel('理由').fill('回访期限调整为 45 日。');
      await versionDialog.getByRole('button', { name: '提交' }).click();
    };
    await admin.getByRole('button', { name: '新增政策版本' }).click();
    await choose(admin, '设置项', 'followUpAfterDays', 'followUp');
    await versionDialog.getByLabel('取值').fill('45');
    await newVersion(addDays(today, -1));
    await versionDialog.getByText('新版本的生效日期不能早于今天').waitFor();
    await newVersion(addDays(today, 7));
    await versionDialog.waitFor({ state: 'hidden' });
    const row = admin.getByRole('row').filter({ hasText: '回访期限调整为 45 日。' });
    await row.waitFor();
    expect(await row.textContent()).toContain('admin-li');
    const stored = await ctx.api.call('GET', `/api/v1/policies/${agency}/versions`, { token: officerToken });
    const version = stored.body.versions.find((v: { reason: string | null }) => v.reason === '回访期限调整为 45 日。');
    expect(version).toMatchObject({ followUpAfterDays: 45, effectiveFrom: addDays(today, 7), author: 'admin-li' });

    // A list entry: MS-001 off the no-coercion list from today.
    const entry = admin.getByRole('row').filter({ hasText: 'MS-001' });
    await entry.getByRole('button', { name: '调整' }).click();
    const dialog = admin.getByRole('dialog', { name: /^MS-001/ });
    await dialog.getByLabel('免予行政强制清单').uncheck();
    await dialog.getByLabel('生效日期').fill(today);
    await dialog.getByLabel('理由').fill('经评估，该事项不再免予行政强制。');
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The public page: no sign-in, the agency's matters, the change, and the CSV for Excel.
    const visitor = await ctx.browser.newPage();
    await visitor.goto(`${ctx.api.url}/public/lists?agency=${agency}&list=no_penalty`);
    await visitor.getByRole('cell', { name: 'MS-001' }).waitFor();
    await visitor.getByText('经评估，该事项不再免予行政强制。').waitFor();
    await visitor.goto(`${ctx.api.url}/public/lists?agency=${agency}&list=no_coercion`);
    await visitor.getByRole('cell', { name: 'MS-003' }).waitFor();
    expect(await visitor.getByRole('cell', { name: 'MS-001' }).count()).toBe(0);
    const csvLink = visitor.getByRole('link', { name: /下载 CSV/ });
    const csv = await fetch(new URL((await csvLink.getAttribute('href'))!, ctx.api.url));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('MS-001');

    // Statistics by area: the chart for the grouping, and the service's CSV for the same query.
    const range = `from=${addDays(today, -30)}&to=${today}`;
    const officer = await signIn(
      ctx,
      { role: 'officer', sub: 'officer-1', agency },
      { next: `/stats?groupBy=area&${range}` },
    );
    await officer.getByText('不予处罚案件与免罚金额（按领域）').waitFor();
    const [download] = await Promise.all([
      officer.waitForEvent('download'),
      officer.getByRole('button', { name: '下载 CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`tempered-stats-${addDays(today, -30)}-${today}-area.csv`);
    const served = await fetch(`${ctx.api.url}/api/v1/stats.csv?${range}&groupBy=area`, {
      headers: { authorization: `Bearer ${officerToken}` },
    });
    expect(served.status).toBe(200);
    expect(await readFile((await download.path())!)).toEqual(Buffer.from(await served.arrayBuffer()));
  }, 180_000);
});
