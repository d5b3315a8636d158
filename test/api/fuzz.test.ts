// Fuzzes the whole HTTP API with schemathesis against its own `/openapi.json`: once per role with a
// real token, valid and invalid inputs alike (generation mode `all`), every check schemathesis has
// (`--checks all`) in its examples, coverage, fuzzing and stateful phases, a fixed seed. The
// document must say exactly what the API takes: no request it describes as valid may be refused for
// its form, none it describes as invalid accepted; every response must be a documented status with
// a body matching its documented schema and content type, none a 5xx, an undeclared method 405 with
// `Allow`, and what an operation creates must be reachable through its links. Path ids, enterprise
// ids, matter codes and dates are drawn half the time from real data seeded first and from the
// edges of the date range (fuzz dictionaries), so that requests reach the cases and the bounds.
// Each role's output and JSON report stay in .tmp/fuzz/ (git-ignored); a failure there comes with
// the curl command that reproduces it. schemathesis itself is installed into .tools/ on first use.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal, Role } from '../../api/auth';
import { DATE_RANGE } from '../../api/schemas';
import { addDays, addMonths } from '../../domain';
import { resolveSchemathesis, type ResolvedSchemathesis } from '../../scripts/schemathesis';
import { useApi } from '../support/context';
import { makeUscc } from '../support/fixtures';
import { observationParties, observationPeriods } from '../support/observation';
import { COMPLETE_MATERIALS, penaltyDecision, penaltyRecords } from '../support/penaltyRecords';
import { orderToCorrect, pdf, rectifications, serverToday } from '../support/rectifications';

/** Fixed, so that a failure found in CI is the one found on a laptop. */
const SEED = 20_261_121;
/** Test cases per operation in the fuzzing phase; the other phases add their own. */
const MAX_EXAMPLES = 20;
/** What one run must at least send over all roles. */
const MIN_REQUESTS = 2_000;
/** One role's run; the whole file takes about 3 minutes on a busy 2-core machine. */
const RUN_TIMEOUT_MS = 180_000;
/**
 * What `positive_data_acceptance` takes as accepting a valid request: its defaults, and 422, which
 * the contract reserves for "valid input that a rule forbids" (an unknown matter, a first violation
 * that is not one). A 400 for a request the document calls valid stays a failure.
 */
const ACCEPTED_STATUSES = ['2xx', '3xx', '401', '403', '404', '409', '422', '429', '5xx'];

const AGENCY = 'SAMR-HZ';
const roleClaims: Record<Role, Principal> = {
  officer: { sub: 'fuzz-officer', role: 'officer', agency: AGENCY },
  business: { sub: 'fuzz-business', role: 'business' }, // enterpriseId: the seeded enterprise's
  credit_staff: { sub: 'fuzz-credit', role: 'credit_staff' },
  auditor: { sub: 'fuzz-auditor', role: 'auditor' },
  admin: { sub: 'fuzz-admin', role: 'admin' },
  legal_reviewer: { sub: 'fuzz-legal', role: 'legal_reviewer', agency: AGENCY },
};

// Errors the app logs (an unhandled error's stack), shown beside schemathesis's failures.
const serverLog: string[] = [];
const ctx = useApi({
  worker: true,
  // schemathesis sends a few thousand requests a minute, all from one address.
  rateLimitPerMinute: 1_000_000,
  logger: pino({ level: 'error' }, { write: (line: string) => void serverLog.push(line) }),
});

interface Seeded {
  today: string;
  enterpriseId: string;
  periodId: string;
  rectificationId: string;
  evidenceId: string;
  recordId: string;
  applicationId: string;
}

/** Configuration, reports and each run's output, kept after the run (git-ignored) to read a failure at leisure. */
const workDir = path.resolve(import.meta.dirname, '../../.tmp/fuzz');

let schemathesis: ResolvedSchemathesis;
const seeded = {} as Seeded;
let operationsOf: Record<Role, string[]>;
/** Responses the app had sent when the fuzzing began (the seeding's). */
let answeredBefore: number;
const generatedByRole = new Map<Role, number>();

