// Benchmark of `GET /tasks` at scale: a throwaway Postgres database with 100,000 open tasks (and
// as many closed ones) spread across agencies, roles and enterprises the way a city's caseload is
// (a few big agencies, a long tail of enterprises with one or two open steps, most tasks due within
// weeks, some overdue), then the real app over HTTP, for each kind of user: first page, a deep page
// reached through the cursor, the overdue filter. Prints the plan of the officer's query and
// p50/p95/p99 per scenario, then one machine-readable line. Not part of the test suite.
//
//   npm run bench:tasks            (DATABASE_URL: admin connection, postgres://postgres@127.0.0.1:5432/postgres by default)
//   BENCH_REQUESTS=200 npm run bench:tasks
//   BENCH_EXTRA_SQL='create index ... on tasks (...)' npm run bench:tasks   (try an index candidate)
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { signToken, type Principal } from '../api/auth';
import { taskListQuery, taskPageQuery } from '../api/routes/tasks';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { readOnlyApp } from './support/readApp';
import { addDays, todayInShanghai } from '../domain/calendar';
import { usccCheckCharacter } from '../domain/uscc';

const OPEN_TASKS = Number(process.env.BENCH_OPEN_TASKS ?? 100_000);
const CLOSED_TASKS = Number(process.env.BENCH_CLOSED_TASKS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const WARMUP = 50;
const ENTERPRISES = 20_000;
const BATCH = 10_000;
const DEEP_PAGE = 20;

// --- deterministic data ------------------------------------------------------------------------

/** mulberry32: the same data on every run, so that figures compare. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20_261_202);

/** Picks by weight: `[[value, weight], ...]`. */
function weighted<T>(table: ReadonlyArray<readonly [T, number]>): () => T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  return () => {
    let r = random() * total;
    for (const [value, w] of table) if ((r -= w) < 0) return value;
    return table.at(-1)![0];
  };
}

/** Zipf-like: rank k has weight 1/k^s. */
const zipf = <T>(items: readonly T[], s: number) => weighted(items.map((item, k) => [item, 1 / (k + 1) ** s] as const));

const AGENCIES = [
  'SAMR-HZ',
  'SAMR-NB',
  'SAMR-WZ',
  'CT-HZ',
  'TRANS-HZ',
  'UM-HZ',
  'SAMR-SX',
  'SAMR-JX',
  'CT-NB',
  'TRANS-NB',
  'UM-NB',
  'SAMR-TZ',
] as const;
const agencyOf = zipf(AGENCIES, 1);

const enterpriseIds = Array.from({ length: ENTERPRISES }, (_, i) => {
  const body = `91330100${String(i + 1).padStart(9, '0')}`;
  return body + usccCheckCharacter(body);
});
const homeAgency = new Map(enterpriseIds.map((id) => [id, agencyOf()]));
/** A few enterprises carry many open steps, most one or two. */
const enterpriseOf = zipf(enterpriseIds, 0.5);

type Step = readonly [processType: string, step: string, assignee: string];
const stepOf = weighted<Step>([
  [['rectification', 'commitment', 'business'], 8],
  [['rectification', 'evidence', 'business'], 33],
  [['rectification', 'review', 'officer'], 9],
  [['rectification', 'extension_decision', 'officer'], 2],
  [['rectification', 'overdue_decision', 'officer'], 3],
  [['rectification', 'follow_up', 'officer'], 10],
  [['observation_period', 'consent', 'business'], 4],
  [['observation_period', 'check_in', 'officer'], 14],
  [['observation_period', 'conclusion', 'officer'], 2],
  [['penalty_record', 'repair_acceptance', 'credit_staff'], 6],
  [['penalty_record', 'repair_decision', 'credit_staff'], 9],
]);

const uuid = () => {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
};

interface Row {
  key: string;
  processType: string;
  processId: string;
  enterpriseId: string;
  agency: string | null;
  assigneeRole: string;
  step: string;
  dueOn: string;
  overdue: boolean;
  openedAt: Date;
  closedAt: Date | null;
}

