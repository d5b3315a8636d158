// A burst of proactive notices (主动告知): M penalty decisions entered at once, all decided long
// enough ago that repair eligibility is already reached, so each record's workflow tells its
// enterprise at once; timed from the first POST /penalty-records until every `repair_eligible`
// notice is in `notification_outbox`. Against a raw baseline of M trivial workflows that each run one
// activity inserting one row, timed from the first start until every row is there. Everything runs
// for real (bench/support/harness.ts). Not part of the test suite.
//
//   npm run bench:burst                 (M=5000, concurrency 32)
//   npm run bench:burst -- --m 500 --c 32
import { randomUUID } from 'node:crypto';
import { addMonths, todayInShanghai } from '../domain';
import {
  cpuColumns,
  fmt,
  insertEnterprises,
  makeUscc,
  numberArg,
  printTable,
  RAW_TASK_QUEUE,
  ratio,
  RUN_HEADER,
  runBenchmark,
  runConcurrently,
  runRow,
  startBenchEnv,
  waitFor,
  withCpu,
  type RunResult,
} from './support/harness';

const M = numberArg('m', 5000);
const C = numberArg('c', 32);
/** Decisions per enterprise: enterprises have several records, as they do. */
const PER_ENTERPRISE = 10;
const WARMUP = 50;

interface Burst {
  count: number;
  requests: RunResult;
  /** From the first request until the last row is in. */
  untilAllMs: number;
}

async function main(): Promise<void> {
  console.log(`burst: M=${M}, concurrency ${C}`);
  const env = await startBenchEnv({ rawWorker: true });
  try {
    const officer = await env.token({ sub: 'officer-bench', role: 'officer', agency: 'SAMR-HZ' });
    // General-procedure fines decided six months ago: published for 3 to 12 months, so repair-eligible today.
    const decidedOn = addMonths(todayInShanghai(new Date()), -6);
    const enterpriseCount = Math.ceil((M + WARMUP) / PER_ENTERPRISE);
    await insertEnterprises(
      env.pool,
      Array.from({ length: enterpriseCount }, (_, i) => makeUscc(i + 1)),
    );
    const enter = (n: number) =>
      env.http.expect(201, 'POST', '/penalty-records', {
        token: officer,
        headers: { 'idempotency-key': randomUUID() },
        body: {
          enterpriseId: makeUscc(1 + (n % enterpriseCount)),
          decisionNo: `杭市监处罚〔${decidedOn.slice(0, 4)}〕${n + 1}号`,
          decidedOn,
          severity: 'general',
          penalties: [{ type: 'fine', amount: 20_000 }],
          procedure: 'general',
        },
      });
    const notices = async () =>
      Number(
        (await env.pool.query(`select count(*) from notification_outbox where kind = 'repair_eligible'`)).rows[0].count,
      );
    const rows = async (prefix: string) =>
      Number(
        (await env.pool.query(`select count(*) from bench_raw_rows where key like $1`, [`${prefix}%`])).rows[0].count,
      );
    const rawStart = (key: string) =>
      env.temporal.workflow.start('rawRow', { workflowId: key, taskQueue: RAW_TASK_QUEUE, args: [key] });

    // Warm-up of both paths.
    await runConcurrently(WARMUP, C, (i) => rawStart(`warm-${i}`));
    await runConcurrently(WARMUP, C, (i) => enter(M + i));
    await waitFor(async () => (await rows('warm-')) === WARMUP && (await notices()) === WARMUP);
    console.log('warm-up done');

    /** Sends the M requests, waits until `done`; CPU is counted over all of it. */
    const burst = (start: (i: number) => Promise<unknown>, done: () => Promise<boolean>) =>
      withCpu(env, async (): Promise<Burst> => {
        const since = performance.now();
        const requests = await runConcurrently(M, C, start);
        const untilAllMs = await waitFor(done, { since, everyMs: 50 });
        return { count: M, requests, untilAllMs };
      });
    const raw = await burst(
      (i) => rawStart(`burst-${i}`),
      async () => (await rows('burst-')) === M,
    );
    console.log(`  raw: ${M} rows in ${fmt(raw.untilAllMs / 1000, 2)} s`);
    const api = await burst(
      (i) => enter(i),
      async () => (await notices()) === M + WARMUP,
    );
    console.log(`  API: ${M} notices in ${fmt(api.untilAllMs / 1000, 2)} s`);

    console.log(`\nM=${M}, concurrency ${C}; requests as the client saw them:`);
    printTable([
      RUN_HEADER,
      runRow('raw start (workflow with 1 activity)', raw.requests),
      runRow('API POST /penalty-records', api.requests),
    ]);
    console.log('\nCPU milliseconds per record, by process (from the first request until the last row):');
    const procs = cpuColumns(env);
    printTable([
      ['', ...procs],
      ['raw', ...procs.map((p) => fmt(raw.cpuPerOp[p]!, 2))],
      ['API', ...procs.map((p) => fmt(api.cpuPerOp[p]!, 2))],
    ]);
    const burstRatio = ratio(api.untilAllMs, raw.untilAllMs);
    console.log('\nuntil every row / notice is written (target: API <= 1.25x raw):');
    printTable([
      ['', 'seconds', 'per second'],
      ['raw: M rows', fmt(raw.untilAllMs / 1000, 2), fmt((M / raw.untilAllMs) * 1000)],
      ['API: M repair_eligible notices', fmt(api.untilAllMs / 1000, 2), fmt((M / api.untilAllMs) * 1000)],
      ['API / raw', burstRatio, ''],
    ]);
    console.log(
      `\nBENCH burst m=${M} c=${C} raw_ms=${Math.round(raw.untilAllMs)} api_ms=${Math.round(api.untilAllMs)} ` +
        `ratio=${burstRatio} api_p99_ms=${fmt(api.requests.p99)} raw_p99_ms=${fmt(raw.requests.p99)}`,
    );
  } finally {
    await env.stop();
  }
}

runBenchmark(main);