/** One case of each process, taken far enough to have evidence and a repair application. */
async function seed(): Promise<Seeded> {
  const { enterpriseId, officer, business } = await observationParties(ctx, 7001, { agency: AGENCY });
  const period = await observationPeriods(ctx).open(officer, {
    enterpriseId,
    matterCode: 'MS-005',
    legalBasis: '《优化营商环境条例》第五十五条',
    months: 6,
    reason: '平台经济新模式企业',
  });
  expect(period.status, JSON.stringify(period.body)).toBe(201);

  const ordered = await rectifications(ctx).order(officer, {
    enterpriseId,
    matterCode: 'MS-002',
    disposition: 'order_only',
    findings: '未按规定公示营业执照',
    requiredActions: ['公示营业执照'],
    deadline: { workingDays: 10 },
  });
  expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
  const submitted = await rectifications(ctx).evidence(business, ordered.body.id, '已公示', [
    { name: '照片.pdf', type: 'application/pdf', bytes: pdf('photo') },
  ]);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);

  // Decided six months ago: past the minimum publication period, so repair can be applied for.
  const creditStaff = await ctx.api.token({ sub: 'seed-credit', role: 'credit_staff' });
  const decidedOn = addMonths(await serverToday(ctx), -6);
  const record = await penaltyRecords(ctx).enter(creditStaff, penaltyDecision(enterpriseId, decidedOn));
  expect(record.status, JSON.stringify(record.body)).toBe(201);
  const application = await penaltyRecords(ctx).apply(business, record.body.id, COMPLETE_MATERIALS);
  expect(application.status, JSON.stringify(application.body)).toBe(201);

  return {
    today: await serverToday(ctx),
    enterpriseId,
    periodId: period.body.id,
    rectificationId: ordered.body.id,
    evidenceId: submitted.body.files[0].evidenceId,
    recordId: record.body.id,
    applicationId: application.body.id,
  };
}

const tomlList = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;

/**
 * schemathesis.toml: dictionaries of real ids, each bound to the parameters that take such ids. A
 * binding replaces the generated value with probability 0.5; in negative mode only with entries
 * the parameter's schema rejects, in positive mode only with entries it accepts.
 */
function config(s: Seeded): string {
  const dictionaries = {
    ids: [s.enterpriseId, s.periodId, s.rectificationId, s.recordId],
    enterprises: [s.enterpriseId],
    evidence: [s.evidenceId],
    applications: [s.applicationId],
    matters: ['MS-001', 'MS-002', 'MS-005', 'FD-001'],
    // The edges of the range every date must fall in, and the days just outside it: those the
    // document refuses go into negative cases only, the others into positive ones.
    dates: [
      '0000-01-01',
      addDays(DATE_RANGE.first, -1),
      DATE_RANGE.first,
      s.today,
      DATE_RANGE.last,
      addDays(DATE_RANGE.last, 1),
      '9999-12-31',
    ],
  };
  const dates = ['orderedOn', 'decidedOn', 'startDate', 'visitedOn', 'date', 'deadline.date', 'filter.dueBefore'];
  const bindings: Record<string, keyof typeof dictionaries> = {
    'path.id': 'ids',
    'path.evidenceId': 'evidence',
    'path.appId': 'applications',
    'path.code': 'matters',
    'query.enterpriseId': 'enterprises',
    'body.enterpriseId': 'enterprises',
    'body.matterCode': 'matters',
    'query.from': 'dates',
    'query.to': 'dates',
    ...Object.fromEntries(dates.map((field) => [`body.${field}`, 'dates' as const])),
  };
  return [
    ...Object.entries(dictionaries).flatMap(([name, values]) => [
      `[dictionaries.${name}]`,
      `values = ${tomlList(values)}`,
    ]),
    '',
    '[parameters]',
    ...Object.entries(bindings).map(([key, name]) => `"${key}" = { dictionary = "${name}", probability = 0.5 }`),
    '',
    '[checks.positive_data_acceptance]',
    `expected-statuses = ${tomlList(ACCEPTED_STATUSES)}`,
    '',
  ].join('\n');
}

/**
 * schemathesis hooks: the `uscc` string format (a unified social credit code, whose check character
 * no pattern can state) drawn from valid codes, so that positive cases carry codes the API takes.
 */
function hooks(): string {
  const codes = Array.from({ length: 200 }, (_, i) => makeUscc(90_000 + i));
  return [
    'import schemathesis',
    'from hypothesis import strategies as st',
    `schemathesis.openapi.format("uscc", st.sampled_from(${JSON.stringify(codes)}))`,
    '',
  ].join('\n');
}

type OpenApiDocument = {
  paths: Record<string, Record<string, { description?: string; security?: unknown[] }>>;
};

