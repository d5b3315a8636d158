// What the API costs on top of Temporal: N workflow starts, updates and queries through the raw
// Temporal client on trivial workflows (bench/raw/workflows.ts), and N starts and steps of the
// hand-written equivalent (bench/raw/handwritten.ts: Update-with-Start and executeUpdate whose
// handlers write the case, audit and task rows in one local activity before answering), against the
// same number of rectification orders, evidence reviews and case reads through the HTTP API (auth,
// validation, Idempotency-Key, the projection the API waits for). Everything runs for real: a file-backed dev
// server, a fresh Postgres database, the worker and the API as child processes (see
// bench/support/harness.ts). Prints throughput and p50/p95/p99 of each, the API/raw ratios, and one
// machine-readable line. Not part of the test suite.
//
//   npm run bench:api-vs-raw                  (N=2000 of each, concurrency 32)
//   npm run bench:api-vs-raw -- --n 500 --c 32
import { randomUUID } from 'node:crypto';
import { todayInShanghai } from '../domain';
import { WithStartWorkflowOperation } from '@temporalio/client';
import {
  finish,
  openHandwritten,
  reviewHandwritten,
  touch,
  touches,
  touchRecorded,
  touchRecordedLocally,
} from './raw/messages';
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
  type BenchEnv,
  type RunResult,
} from './support/harness';

const N = numberArg('n', 2000);
const C = numberArg('c', 32);
const WARMUP = Math.min(100, Math.max(20, Math.floor(N / 10)));
const AGENCY = 'SAMR-HZ';

/** A PDF small enough to cost nothing, real enough for the content check. */
const PDF = Buffer.from('%PDF-1.4\n% bench evidence\n%%EOF\n');

const order = (enterpriseId: string) => ({
  enterpriseId,
  matterCode: 'MS-001',
  disposition: 'order_only',
  findings: '未亮照经营',
  requiredActions: ['将营业执照置于醒目位置'],
  deadline: { workingDays: 10 },
});

interface Case {
  id: string;
  enterpriseId: string;
}

async function registerEnterprises(env: BenchEnv, officer: string, first: number, count: number) {
  await runConcurrently(count, C, (i) =>
    env.http.expect(201, 'POST', '/enterprises', {
      token: officer,
      body: { id: makeUscc(first + i), name: `基准企业${first + i}`, kind: 'legal_person' },
    }),
  );
}

