// Public disclosure over real HTTP, without a token: the lists as JSON and CSV (the CSV parses back
// to the same rows), their changes, the agencies; ETag and 304; rate limiting; and never a
// registered enterprise's code or name in anything served, whatever cases exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AREA_TITLES,
  EXCLUSION_TITLES,
  LENIENCY_LISTS,
  type EnforcementArea,
  type ExclusionReason,
} from '../../domain';
import { startTestApi, type TestApi } from '../support/api';
import { useApi } from '../support/context';
import { parseCsv } from '../support/csv';
import { rectificationParties, rectifications, serverToday } from '../support/rectifications';

const ctx = useApi({ worker: true });
const enterprises: Array<{ id: string; name: string }> = [];

const get = (path: string, headers: Record<string, string> = {}) =>
  ctx.api.call('GET', `/public/v1${path}`, { headers });

beforeAll(async () => {
  // Cases that name enterprises, in both example agencies, so there is something that could leak.
  for (const [serial, agency] of [
    [401, 'EXAMPLE-TONGLIAO'],
    [402, 'EXAMPLE-PANJIN'],
  ] as const) {
    const { enterpriseId, officer } = await rectificationParties(ctx, serial, agency);
    enterprises.push({ id: enterpriseId, name: `企业${serial}` });
    const ordered = await rectifications(ctx).order(officer, {
      enterpriseId,
      matterCode: 'MS-001',
      disposition: 'no_penalty',
      findings: `企业${serial}未亮照经营`,
      requiredActions: ['亮照经营'],
    });
    expect(ordered.status).toBe(201);
  }
  const admin = await ctx.api.token({ sub: 'admin-public', role: 'admin' });
  const change = await ctx.api.call('PUT', '/api/v1/agencies/EXAMPLE-PANJIN/lists/MS-003', {
    token: admin,
    body: { lists: ['no_penalty'], effectiveFrom: await serverToday(ctx), reason: '年报逾期不予处罚，不再免予强制' },
  });
  expect(change.status).toBe(201);
});

