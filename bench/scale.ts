// How the service holds up as open cases pile up: K observation periods opened through the API (each
// a workflow that stays open for months, with its read model, task and audit rows), and at each K:
// start throughput, `GET /tasks` and `GET /observation-periods/{id}` latency, the worker's RSS and
// the database's size, each also as a ratio to the first row. Everything runs for real
// (bench/support/harness.ts). Not part of the test suite.
//
//   npm run bench:scale                      (K = 1000, 10000, 50000)
//   npm run bench:scale -- --full            (and 100000)
//   npm run bench:scale -- --k 1000,5000 --c 32 --probe 500
import { randomUUID } from 'node:crypto';
import {
  arg,
  fmt,
  hasFlag,
  insertEnterprises,
  latencyStats,
  makeUscc,
  numberArg,
  printTable,
  ratio,
  rssMiB,
  runBenchmark,
  runConcurrently,
  startBenchEnv,
  withCpu,
  type BenchEnv,
} from './support/harness';

const STAGES = arg('k', hasFlag('full') ? '1000,10000,50000,100000' : '1000,10000,50000')
  .split(',')
  .map(Number);
const C = numberArg('c', 32);
/** Opens timed at each K (the last ones before K is reached): the start throughput at that size. */
const PROBE = numberArg('probe', 500);
/** Sequential reads per scenario at each K. */
const READS = numberArg('reads', 200);
const AGENCY = 'SAMR-HZ';

interface Row {
  k: number;
  fillPerS: number;
  startPerS: number;
  startP95: number;
  startCpuMs: number;
  tasksP95: number;
  tasksP99: number;
  /** API and Postgres CPU per GET /tasks. */
  tasksCpuMs: number;
  periodP95: number;
  periodP99: number;
  rssMiB: number;
  peakRssMiB: number;
  dbMiB: number;
}

/**
 * What else used the CPU while requests were timed, per request: work that follows the fill (the
 * worker's and Temporal's, Postgres's autovacuum) and competes with the requests for the cores.
 */
const backgroundOf = (cpuPerOp: Record<string, number>) =>
  ['autovacuum', 'temporal', 'worker'].map((p) => `${p} ${fmt(cpuPerOp[p]!, 2)}`).join(', ') + ' meanwhile';

/**
 * Brings the planner's statistics up to date where the server's autovacuum is off (as on the
 * development machine): a production server analyzes tables as they grow, and without statistics
 * the planner may read a business's one task through the index of all business tasks (9 ms at
 * 50,000 instead of 0.05; bench/README.md).
 */
async function analyzeUnlessAutovacuum(env: BenchEnv): Promise<void> {
  const { rows } = await env.pool.query<{ autovacuum: string }>('show autovacuum');
  if (rows[0]?.autovacuum !== 'on') await env.pool.query('analyze');
}

async function sequential(count: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return samples;
}

