// The bounds of what the API takes ("Bounds" in the HTTP contract): calendar dates from 1949-10-01 to
// 2199-12-31 in every schema, dates a request implies beyond them, and JSON nested deeper than 64
// levels. Each is refused quickly with a 4xx, never a 500, a hang, or a workflow that retries for ever.
import { describe, expect, it } from 'vitest';
import { useApi } from '../support/context';
import { makeUscc } from '../support/fixtures';
import { observationParties, observationPeriods } from '../support/observation';
import { penaltyDecision } from '../support/penaltyRecords';
import { orderToCorrect, rectificationParties, rectifications } from '../support/rectifications';

const ctx = useApi({ worker: true });

/** The call, or a 504 of the test's own when the app has not answered within 15 s (it hangs). */
async function call(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${ctx.api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  }).catch(() => undefined);
  if (!res) return { status: 504, body: { error: { code: 'NO_ANSWER' } } };
  return { status: res.status, body: (await res.json()) as { error?: { code: string; details?: unknown[] } } };
}

describe('calendar dates from 1949-10-01 to 2199-12-31', () => {
  let serial = 3200;
  it.each([
    ['orderedOn 0000-01-01', { orderedOn: '0000-01-01' }],
    ['orderedOn 0001-01-01', { orderedOn: '0001-01-01' }],
    ['orderedOn 1949-09-30', { orderedOn: '1949-09-30' }],
    ['a deadline on 9999-12-31', { deadline: { date: '9999-12-31' } }],
    ['a deadline on 2200-01-01', { deadline: { date: '2200-01-01' } }],
  ])('refuses a rectification with %s with 400 VALIDATION_FAILED', async (_what, extra) => {
    const { enterpriseId, officer } = await rectificationParties(ctx, ++serial);

    const res = await call('POST', '/api/v1/rectifications', officer, orderToCorrect(enterpriseId, extra));

    expect([res.status, res.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('refuses a penalty decision dated 0000-01-01 with 400, and enters one of 1949-10-01 (long expired)', async () => {
    const { enterpriseId } = await rectificationParties(ctx, 3210);
    const creditStaff = await ctx.api.token({ sub: 'credit-3210', role: 'credit_staff' });

    const ancient = await call(
      'POST',
      '/api/v1/penalty-records',
      creditStaff,
      penaltyDecision(enterpriseId, '0000-01-01'),
    );
    const first = await call(
      'POST',
      '/api/v1/penalty-records',
      creditStaff,
      penaltyDecision(enterpriseId, '1949-10-01'),
    );

    expect([ancient.status, ancient.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'expired' });
  });

  it('refuses statistics from 0000-01-01 with 400, not 500', async () => {
    const auditor = await ctx.api.token({ sub: 'auditor-bounds', role: 'auditor' });

    const res = await call('GET', '/api/v1/stats?from=0000-01-01&to=2026-01-01', auditor);

    expect([res.status, res.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('refuses an audit range from year 0 with 400, not 500', async () => {
    const auditor = await ctx.api.token({ sub: 'auditor-bounds', role: 'auditor' });

    const res = await call('GET', '/api/v1/audit?from=0000-01-01T00:00:00Z', auditor);

    expect([res.status, res.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('refuses a bulk extension of steps due before 0000-01-01 with 400, not 500', async () => {
    const admin = await ctx.api.token({ sub: 'admin-bounds', role: 'admin' });

    const res = await call('POST', '/api/v1/bulk/deadline-extensions', admin, {
      filter: { dueBefore: '0000-01-01' },
      days: 7,
      reason: '洪水',
      dryRun: true,
    });

    expect([res.status, res.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('refuses an observation period starting 9999-12-31 with 400, not 500', async () => {
    const { enterpriseId, officer } = await observationParties(ctx, 3220);

    const res = await call('POST', '/api/v1/observation-periods', officer, {
      enterpriseId,
      matterCode: 'MS-005',
      legalBasis: '依据',
      reason: '新业态',
      startDate: '9999-12-31',
    });

    expect([res.status, res.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('refuses with 422 DATE_OUT_OF_RANGE a period starting 2199-12-31, whose own dates would end after 2199', async () => {
    const { enterpriseId, officer } = await observationParties(ctx, 3221);

    const res = await observationPeriods(ctx).open(officer, {
      enterpriseId,
      matterCode: 'MS-005',
      legalBasis: '依据',
      reason: '新业态',
      months: 6,
      startDate: '2199-12-31',
    });

    expect([res.status, res.body.error.code]).toEqual([422, 'DATE_OUT_OF_RANGE']);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ what: 'endDate', last: '2199-12-31' }));
  });

  it('refuses with 422 DATE_OUT_OF_RANGE a rectification due on 2199-12-31, whose escalation would fall after 2199', async () => {
    const { enterpriseId, officer } = await rectificationParties(ctx, 3222);

    const res = await rectifications(ctx).order(
      officer,
      orderToCorrect(enterpriseId, { deadline: { date: '2199-12-31' } }),
    );

    expect([res.status, res.body.error.code]).toEqual([422, 'DATE_OUT_OF_RANGE']);
  });
});

describe('JSON nesting', () => {
  const officerToken = () => ctx.api.token({ sub: 'officer-nesting', role: 'officer', agency: 'SAMR-HZ' });
  /** An enterprise registration with `depth` levels of nesting in all (the body itself is level 1). */
  const nested = (serial: number, depth: number) =>
    `{"id":"${makeUscc(serial)}","name":"嵌套","kind":"legal_person","note":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;

  it('refuses a body nested 10,000 levels deep with 400, not a 500 from a stack overflow', async () => {
    const res = await call('POST', '/api/v1/enterprises', await officerToken(), nested(3230, 10_000));

    expect([res.status, res.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('takes 64 levels and refuses 65', async () => {
    const token = await officerToken();

    const deepest = await call('POST', '/api/v1/enterprises', token, nested(3231, 64));
    const tooDeep = await call('POST', '/api/v1/enterprises', token, nested(3232, 65));

    expect(deepest.status).toBe(201);
    expect([tooDeep.status, tooDeep.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