function taskRow(n: number, today: string, open: boolean): Row {
  const [processType, step, assignee] = stepOf();
  const enterpriseId = enterpriseOf();
  // Most penalty records name their deciding agency; some loaded from other systems do not.
  const agency = processType === 'penalty_record' && random() < 0.3 ? null : homeAgency.get(enterpriseId)!;
  let offset: number;
  let overdue = false;
  if (!open) offset = -Math.floor(random() * 720);
  else if (random() < 0.15) {
    offset = -1 - Math.floor(random() * 90);
    overdue = true;
  } else offset = Math.floor(-Math.log(1 - random()) * 20);
  const dueOn = addDays(today, offset);
  const openedAt = new Date(Date.parse(`${addDays(dueOn, -10 - Math.floor(random() * 20))}T09:00:00+08:00`));
  return {
    key: `${uuid()}:${step}#${1 + (n % 7)}`,
    processType,
    processId: uuid(),
    enterpriseId,
    agency,
    assigneeRole: assignee,
    step,
    dueOn,
    overdue,
    openedAt,
    closedAt: open ? null : new Date(openedAt.getTime() + Math.floor(random() * 20) * 86_400_000),
  };
}

async function insertRows(pool: pg.Pool, rows: Row[]): Promise<void> {
  await pool.query(
    `insert into tasks (key, process_type, process_id, enterprise_id, agency, assignee_role, step, due_on, overdue, opened_at, closed_at)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::boolean[], $10::timestamptz[], $11::timestamptz[])`,
    [
      rows.map((r) => r.key),
      rows.map((r) => r.processType),
      rows.map((r) => r.processId),
      rows.map((r) => r.enterpriseId),
      rows.map((r) => r.agency),
      rows.map((r) => r.assigneeRole),
      rows.map((r) => r.step),
      rows.map((r) => r.dueOn),
      rows.map((r) => r.overdue),
      rows.map((r) => r.openedAt),
      rows.map((r) => r.closedAt),
    ],
  );
}

async function seed(pool: pg.Pool, today: string): Promise<void> {
  const started = performance.now();
  for (const [count, open] of [
    [OPEN_TASKS, true],
    [CLOSED_TASKS, false],
  ] as const) {
    for (let done = 0; done < count; done += BATCH) {
      const n = Math.min(BATCH, count - done);
      await insertRows(
        pool,
        Array.from({ length: n }, (_, i) => taskRow(done + i, today, open)),
      );
    }
  }
  await pool.query('vacuum analyze tasks');
  console.log(
    `seeded ${OPEN_TASKS} open and ${CLOSED_TASKS} closed tasks in ${Math.round(performance.now() - started)} ms`,
  );
}

async function distribution(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query(
    `select assignee_role, count(*)::int as open, count(*) filter (where overdue)::int as overdue,
            count(distinct agency)::int as agencies, count(distinct enterprise_id)::int as enterprises
       from tasks where closed_at is null group by 1 order by 2 desc`,
  );
  console.table(rows);
  const { rows: perAgency } = await pool.query(
    `select agency, count(*)::int as officer_tasks from tasks
      where closed_at is null and assignee_role = 'officer' group by 1 order by 2 desc`,
  );
  console.log('officer tasks per agency:', perAgency.map((r) => `${r.agency}=${r.officer_tasks}`).join(' '));
}

// --- measuring ------------------------------------------------------------------------------

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (v: number) => v.toFixed(2);

interface Scenario {
  name: string;
  token: string;
  path: string;
}

async function call(url: string, token: string): Promise<{ tasks: unknown[]; nextCursor?: string }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { tasks: unknown[]; nextCursor?: string };
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** The cursor of page `page` (1-based) of `path`, reached by walking the pages before it. */
async function cursorOfPage(base: string, token: string, path: string, page: number): Promise<string> {
  let cursor: string | undefined;
  for (let i = 1; i < page; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const body = await call(`${base}${path}${cursor ? `${sep}cursor=${cursor}` : ''}`, token);
    if (!body.nextCursor) throw new Error(`${path} has fewer than ${page} pages`);
    cursor = body.nextCursor;
  }
  return cursor!;
}

async function measure(base: string, s: Scenario): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await call(`${base}${s.path}`, s.token);
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    rows = (await call(`${base}${s.path}`, s.token)).tasks.length;
    samples.push(performance.now() - t0);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(
    `${s.name.padEnd(34)} rows=${String(rows).padStart(3)}  p50=${ms(percentile(sorted, 50)).padStart(7)} ms  ` +
      `p95=${ms(percentile(sorted, 95)).padStart(7)} ms  p99=${ms(percentile(sorted, 99)).padStart(7)} ms`,
  );
  return samples;
}

