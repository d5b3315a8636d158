// Benchmark of the web console in Chromium: how much JavaScript (gzip) the first screens load, and
// how long an officer waits for the first rendered to-do list with 1,000 open tasks. A throwaway
// Postgres database holds the tasks and their enterprises; the real app serves the production
// build of the console (built first when stale) and the API. Not part of the test suite.
//
//   npm run bench:console          (DATABASE_URL: admin connection, postgres://postgres@127.0.0.1:5432/postgres by default)
//   BENCH_LOADS=10 BENCH_OPEN_TASKS=1000 npm run bench:console
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { signToken } from '../api/auth';
import { CONSOLE_DIR } from '../api/start';
import { openDatabase } from '../db/client';
import { enterprises, tasks } from '../db/schema';
import { addDays, todayInShanghai } from '../domain/calendar';
import { usccCheckCharacter } from '../domain/uscc';
import { ensureConsoleBuilt } from '../scripts/buildConsole';
import { launchBrowser } from '../test/e2e/support/browser';
import { fmt, printTable } from './support/harness';
import { readOnlyApp } from './support/readApp';

const OPEN_TASKS = Number(process.env.BENCH_OPEN_TASKS ?? 1_000);
const LOADS = Number(process.env.BENCH_LOADS ?? 7);
const AGENCY = 'SAMR-HZ';
const BUDGET_KB = 350;

/** The open officer tasks of one agency, spread over the coming weeks, a tenth overdue, each with its enterprise. */
function rows(today: string) {
  const ids = Array.from({ length: OPEN_TASKS }, (_, i) => {
    const body = `91330100${String(i + 1).padStart(9, '0')}`;
    return body + usccCheckCharacter(body);
  });
  const steps = ['review', 'follow_up', 'check_in', 'extension_decision', 'conclusion'];
  return {
    enterprises: ids.map((id, i) => ({
      id,
      name: `基准测试企业${i + 1}有限公司`,
      kind: 'legal_person' as const,
      createdBy: 'bench',
    })),
    tasks: ids.map((enterpriseId, i) => {
      const processId = randomUUID();
      const step = steps[i % steps.length]!;
      const overdue = i % 10 === 0;
      return {
        key: `${processId}:${step}#1`,
        processType:
          step === 'check_in' || step === 'conclusion' ? ('observation_period' as const) : ('rectification' as const),
        processId,
        enterpriseId,
        agency: AGENCY,
        assigneeRole: 'officer' as const,
        step,
        dueOn: addDays(today, overdue ? -1 - (i % 30) : i % 60),
        overdue,
        openedAt: new Date(),
      };
    }),
  };
}

interface Load {
  /** JavaScript responses: url and gzip size of the body. */
  scripts: Array<{ url: string; gzip: number }>;
  /** From navigation start to the first rendered row of the to-do list, in ms (performance.now in the page). */
  firstRow?: number;
}

/** Loads `url` in a fresh page and records the scripts it fetched until `ready` resolves. */
async function load(page: Page, url: string, ready: (page: Page) => Promise<unknown>): Promise<Load> {
  const scripts: Load['scripts'] = [];
  page.on('response', async (res) => {
    if (res.request().resourceType() !== 'script') return;
    const body = await res.body().catch(() => Buffer.alloc(0));
    scripts.push({ url: new URL(res.url()).pathname, gzip: gzipSync(body, { level: 9 }).length });
  });
  // Stamps the moment the first task row is in the document.
  await page.addInitScript(`
    new MutationObserver((_, observer) => {
      if (!document.querySelector('.task-row')) return;
      window.__firstRow = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  `);
  await page.goto(url);
  await ready(page);
  const firstRow = (await page.evaluate('window.__firstRow')) as number | undefined;
  return { scripts, firstRow };
}