async function main(): Promise<void> {
  console.log(`scale: K=${STAGES.join(', ')}; concurrency ${C}; ${PROBE} timed opens and ${READS} reads per K`);
  const env: BenchEnv = await startBenchEnv();
  try {
    const officer = await env.token({ sub: 'officer-bench', role: 'officer', agency: AGENCY });
    const ids: string[] = [];
    const open = async (serial: number) => {
      const body = await env.http.expect(201, 'POST', '/observation-periods', {
        token: officer,
        headers: { 'idempotency-key': randomUUID() },
        body: {
          enterpriseId: makeUscc(serial),
          matterCode: 'MS-005',
          legalBasis: '《优化营商环境条例》第五十五条',
          months: 6,
          reason: '平台经济新模式企业',
        },
      });
      ids.push(body.id);
    };
    // One reader's view of the read model at a random enterprise: its own task list.
    const businessTokens = new Map<number, string>();
    const businessOf = async (serial: number) => {
      let token = businessTokens.get(serial);
      if (!token) {
        token = await env.token({ sub: `biz-${serial}`, role: 'business', enterpriseId: makeUscc(serial) });
        businessTokens.set(serial, token);
      }
      return token;
    };
    const random = (n: number) => Math.floor(Math.random() * n);

    const rows: Row[] = [];
    let opened = 0;
    for (const k of STAGES) {
      if (k - PROBE < opened) throw new Error(`stage ${k} is too close to the previous one for ${PROBE} timed opens`);
      await insertEnterprises(
        env.pool,
        Array.from({ length: k - opened }, (_, i) => makeUscc(opened + i + 1)),
        { newBusinessModel: true },
      );
      const from = opened;
      const fill = await runConcurrently(k - PROBE - from, C, (i) => open(from + i + 1));
      opened = k - PROBE;
      console.log(`K=${k}: filled ${opened} at ${fmt(fill.throughput)}/s`);
      const probe = await withCpu(env, () => runConcurrently(PROBE, C, (i) => open(opened + i + 1)));
      opened = k;

      await analyzeUnlessAutovacuum(env);
      // CPU per request too: on a busy machine a p95 of tens of ms is mostly waiting for a core.
      const tasks = await withCpu(env, async () => {
        const officerTasks = await sequential(READS, () => env.http.expect(200, 'GET', '/tasks', { token: officer }));
        const businessTasks = await sequential(READS, async () =>
          env.http.expect(200, 'GET', '/tasks', { token: await businessOf(1 + random(k)) }),
        );
        return {
          ...latencyStats([...officerTasks, ...businessTasks]),
          officerP95: latencyStats(officerTasks).p95,
          businessP95: latencyStats(businessTasks).p95,
        };
      });
      const period = latencyStats(
        await sequential(READS, () =>
          env.http.expect(200, 'GET', `/observation-periods/${ids[random(ids.length)]}`, { token: officer }),
        ),
      );
      const { rows: size } = await env.pool.query('select pg_database_size(current_database()) as bytes');
      const row: Row = {
        k,
        fillPerS: fill.throughput,
        startPerS: probe.throughput,
        startP95: probe.p95,
        startCpuMs: Object.values(probe.cpuPerOp).reduce((a, b) => a + b, 0),
        tasksP95: tasks.p95,
        tasksP99: tasks.p99,
        tasksCpuMs: tasks.cpuPerOp.api! + tasks.cpuPerOp.postgres!,
        periodP95: period.p95,
        periodP99: period.p99,
        rssMiB: await rssMiB(env.worker.pid),
        peakRssMiB: await rssMiB(env.worker.pid, true),
        dbMiB: Number(size[0].bytes) / 1024 / 1024,
      };
      rows.push(row);
      console.log(
        `K=${k}: ${fmt(row.startPerS)} opens/s (p95 ${fmt(row.startP95)} ms, ${fmt(row.startCpuMs)} CPU ms each), ` +
          `GET /tasks p95 ${fmt(row.tasksP95)} ms (officer ${fmt(tasks.officerP95)}, businesses ${fmt(tasks.businessP95)}; CPU ms each: API ${fmt(tasks.cpuPerOp.api!, 2)}, ` +
          `Postgres ${fmt(tasks.cpuPerOp.postgres!, 2)}; ${backgroundOf(tasks.cpuPerOp)}), ` +
          `GET period p95 ${fmt(row.periodP95)} ms, ` +
          `worker RSS ${fmt(row.rssMiB, 0)} MiB (peak ${fmt(row.peakRssMiB, 0)}), API RSS ${fmt(await rssMiB(env.api.pid), 0)} MiB, database ${fmt(row.dbMiB, 0)} MiB`,
      );
    }

    const base = rows[0]!;
    console.log(
      `\nopen observation periods K; opens timed over the last ${PROBE} before K at concurrency ${C}; ` +
        `${READS} sequential reads per scenario (GET /tasks: an officer and random businesses); ` +
        `ratios to K=${base.k}`,
    );
    printTable([
      [
        'K',
        'opens/s',
        'ratio',
        'CPU ms/open',
        '/tasks p95',
        'p99',
        'CPU ms',
        'period p95',
        'p99',
        'RSS MiB',
        'peak',
        'ratio',
        'DB MiB',
        'ratio',
      ],
      ...rows.map((r) => [
        r.k,
        fmt(r.startPerS),
        ratio(r.startPerS, base.startPerS),
        fmt(r.startCpuMs),
        fmt(r.tasksP95),
        fmt(r.tasksP99),
        fmt(r.tasksCpuMs, 2),
        fmt(r.periodP95),
        fmt(r.periodP99),
        fmt(r.rssMiB, 0),
        fmt(r.peakRssMiB, 0),
        ratio(r.rssMiB, base.rssMiB),
        fmt(r.dbMiB, 0),
        ratio(r.dbMiB, base.dbMiB),
      ]),
    ]);
    const last = rows.at(-1)!;
    console.log('targets: opens/s drop < 20% from the first K to the last; GET /tasks p95 < 50 ms; worker RSS < 1 GiB');
    console.log(
      `\nBENCH scale k=${STAGES.join(',')} c=${C} start_ratio=${ratio(last.startPerS, base.startPerS)} ` +
        `start_per_s=${rows.map((r) => fmt(r.startPerS)).join(',')} ` +
        `tasks_p95_ms=${rows.map((r) => fmt(r.tasksP95)).join(',')} ` +
        `period_p95_ms=${rows.map((r) => fmt(r.periodP95)).join(',')} ` +
        `worker_rss_mib=${rows.map((r) => fmt(r.rssMiB, 0)).join(',')} ` +
        `worker_peak_rss_mib=${rows.map((r) => fmt(r.peakRssMiB, 0)).join(',')} ` +
        `db_mib=${rows.map((r) => fmt(r.dbMiB, 0)).join(',')}`,
    );
  } finally {
    await env.stop();
  }
}

runBenchmark(main);