/** Evidence for every case, so that a review is due on each (setup: not timed). */
async function submitEvidence(env: BenchEnv, cases: Case[]) {
  const base = env.http.base;
  const tokens = await Promise.all(
    cases.map((c) => env.token({ sub: `biz-${c.enterpriseId}`, role: 'business', enterpriseId: c.enterpriseId })),
  );
  await runConcurrently(cases.length, C, async (i) => {
    const form = new FormData();
    form.append('description', '已整改，营业执照已悬挂');
    form.append('files', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'licence.pdf');
    const res = await fetch(`${base}/rectifications/${cases[i]!.id}/evidence`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[i]}` },
      body: form,
    });
    if (res.status !== 202) throw new Error(`evidence: ${res.status} ${await res.text()}`);
  });
}

async function main(): Promise<void> {
  console.log(`api-vs-raw: N=${N} per operation, concurrency ${C}, warm-up ${WARMUP}`);
  const env = await startBenchEnv({ rawWorker: true });
  try {
    const officer = await env.token({ sub: 'officer-bench', role: 'officer', agency: AGENCY });
    const { workflow } = env.temporal;
    const rawStart = (id: string) =>
      workflow.start('rawCase', { workflowId: id, taskQueue: RAW_TASK_QUEUE, workflowIdConflictPolicy: 'FAIL' });

    /** `count` orders through the API, each with its Idempotency-Key, into `cases`; enterprises registered first. */
    function orderCases(first: number, cases: Case[]): Promise<RunResult> {
      return runConcurrently(cases.length, C, async (i) => {
        const enterpriseId = makeUscc(first + i);
        const created = await env.http.expect(201, 'POST', '/rectifications', {
          token: officer,
          body: order(enterpriseId),
          headers: { 'idempotency-key': randomUUID() },
        });
        cases[i] = { id: created.id, enterpriseId };
      });
    }
    // The hand-written equivalent: the same order, opened with Update-with-Start, reviewed with executeUpdate.
    const handwrittenStart = (id: string, enterpriseId: string) =>
      workflow.executeUpdateWithStart(openHandwritten, {
        args: [{ actor: 'officer-bench' }],
        startWorkflowOperation: new WithStartWorkflowOperation('handwrittenCase', {
          workflowId: id,
          taskQueue: RAW_TASK_QUEUE,
          workflowIdConflictPolicy: 'FAIL',
          args: [
            {
              enterpriseId,
              agency: AGENCY,
              matterCode: 'MS-001',
              findings: order(enterpriseId).findings,
              requiredActions: order(enterpriseId).requiredActions,
              dueOn: '2099-12-31',
            },
          ],
        }),
      });
    const handwrittenReview = (id: string) =>
      workflow.getHandle(id).executeUpdate(reviewHandwritten, {
        args: [{ actor: 'officer-bench', decision: 'accepted', reasons: '材料齐全，整改到位' }],
        updateId: randomUUID(),
      });
    /** Signals the raw or hand-written workflows to finish and waits until they have (untimed). */
    const finishAll = (ids: string[]) =>
      runConcurrently(ids.length, C, async (i) => {
        const handle = workflow.getHandle(ids[i]!);
        await handle.signal(finish);
        await handle.result();
      });
    const review = (c: Case) =>
      env.http.expect(200, 'POST', `/rectifications/${c.id}/review`, {
        token: officer,
        body: { decision: 'accepted', reasons: '材料齐全，整改到位' },
        headers: { 'idempotency-key': randomUUID() },
      });
    const read = (c: Case) => env.http.expect(200, 'GET', `/rectifications/${c.id}`, { token: officer });

    // Warm-up: JIT, connection pools, workflow bundles, caches on every path measured below.
    const warmIds = Array.from({ length: WARMUP }, (_, i) => `raw-warm-${i}`);
    await runConcurrently(WARMUP, C, (i) => rawStart(warmIds[i]!));
    await runConcurrently(WARMUP, C, (i) => workflow.getHandle(warmIds[i]!).executeUpdate(touch, { args: ['w'] }));
    await runConcurrently(WARMUP, C, (i) => workflow.getHandle(warmIds[i]!).query(touches));
    await runConcurrently(WARMUP, C, (i) => handwrittenStart(`hw-warm-${i}`, makeUscc(900_000 + i)));
    await runConcurrently(WARMUP, C, (i) => handwrittenReview(`hw-warm-${i}`));
    await finishAll(Array.from({ length: WARMUP }, (_, i) => `hw-warm-${i}`));
    await registerEnterprises(env, officer, 900_000, WARMUP);
    const warmCases: Case[] = new Array(WARMUP);
    await orderCases(900_000, warmCases);
    await submitEvidence(env, warmCases);
    await runConcurrently(WARMUP, C, (i) => review(warmCases[i]!));
    await runConcurrently(WARMUP, C, (i) => read(warmCases[i]!));
    console.log('warm-up done');

    // Starts.
    const rawIds = Array.from({ length: N }, (_, i) => `raw-case-${i}`);
    const timed = <T extends { count: number }>(run: () => Promise<T>) => withCpu(env, run);
    const rawStarts = await timed(() => runConcurrently(N, C, (i) => rawStart(rawIds[i]!)));
    console.log(`  raw starts done (${fmt(rawStarts.throughput)}/s)`);
    // A start answers before the raw worker has run the workflow's first task: let the worker
    // catch up (a query is answered only after that task), so the next phase is not charged for it.
    await runConcurrently(N, C, (i) =>
      waitFor(() =>
        workflow
          .getHandle(rawIds[i]!)
          .query(touches)
          .then(
            () => true,
            () => false,
          ),
      ),
    );
    // The warm-up registered its enterprises through POST /enterprises; these go straight into the table.
    await insertEnterprises(
      env.pool,
      Array.from({ length: N }, (_, i) => makeUscc(1 + i)),
    );
    const cases: Case[] = new Array(N);
    const apiStarts = await timed(() => orderCases(1, cases));
    console.log(`  API starts done (${fmt(apiStarts.throughput)}/s)`);

    // Updates: raw on the open trivial workflows; the API reviews evidence submitted beforehand.
    const rawUpdates = await timed(() =>
      runConcurrently(N, C, (i) => workflow.getHandle(rawIds[i]!).executeUpdate(touch, { args: [`u${i}`] })),
    );
    const rawRecorded = await timed(() =>
      runConcurrently(N, C, (i) => workflow.getHandle(rawIds[i]!).executeUpdate(touchRecorded, { args: [`r${i}`] })),
    );
    const rawRecordedLocally = await timed(() =>
      runConcurrently(N, C, (i) =>
        workflow.getHandle(rawIds[i]!).executeUpdate(touchRecordedLocally, { args: [`l${i}`] }),
      ),
    );
    console.log(`  raw updates done (${fmt(rawUpdates.throughput)}/s)`);
    await submitEvidence(env, cases);
    const apiUpdates = await timed(() => runConcurrently(N, C, (i) => review(cases[i]!)));
    console.log(`  API reviews done (${fmt(apiUpdates.throughput)}/s)`);

    // Queries.
    const rawQueries = await timed(() => runConcurrently(N, C, (i) => workflow.getHandle(rawIds[i]!).query(touches)));
    const apiQueries = await timed(() => runConcurrently(N, C, (i) => read(cases[i]!)));

    // The hand-written equivalent last, in the raw worker once its trivial workflows have completed
    // (and left its cache, which they would otherwise share: 500 cases).
    await finishAll([...rawIds, ...warmIds]);
    const handwrittenIds = Array.from({ length: N }, (_, i) => `hw-case-${i}`);
    const handwrittenStarts = await timed(() =>
      runConcurrently(N, C, (i) => handwrittenStart(handwrittenIds[i]!, makeUscc(500_000 + i))),
    );
    console.log(`  hand-written starts done (${fmt(handwrittenStarts.throughput)}/s)`);
    const handwrittenUpdates = await timed(() => runConcurrently(N, C, (i) => handwrittenReview(handwrittenIds[i]!)));
    console.log(`  hand-written reviews done (${fmt(handwrittenUpdates.throughput)}/s)`);
    await finishAll(handwrittenIds);

    console.log(
      `\nN=${N}, concurrency ${C}; latencies in ms, as the client saw them (today ${todayInShanghai(new Date())})`,
    );
    const phases = [
      ['raw start (trivial workflow)', rawStarts],
      ['hand-written start (Update-with-Start + record)', handwrittenStarts],
      ['API POST /rectifications', apiStarts],
      ['raw update (trivial handler)', rawUpdates],
      ['raw update + 1 activity (reference)', rawRecorded],
      ['raw update + 1 local activity (reference)', rawRecordedLocally],
      ['hand-written review (update + record)', handwrittenUpdates],
      ['API POST /rectifications/{id}/review', apiUpdates],
      ['raw query', rawQueries],
      ['API GET /rectifications/{id}', apiQueries],
    ] as const;
    printTable([RUN_HEADER, ...phases.map(([name, r]) => runRow(name, r))]);
    console.log('\nCPU milliseconds per operation, by process:');
    const procs = cpuColumns(env);
    printTable([
      ['', ...procs, 'total'],
      ...phases.map(([name, r]) => [
        name,
        ...procs.map((p) => fmt(r.cpuPerOp[p]!, 2)),
        fmt(
          procs.reduce((sum, p) => sum + r.cpuPerOp[p]!, 0),
          2,
        ),
      ]),
    ]);
    const cpuTotal = (r: { cpuPerOp: Record<string, number> }) => procs.reduce((sum, p) => sum + r.cpuPerOp[p]!, 0);
    const result = {
      start_ratio: ratio(apiStarts.throughput, rawStarts.throughput),
      update_ratio: ratio(apiUpdates.throughput, rawUpdates.throughput),
      query_ratio: ratio(apiQueries.throughput, rawQueries.throughput),
      start_p99_ratio: ratio(apiStarts.p99, rawStarts.p99),
      update_p99_ratio: ratio(apiUpdates.p99, rawUpdates.p99),
      query_p99_ratio: ratio(apiQueries.p99, rawQueries.p99),
      handwritten_start_ratio: ratio(apiStarts.throughput, handwrittenStarts.throughput),
      handwritten_update_ratio: ratio(apiUpdates.throughput, handwrittenUpdates.throughput),
      handwritten_start_p99_ratio: ratio(apiStarts.p99, handwrittenStarts.p99),
      handwritten_update_p99_ratio: ratio(apiUpdates.p99, handwrittenUpdates.p99),
      handwritten_start_cpu_ratio: ratio(cpuTotal(apiStarts), cpuTotal(handwrittenStarts)),
      handwritten_update_cpu_ratio: ratio(cpuTotal(apiUpdates), cpuTotal(handwrittenUpdates)),
    };
    console.log(
      '\nAPI/baseline: throughput (target >= 0.8 of the hand-written), p99 (target <= 1.5), CPU per operation',
    );
    printTable([
      ['', 'bare: throughput', 'p99', 'CPU', 'hand-written: throughput', 'p99', 'CPU'],
      [
        'start',
        result.start_ratio,
        result.start_p99_ratio,
        ratio(cpuTotal(apiStarts), cpuTotal(rawStarts)),
        result.handwritten_start_ratio,
        result.handwritten_start_p99_ratio,
        result.handwritten_start_cpu_ratio,
      ],
      [
        'update',
        result.update_ratio,
        result.update_p99_ratio,
        ratio(cpuTotal(apiUpdates), cpuTotal(rawUpdates)),
        result.handwritten_update_ratio,
        result.handwritten_update_p99_ratio,
        result.handwritten_update_cpu_ratio,
      ],
      [
        'query',
        result.query_ratio,
        result.query_p99_ratio,
        ratio(cpuTotal(apiQueries), cpuTotal(rawQueries)),
        '',
        '',
        '',
      ],
    ]);
    console.log(
      `\nBENCH api-vs-raw n=${N} c=${C} ${Object.entries(result)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')} ` +
        `raw_start_per_s=${fmt(rawStarts.throughput)} api_start_per_s=${fmt(apiStarts.throughput)} ` +
        `handwritten_start_per_s=${fmt(handwrittenStarts.throughput)} handwritten_update_per_s=${fmt(handwrittenUpdates.throughput)} ` +
        `raw_update_per_s=${fmt(rawUpdates.throughput)} api_update_per_s=${fmt(apiUpdates.throughput)} ` +
        `raw_query_per_s=${fmt(rawQueries.throughput)} api_query_per_s=${fmt(apiQueries.throughput)} ` +
        `api_start_p99_ms=${fmt(apiStarts.p99)} api_update_p99_ms=${fmt(apiUpdates.p99)} api_query_p99_ms=${fmt(apiQueries.p99)}`,
    );
  } finally {
    await env.stop();
  }
}

runBenchmark(main);