const kb = (bytes: number) => bytes / 1024;
const sum = (l: Load) => l.scripts.reduce((s, x) => s + x.gzip, 0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  await ensureConsoleBuilt((line) => console.log(line));
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `tempered_bench_console_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 5 });
  const evidenceDir = await mkdtemp(path.join(tmpdir(), 'tempered-bench-'));
  const browser = await launchBrowser();
  let server: Server | undefined;
  try {
    await handle.migrate();
    const today = todayInShanghai(new Date());
    const seed = rows(today);
    await handle.db.insert(enterprises).values(seed.enterprises);
    await handle.db.insert(tasks).values(seed.tasks);
    const signingKey = randomBytes(32);
    const app = readOnlyApp({ db: handle.db, today, signingKey, evidenceDir, consoleDir: CONSOLE_DIR });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const token = await signToken(signingKey, { sub: 'officer-bench', role: 'officer', agency: AGENCY }, '1h');

    const signInPage = await browser.newPage();
    const signIn = await load(signInPage, `${base}/sign-in`, (p) => p.getByRole('button', { name: '登录' }).waitFor());
    await signInPage.close();

    // Each load a new page with an empty cache (cold), the token already in its session.
    const cold: Load[] = [];
    for (let i = 0; i < LOADS; i++) {
      await browser.context.clearCookies();
      const cdp = await browser.context.newCDPSession(await browser.newPage());
      await cdp.send('Network.clearBrowserCache');
      const page = browser.context.pages().at(-1)!;
      await page.addInitScript(`sessionStorage.setItem('tempered.token', ${JSON.stringify(token)})`);
      cold.push(await load(page, `${base}/`, (p) => p.locator('.task-row').first().waitFor({ timeout: 60_000 })));
      await page.close();
    }
    const warmPage = await browser.newPage();
    await warmPage.addInitScript(`sessionStorage.setItem('tempered.token', ${JSON.stringify(token)})`);
    await load(warmPage, `${base}/`, (p) => p.locator('.task-row').first().waitFor());
    const warm: Load[] = [];
    for (let i = 0; i < LOADS; i++) {
      await warmPage.reload();
      await warmPage.locator('.task-row').first().waitFor();
      warm.push({ scripts: [], firstRow: (await warmPage.evaluate('window.__firstRow')) as number });
    }
    // The counts cover the whole list once every page of it has arrived.
    // (Polled through the DevTools protocol: waitForFunction would eval in the page, which the CSP forbids.)
    const counting = () => warmPage.evaluate('document.querySelector(".ant-statistic-content-value")?.textContent');
    while (String(await counting()).includes('…')) await new Promise((resolve) => setTimeout(resolve, 100));
    const rendered = await warmPage.locator('.ant-statistic-content-value').allInnerTexts();

    const first = cold[0]!;
    printTable([
      ['screen', 'scripts', 'JS gzip KB', `budget ${BUDGET_KB} KB`],
      ['sign-in', signIn.scripts.length, fmt(kb(sum(signIn))), kb(sum(signIn)) <= BUDGET_KB ? 'within' : 'OVER'],
      ['to-do list', first.scripts.length, fmt(kb(sum(first))), kb(sum(first)) <= BUDGET_KB ? 'within' : 'OVER'],
    ]);
    const charts = first.scripts.some((s) => /Stats|echarts/i.test(s.url));
    console.log(`charts loaded by the to-do list: ${charts ? 'YES (should not be)' : 'no'}`);
    const coldMs = cold.map((l) => l.firstRow ?? NaN);
    const warmMs = warm.map((l) => l.firstRow ?? NaN);
    printTable([
      ['first rendered task row', 'loads', 'median ms', 'min ms', 'max ms'],
      ['cold cache', LOADS, fmt(median(coldMs), 0), fmt(Math.min(...coldMs), 0), fmt(Math.max(...coldMs), 0)],
      ['warm cache', LOADS, fmt(median(warmMs), 0), fmt(Math.min(...warmMs), 0), fmt(Math.max(...warmMs), 0)],
    ]);
    console.log(`counts shown (overdue, this week, later): ${rendered.join(', ')} of ${OPEN_TASKS} open tasks`);
    console.log(
      // The same key=value shape as every other benchmark's summary line (bench/README.md).
      `BENCH console open_tasks=${OPEN_TASKS} budget_kb=${BUDGET_KB} sign_in_js_gzip_kb=${fmt(kb(sum(signIn)))} ` +
        `todo_js_gzip_kb=${fmt(kb(sum(first)))} within_budget=${kb(sum(first)) <= BUDGET_KB ? 1 : 0} ` +
        `first_row_cold_ms=${fmt(median(coldMs), 0)} first_row_warm_ms=${fmt(median(warmMs), 0)} ` +
        `first_row_target_ms=1500 charts_on_todo=${charts ? 1 : 0}`,
    );
  } finally {
    await browser.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await handle.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    await rm(evidenceDir, { recursive: true, force: true });
  }
}

await main();