describe('public lists', () => {
  it('answer without a token, for one agency and one list', async () => {
    const res = await get('/lists?agency=EXAMPLE-TONGLIAO&list=no_penalty');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      agency: 'EXAMPLE-TONGLIAO',
      agencyName: '通辽市市场监督管理局（示例）',
      asOf: await serverToday(ctx),
      policyVersion: 'default-2026.1+agency:EXAMPLE-TONGLIAO@1',
    });
    expect(res.body.matters.find((m: { code: string }) => m.code === 'FD-003')).toEqual({
      code: 'FD-003',
      title: '销售农药残留超过食品安全标准限量的食用农产品',
      area: 'food_drugs',
      legalBasis: expect.stringContaining('第一百三十六条'),
      lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty'],
      benchmark: expect.objectContaining({ minFine: 50_000, maxFine: 100_000 }),
      excludedFromLeniency: false,
      exclusionReason: null,
      barredFrom: [],
      effectiveFrom: '2022-12-01',
      source: 'agency',
    });
  });

  it('answer 400 without an agency and 404 for an unknown one', async () => {
    expect((await get('/lists')).status).toBe(400);
    expect((await get('/lists?agency=NOBODY')).status).toBe(404);
    expect((await get('/lists.csv?agency=EXAMPLE-PANJIN&on=2026-02-30')).status).toBe(400);
  });

  it('carry an ETag and answer 304 to If-None-Match', async () => {
    const first = await get('/lists?agency=EXAMPLE-PANJIN');
    const etag = first.headers.get('etag');

    // As a cache revalidates; fetch itself would add `Cache-Control: no-cache` (an end-to-end reload).
    const revalidate = { 'If-None-Match': etag!, 'Cache-Control': 'max-age=0' };
    const again = await get('/lists?agency=EXAMPLE-PANJIN', revalidate);
    const other = await get('/lists?agency=EXAMPLE-TONGLIAO', revalidate);

    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    expect(again.status).toBe(304);
    expect(other.status).toBe(200);
  });

  it('download as CSV that opens in Excel and parses back to the same rows', async () => {
    const [json, csv] = await Promise.all([
      get('/lists?agency=EXAMPLE-PANJIN'),
      get('/lists.csv?agency=EXAMPLE-PANJIN'),
    ]);

    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    // fetch's text() drops a leading BOM; the raw bytes still carry it
    const bytes = new Uint8Array(
      await (await fetch(`${ctx.api.url}/public/v1/lists.csv?agency=EXAMPLE-PANJIN`)).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(csv.body as string);
    expect(header).toEqual([
      '事项编码',
      '事项名称',
      '执法领域',
      '法律依据',
      '不予处罚清单',
      '从轻处罚清单',
      '减轻处罚清单',
      '免予行政强制清单',
      '罚款下限（元）',
      '罚款上限（元）',
      '裁量因素',
      '不适用柔性执法',
      '排除情形',
      '生效日期',
    ]);
    const asRows = json.body.matters.map((m: any) => [
      m.code,
      m.title,
      AREA_TITLES[m.area as EnforcementArea],
      m.legalBasis,
      ...LENIENCY_LISTS.map((l) => (m.lists.includes(l) ? '是' : '否')),
      String(m.benchmark.minFine),
      String(m.benchmark.maxFine),
      (m.benchmark.factors ?? []).join('；'),
      m.excludedFromLeniency ? '是' : '否',
      m.exclusionReason ? EXCLUSION_TITLES[m.exclusionReason as ExclusionReason] : '',
      m.effectiveFrom,
    ]);
    expect(rows).toEqual(asRows);
    // the change made today: MS-003 is on the no-penalty list and no longer on the no-coercion list
    expect(rows.find((r) => r[0] === 'MS-003')?.slice(2, 8)).toEqual([
      '市场监管',
      expect.any(String),
      '是',
      '否',
      '否',
      '否',
    ]);
  });

  it('give the dated changes with their reasons, newest first', async () => {
    const res = await get('/lists/changes?agency=EXAMPLE-PANJIN');

    expect(res.status).toBe(200);
    expect(res.body.changes[0]).toMatchObject({
      agency: 'EXAMPLE-PANJIN',
      kind: 'list_entry',
      matterCode: 'MS-003',
      lists: ['no_penalty'],
      reason: '年报逾期不予处罚，不再免予强制',
    });
    expect(res.body.changes.at(-1)).toMatchObject({
      kind: 'policy',
      effectiveFrom: '2022-01-01',
      policyVersion: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toContain('admin-public');
  });

  it('list the agencies', async () => {
    const res = await get('/agencies');

    expect(res.status).toBe(200);
    expect(res.body.agencies).toEqual(
      expect.arrayContaining([
        { id: 'EXAMPLE-PANJIN', name: '盘锦市市场监督管理局（示例）', shortName: '盘市监', region: '辽宁省盘锦市' },
      ]),
    );
  });

  it('never serve a registered enterprise’s code or name, nor who did what', async () => {
    const served = await Promise.all(
      [
        '/agencies',
        '/lists/changes',
        ...['EXAMPLE-PANJIN', 'EXAMPLE-TONGLIAO'].flatMap((a) => [`/lists?agency=${a}`, `/lists.csv?agency=${a}`]),
      ].map(async (path) => ({ path, text: await (await fetch(`${ctx.api.url}/public/v1${path}`)).text() })),
    );

    const leaks = served.flatMap(({ path, text }) =>
      [...enterprises.flatMap((e) => [e.id, e.name]), 'officer-401', 'officer-402']
        .filter((s) => text.includes(s))
        .map((s) => `${path}: ${s}`),
    );
    expect(served.every((s) => s.text.length > 100)).toBe(true);
    expect(leaks).toEqual([]);
  });
});

describe('public rate limit', () => {
  let limited: TestApi;
  beforeAll(async () => {
    limited = await startTestApi({
      db: ctx.database.db,
      temporal: ctx.env.client,
      taskQueue: ctx.taskQueue,
      evidenceDir: '/nonexistent',
      rateLimitPerMinute: 3,
    });
  });
  afterAll(() => limited?.close());

  it('answers 429 RATE_LIMITED past the limit, without a token too', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await limited.call('GET', '/public/v1/agencies')).status);

    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
