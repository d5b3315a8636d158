// The demo data as a newcomer first sees it in the console, signed in as the demo's users: an
// officer's to-do list of real cases, a business's cases with an overdue step. Takes the screenshot
// the README shows (.tmp/e2e/screenshots/demo-officer-home-1440.png, copied into docs/screenshots).
import { beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../domain';
import { seedDemo } from '../../scripts/demo/index';
import { businessOf, STAFF } from '../../scripts/demo/cast';
import { screenshots } from './support/browser';
import { signIn, useConsole } from './support/console';

const ctx = useConsole();

beforeAll(async () => {
  const today = todayInShanghai(new Date(await ctx.env.currentTimeMs()));
  const report = await seedDemo({ baseUrl: ctx.api.url, today });
  expect(report.problems).toEqual([]);
}, 120_000);

describe('the console with the demo data', () => {
  it("shows the Panjin officer a to-do list of the demo's cases, one due tomorrow", async () => {
    const page = await signIn(ctx, STAFF.officers['EXAMPLE-PANJIN']);
    await page.getByText('复查审核').first().waitFor();

    const rows = page.locator('table.task-table tbody tr.task-row');
    expect(await rows.count()).toBeGreaterThanOrEqual(5);
    for (const step of ['复查审核', '延期审批', '逾期处置', '回访'])
      expect(await page.getByText(step, { exact: true }).count(), step).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('还剩 1 个工作日').count()).toBeGreaterThan(0);
    await screenshots(page, 'demo-officer-home');
  });

  it('shows a business its cases, with its overdue commitment letter in red', async () => {
    const page = await signIn(ctx, businessOf('haibin'));
    await page.locator('.ant-steps').first().waitFor();
    expect(await page.locator('.ant-card').count()).toBe(3);
    await expect.poll(() => page.getByText(/已逾期 \d+ 个工作日/).count()).toBe(1);
    await screenshots(page, 'demo-business-home');
  });
});