/**
 * The operations (schemathesis names them "METHOD /path") each role may call, from the roles each
 * one's description states. A role is fuzzed on those only: the route gate answers any other role
 * 403 before it reads the request, so thousands of requests more would prove nothing new, and the
 * run would no longer fit in CI. Every operation is someone's; the public ones (operations and
 * disclosure) go to the auditor, whose read-only run is among the shortest, so that the officer's,
 * the longest, still fits.
 */
async function operationsByRole(): Promise<Record<Role, string[]>> {
  const document = (await (await fetch(`${ctx.api.url}/openapi.json`)).json()) as OpenApiDocument;
  const byRole = Object.fromEntries(Object.keys(roleClaims).map((role) => [role, [] as string[]])) as Record<
    Role,
    string[]
  >;
  for (const [route, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const name = `${method.toUpperCase()} ${route}`;
      if (operation.security?.length === 0) {
        byRole.auditor.push(name);
        continue;
      }
      const stated = /^Roles: ([a-z_, ]+)\./.exec(operation.description ?? '')?.[1];
      if (!stated) throw new Error(`${name} does not state its roles in its description`);
      for (const role of stated.split(', ')) byRole[role as Role]?.push(name);
    }
  }
  return byRole;
}

/** A Python regular expression matching exactly these names. */
const exactly = (names: string[]) => `^(?:${names.map((n) => n.replace(/[.*+?^$()[\]{}|\\]/g, '\\$&')).join('|')})$`;

interface RunReport {
  exit_code: number;
  complete: boolean;
  operations: { selected: number; tested: number };
  test_cases: { generated: number; with_failures: number; errored: number };
  failures: Array<{ title: string; count: number; operations: string[] }>;
  errors: Array<{ title: string; count: number }>;
}

/** Runs schemathesis as `role`; resolves with its JSON report and everything it printed. */
async function fuzz(role: Role): Promise<{ report: RunReport; output: string }> {
  const claims = role === 'business' ? { ...roleClaims.business, enterpriseId: seeded.enterpriseId } : roleClaims[role];
  const token = await ctx.api.token(claims);
  const reportPath = path.join(workDir, `${role}.json`);
  await rm(reportPath, { force: true });
  const args = [
    ...schemathesis.args,
    '--config-file',
    path.join(workDir, 'schemathesis.toml'),
    '--no-color',
    'run',
    `${ctx.api.url}/openapi.json`,
    '--include-name-regex',
    exactly(operationsOf[role]),
    '--header',
    `Authorization: Bearer ${token}`,
    '--checks',
    'all',
    '--phases',
    'examples,coverage,fuzzing,stateful',
    '--mode',
    'all',
    '--max-examples',
    String(MAX_EXAMPLES),
    '--seed',
    String(SEED),
    // One thread: the server is what takes the time, and Python 3.11 before 3.11.8 can fail ast.parse
    // (which Hypothesis calls) under threads with "AST constructor recursion depth mismatch".
    '--workers',
    '1',
    '--generation-database',
    'none',
    '--request-timeout',
    '30',
    '--report',
    'json',
    '--report-json-path',
    reportPath,
  ];
  // Killed before the test's own timeout, so that a run that hangs ends with what it printed.
  const child = spawn(schemathesis.command, args, {
    cwd: workDir,
    env: { ...process.env, SCHEMATHESIS_HOOKS: path.join(workDir, 'hooks.py') },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: RUN_TIMEOUT_MS - 20_000,
    killSignal: 'SIGKILL',
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve());
  });
  await writeFile(path.join(workDir, `${role}.log`), output);
  const report = JSON.parse(await readFile(reportPath, 'utf8').catch(() => 'null')) as RunReport | null;
  if (!report) throw new Error(`schemathesis wrote no report:\n${output}`);
  return { report, output };
}

/** Responses the app has sent so far, by its own Prometheus histogram (every route, every status). */
async function answered(): Promise<number> {
  const metrics = await (await fetch(`${ctx.api.url}/metrics`)).text();
  return [...metrics.matchAll(/^http_request_duration_seconds_count\{.*\} (\d+)$/gm)].reduce(
    (sum, [, count]) => sum + Number(count),
    0,
  );
}

/** schemathesis's own account of what failed: its output from the failures section on. */
function failureSummary(output: string): string {
  const start = output.search(/^=+ (FAILURES|ERRORS) =+$/m);
  return start === -1 ? output.slice(-8_000) : output.slice(start);
}