async function explain(pool: pg.Pool, handle: DatabaseHandle, title: string, principal: Principal, query: object) {
  const { sql, params } = taskPageQuery(handle.db, principal, taskListQuery.parse(query)).toSQL();
  const { rows } = await pool.query(`explain (analyze, buffers, costs off) ${sql}`, params);
  console.log(`\nEXPLAIN ${title}\n${sql}\n${rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
}

// --- the run ---------------------------------------------------------------------------------

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `tempered_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 10 });
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  const evidenceDir = await mkdtemp(path.join(tmpdir(), 'tempered-bench-'));
  let server: Server | undefined;
  try {
    await handle.migrate();
    const today = todayInShanghai(new Date());
    await seed(pool, today);
    if (process.env.BENCH_EXTRA_SQL) {
      console.log(`extra SQL: ${process.env.BENCH_EXTRA_SQL}`);
      await pool.query(process.env.BENCH_EXTRA_SQL);
      await pool.query('analyze tasks');
    }
    await distribution(pool);

    const signingKey = randomBytes(32);
    // GET /tasks never reaches Temporal.
    const app = readOnlyApp({ db: handle.db, today, signingKey, evidenceDir });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;

    // The enterprise with the most open business steps, and one with a median number of them.
    const { rows: byLoad } = await pool.query(
      `select enterprise_id, count(*)::int as open from tasks where closed_at is null and assignee_role = 'business'
        group by 1 order by 2 desc`,
    );
    const busiest = byLoad[0]!;
    const typical = byLoad[Math.floor(byLoad.length / 2)]!;
    const officer: Principal = { sub: 'officer-bench', role: 'officer', agency: AGENCIES[0] };
    const smallOfficer: Principal = { sub: 'officer-small', role: 'officer', agency: AGENCIES.at(-1)! };
    const creditStaff: Principal = { sub: 'credit-bench', role: 'credit_staff' };
    const business: Principal = { sub: 'biz-bench', role: 'business', enterpriseId: busiest.enterprise_id };
    const typicalBusiness: Principal = { sub: 'biz-typical', role: 'business', enterpriseId: typical.enterprise_id };
    const auditor: Principal = { sub: 'auditor-bench', role: 'auditor' };
    const token = (p: Principal) => signToken(signingKey, p, '1h');

    await explain(pool, handle, 'officer, first page', officer, {});
    const officerDeep = await cursorOfPage(base, await token(officer), '/tasks', DEEP_PAGE);
    await explain(pool, handle, `officer, page ${DEEP_PAGE}`, officer, { cursor: officerDeep });
    await explain(pool, handle, 'officer, status=due', officer, { status: 'due' });
    await explain(pool, handle, 'credit staff, first page', creditStaff, {});
    await explain(pool, handle, 'business, first page', business, {});

    const creditDeep = await cursorOfPage(base, await token(creditStaff), '/tasks', DEEP_PAGE);
    const roleScenarios: Scenario[] = [
      { name: `officer ${AGENCIES[0]} first page`, token: await token(officer), path: '/tasks' },
      {
        name: `officer ${AGENCIES[0]} page ${DEEP_PAGE}`,
        token: await token(officer),
        path: `/tasks?cursor=${officerDeep}`,
      },
      { name: `officer ${AGENCIES[0]} status=overdue`, token: await token(officer), path: '/tasks?status=overdue' },
      { name: `officer ${AGENCIES[0]} status=due`, token: await token(officer), path: '/tasks?status=due' },
      { name: `officer ${smallOfficer.agency} first page`, token: await token(smallOfficer), path: '/tasks' },
      { name: 'credit staff first page', token: await token(creditStaff), path: '/tasks' },
      { name: `credit staff page ${DEEP_PAGE}`, token: await token(creditStaff), path: `/tasks?cursor=${creditDeep}` },
      { name: `business (busiest, ${busiest.open} open)`, token: await token(business), path: '/tasks' },
      { name: `business (median, ${typical.open} open)`, token: await token(typicalBusiness), path: '/tasks' },
    ];
    const oversight: Scenario[] = [
      { name: 'auditor, all open tasks', token: await token(auditor), path: '/tasks' },
      {
        name: `auditor, officers of ${AGENCIES[1]}`,
        token: await token(auditor),
        path: `/tasks?assigneeRole=officer&agency=${AGENCIES[1]}&limit=200`,
      },
    ];

    console.log(`\n${REQUESTS} sequential requests per scenario after ${WARMUP} warm-up, limit 50 unless noted:`);
    const all: number[] = [];
    for (const s of roleScenarios) all.push(...(await measure(base, s)));
    console.log('oversight (not in the summary line):');
    for (const s of oversight) await measure(base, s);

    const sorted = all.sort((a, b) => a - b);
    console.log(
      `\nBENCH tasks open_tasks=${OPEN_TASKS} p95_ms=${ms(percentile(sorted, 95))} p99_ms=${ms(percentile(sorted, 99))}`,
    );
  } finally {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await pool.end();
    await handle.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    await rm(evidenceDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
