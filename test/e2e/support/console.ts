// A browser test's service: the real API (real HTTP, real worker and Temporal, a fresh database)
// serving the console built from web/ (rebuilt first when its sources changed), and Chromium.
// Users sign in through the sign-in page as a person would.
import type { Page } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { CONSOLE_DIR } from '../../../api/start';
import { ensureConsoleBuilt } from '../../../scripts/buildConsole';
import { useApi, type ApiContext, type ApiOptions } from '../../support/context';
import { launchBrowser, SCREENSHOT_DIR, type Browser } from './browser';
import type { Role } from '../../../domain';

export interface ConsoleContext extends ApiContext {
  browser: Browser;
}

export function useConsole(options: Pick<ApiOptions, 'timeSkipping'> = {}): ConsoleContext {
  beforeAll(() => ensureConsoleBuilt(() => undefined), 180_000);
  const ctx = useApi({ ...options, worker: true, consoleDir: CONSOLE_DIR }) as ConsoleContext;
  beforeAll(async () => {
    ctx.browser = await launchBrowser();
  });
  // What each page showed when a test failed, to see why.
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail' || !ctx.browser) return;
    const dir = path.resolve(SCREENSHOT_DIR, '../failures');
    await mkdir(dir, { recursive: true });
    for (const [i, page] of ctx.browser.context.pages().entries())
      await page
        .screenshot({ path: path.join(dir, `${task.name.slice(0, 60)}-${i}.png`), fullPage: true })
        .catch(() => undefined);
  });
  afterAll(async () => {
    await ctx.browser?.close();
  });
  return ctx;
}

export interface User {
  role: Role;
  sub: string;
  agency?: string;
  enterpriseId?: string;
}

/** Picks an option of an Ant Design select by its visible label, typing `search` first in a searchable one. */
export async function choose(
  page: Page,
  label: string | RegExp,
  option: string | RegExp,
  search?: string,
): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  if (search) await page.keyboard.type(search);
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await (typeof option === 'string' ? options.getByText(option, { exact: true }) : options.filter({ hasText: option }))
    .first()
    .click();
}

const ROLE_LABELS: Record<User['role'], string> = {
  officer: '执法人员',
  business: '企业',
  credit_staff: '信用修复工作人员',
  auditor: '监督人员',
  admin: '系统管理员',
  legal_reviewer: '法制审核人员',
};

/** Signs in on a new page through the development sign-in, and lands on the role's home (or `next`). */
export async function signIn(ctx: ConsoleContext, user: User, options: { width?: number; next?: string } = {}) {
  const page = await ctx.browser.newPage(options.width);
  await page.goto(`${ctx.api.url}/sign-in${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`);
  await choose(page, '角色', ROLE_LABELS[user.role]);
  await page.getByLabel('用户名').fill(user.sub);
  if (user.enterpriseId) await page.getByLabel('统一社会信用代码').fill(user.enterpriseId);
  if (user.agency) await page.getByLabel('所属单位').fill(user.agency);
  await page.getByRole('button', { name: '登录' }).click();
  await expect.poll(() => new URL(page.url()).pathname).not.toBe('/sign-in');
  return page;
}