beforeAll(async () => {
  schemathesis = await resolveSchemathesis();
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  Object.assign(seeded, await seed());
  operationsOf = await operationsByRole();
  await writeFile(path.join(workDir, 'schemathesis.toml'), config(seeded));
  await writeFile(path.join(workDir, 'hooks.py'), hooks());
  answeredBefore = await answered();
}, 180_000);

// What earlier runs found, pinned down so that it stays fixed whatever the seed draws.
describe('inputs schemathesis found', () => {
  const officer = () => ctx.api.token(roleClaims.officer);

  it('refuses a NUL character in a case step with 400, instead of a workflow that cannot record it', async () => {
    const before = await ctx.api.call('GET', `/api/v1/rectifications/${seeded.rectificationId}`, {
      token: await officer(),
    });

    const res = await ctx.api.call('POST', `/api/v1/rectifications/${seeded.rectificationId}/escalation`, {
      token: await officer(),
      body: { reason: 'bad\u0000reason' },
    });
    const after = await ctx.api.call('GET', `/api/v1/rectifications/${seeded.rectificationId}`, {
      token: await officer(),
    });

    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'body.reason', message: expect.stringContaining('NUL') }],
    });
    expect(after.body.history).toEqual(before.body.history);
  });

  it('refuses an unpaired surrogate, in a value or a property name, with 400', async () => {
    const lone = '\ud800';

    const inValue = await ctx.api.call('POST', '/api/v1/penalty-records', {
      token: await officer(),
      body: penaltyDecision(seeded.enterpriseId, '2026-01-05', { penalties: [{ type: `fine${lone}` }] }),
    });
    const inName = await ctx.api.call('POST', '/api/v1/enterprises', {
      token: await officer(),
      body: { id: seeded.enterpriseId, name: 'x', kind: 'individual', [`extra${lone}`]: 1 },
    });

    expect(inValue.status).toBe(400);
    expect(inValue.body.error.details).toEqual([{ path: 'body.penalties.0.type', message: expect.any(String) }]);
    expect(inName.status).toBe(400);
    expect(inName.body.error.details).toEqual([{ path: 'body.(a property name)', message: expect.any(String) }]);
  });

  it('refuses a NUL character in a query parameter with 400, not a database error', async () => {
    const res = await ctx.api.call('GET', '/api/v1/tasks?agency=SAMR%00HZ', { token: await officer() });

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers multipart/form-data without a boundary with 400', async () => {
    const business = await ctx.api.token({ ...roleClaims.business, enterpriseId: seeded.enterpriseId });
    // A case that accepts evidence, since the state is checked before the body is read.
    const { body: awaiting } = await rectifications(ctx).order(await officer(), orderToCorrect(seeded.enterpriseId));

    const res = await ctx.api.call('POST', `/api/v1/rectifications/${awaiting.id}/evidence`, {
      token: business,
      rawBody: 'description=x',
      headers: { 'content-type': 'multipart/form-data' },
    });

    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'VALIDATION_FAILED', message: 'The multipart body is malformed.' });
  });
});

describe('API fuzzing with schemathesis', () => {
  it.each(Object.keys(roleClaims) as Role[])(
    'answers every generated request as %s exactly as the document says, with no failure of any check',
    async (role) => {
      serverLog.length = 0;

      const { report, output } = await fuzz(role);
      generatedByRole.set(role, report.test_cases.generated);
      expect(report.operations.selected).toBe(operationsOf[role].length);

      const problems = [...report.failures.map((f) => f.title), ...report.errors.map((e) => e.title)];
      const summary = `${failureSummary(output)}\n${serverLog.length ? `server log:\n${serverLog.join('')}` : ''}`;
      expect(problems, summary).toEqual([]);
      expect(report.complete && report.exit_code === 0, summary).toBe(true);
    },
    RUN_TIMEOUT_MS,
  );

  it(`sends at least ${MIN_REQUESTS} generated requests over all roles, and the app answers them all`, async () => {
    const generated = [...generatedByRole.values()].reduce((sum, n) => sum + n, 0);
    const served = (await answered()) - answeredBefore;
    console.info(
      `schemathesis: ${generated} test cases over ${generatedByRole.size} roles, ${served} requests answered`,
    );

    expect(generatedByRole.size).toBe(Object.keys(roleClaims).length);
    expect(generated, JSON.stringify(Object.fromEntries(generatedByRole))).toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(served).toBeGreaterThanOrEqual(generated);
  });
});
