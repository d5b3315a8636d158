import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { makeUscc } from '../support/fixtures';
import { useApi } from '../support/context';

const ctx = useApi();

const admin = { sub: 'admin-1', role: 'admin' } as const;
const otherRoles = [
  { sub: 'officer-1', role: 'officer', agency: 'SAMR-HZ' },
  { sub: 'biz-1', role: 'business', enterpriseId: makeUscc(1) },
  { sub: 'credit-1', role: 'credit_staff' },
  { sub: 'auditor-1', role: 'auditor' },
] as const;

type Caller = typeof admin | (typeof otherRoles)[number];

async function get(path: string, caller: Caller = admin) {
  return ctx.api.call('GET', `/api/v1${path}`, { token: await ctx.api.token(caller) });
}

async function put(code: string, body: unknown, options: { caller?: Caller; ifMatch?: string } = {}) {
  return ctx.api.call('PUT', `/api/v1/catalog/matters/${code}`, {
    token: await ctx.api.token(options.caller ?? admin),
    body,
    headers: options.ifMatch === undefined ? {} : { 'If-Match': options.ifMatch },
  });
}

/** A PUT body built from a matter as GET returns it: the same content, changed as told, with a reason. */
async function editOf(code: string, changes: Record<string, unknown>, reason = 'legal office review 2026-11') {
  const { body: current } = await get(`/catalog/matters/${code}`);
  const { code: _code, version: _version, updatedAt: _updatedAt, ...matter } = current;
  return { ...matter, ...changes, reason };
}

const auditOf = (code: string) =>
  ctx.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'matter'), eq(auditLog.entityId, code)));

const newMatter = {
  title: '未按规定公示收费项目',
  titleEn: 'Fee items not publicly displayed',
  area: 'commerce',
  legalBasis: '《示例条例》第十条、第三十条',
  lists: ['no_penalty'],
  excludedFromLeniency: false,
  defaultRectificationWorkingDays: 5,
  benchmark: { minFine: 0, maxFine: 2_000 },
  reason: 'added to the 2026 provincial list',
};

describe('catalog of enforcement matters', () => {
  it('lists the seeded catalog sorted by code, with versions, to every role', async () => {
    // given the catalog seeded by migration

    // when each role asks for it
    const answers = await Promise.all([admin, ...otherRoles].map((caller) => get('/catalog/matters', caller)));

    // then all get the same 30+ matters across 6+ areas, in code order
    for (const res of answers) expect(res.status).toBe(200);
    const { matters } = answers[0]!.body;
    for (const res of answers) expect(res.body.matters).toEqual(matters);
    expect(matters.length).toBeGreaterThanOrEqual(30);
    expect(new Set(matters.map((m: { area: string }) => m.area)).size).toBeGreaterThanOrEqual(6);
    const codes = matters.map((m: { code: string }) => m.code);
    expect(codes).toEqual([...codes].sort());
    expect(matters.find((m: { code: string }) => m.code === 'MS-001')).toEqual({
      code: 'MS-001',
      title: expect.stringContaining('营业执照'),
      titleEn: expect.any(String),
      area: 'market_supervision',
      legalBasis: expect.stringContaining('条'),
      lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty', 'no_coercion'],
      excludedFromLeniency: false,
      defaultRectificationWorkingDays: 3,
      benchmark: { minFine: 0, maxFine: 30_000, factors: expect.any(Array) },
      version: 1,
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(matters.find((m: { code: string }) => m.code === 'FD-001')).toMatchObject({
      area: 'food_drugs',
      excludedFromLeniency: true,
      exclusionReason: 'excluded_area',
      lists: [],
    });
  });

  it('filters matters by area, by leniency list, and by both', async () => {
    // when
    const food = await get('/catalog/matters?area=food_drugs');
    const noCoercion = await get('/catalog/matters?list=no_coercion');
    const both = await get('/catalog/matters?area=market_supervision&list=no_coercion');

    // then
    expect(food.status).toBe(200);
    expect(food.body.matters.length).toBeGreaterThan(0);
    expect(
      food.body.matters.every(
        (m: { area: string; lists: string[] }) => m.area === 'food_drugs' && m.lists.length === 0,
      ),
    ).toBe(true);
    expect(noCoercion.body.matters.length).toBeGreaterThan(0);
    expect(noCoercion.body.matters.every((m: { lists: string[] }) => m.lists.includes('no_coercion'))).toBe(true);
    expect(noCoercion.body.matters.map((m: { code: string }) => m.code)).toContain('MS-001');
    expect(noCoercion.body.matters.map((m: { code: string }) => m.code)).not.toContain('MS-002');
    expect(both.body.matters.length).toBeGreaterThan(0);
    expect(
      both.body.matters.every(
        (m: { area: string; lists: string[] }) => m.area === 'market_supervision' && m.lists.includes('no_coercion'),
      ),
    ).toBe(true);
  });

  it.each([
    ['an unknown area', '?area=fisheries', 'query.area'],
    ['an unknown list', '?list=no_inspection', 'query.list'],
  ])('refuses %s as a filter with 400 VALIDATION_FAILED', async (_what, filter, path) => {
    // when
    const res = await get(`/catalog/matters${filter}`);

    // then
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details[0].path).toBe(path);
  });

  it('answers one matter by its code, and 404 NOT_FOUND for a code not in the catalog', async () => {
    // when
    const known = await get('/catalog/matters/MS-002', otherRoles[1]);
    const unknown = await get('/catalog/matters/ZZ-999');

    // then
    expect(known.status).toBe(200);
    expect(known.body).toMatchObject({ code: 'MS-002', area: 'market_supervision', version: 1 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
  });

  it('lets an admin change a matter: the version goes up and the audit trail says who, what and why', async () => {
    // given MS-006 as seeded, at version 1
    const body = await editOf('MS-006', {
      benchmark: { minFine: 0, maxFine: 8_000 },
      lists: ['no_penalty', 'lighter_penalty'],
    });

    // when an admin replaces it
    const res = await put('MS-006', body);

    // then the new content is served at version 2
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: 'MS-006',
      version: 2,
      lists: ['no_penalty', 'lighter_penalty'],
      benchmark: { minFine: 0, maxFine: 8_000 },
    });
    expect(res.body.benchmark.factors).toBeUndefined();
    const after = await get('/catalog/matters/MS-006', otherRoles[0]);
    expect(after.body).toEqual(res.body);
    // and the audit entry names the admin, the reason and both versions
    const audit = await auditOf('MS-006');
    expect(audit).toMatchObject([
      {
        actor: 'admin-1',
        role: 'admin',
        action: 'catalog.matter_updated',
        reason: 'legal office review 2026-11',
        before: {
          version: 1,
          lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty', 'no_coercion'],
          benchmark: { maxFine: 5_000 },
        },
        after: { version: 2, lists: ['no_penalty', 'lighter_penalty'], benchmark: { maxFine: 8_000 } },
      },
    ]);
  });

  it('creates a matter under a new code with 201 at version 1, and audits the creation', async () => {
    // when
    const res = await put('CM-900', newMatter);

    // then
    expect(res.status).toBe(201);
    const { reason: _reason, ...content } = newMatter;
    expect(res.body).toMatchObject({ ...content, code: 'CM-900', version: 1 });
    expect((await get('/catalog/matters?area=commerce')).body.matters.map((m: { code: string }) => m.code)).toContain(
      'CM-900',
    );
    expect(await auditOf('CM-900')).toMatchObject([
      {
        actor: 'admin-1',
        action: 'catalog.matter_created',
        reason: 'added to the 2026 provincial list',
        before: null,
        after: { code: 'CM-900', version: 1 },
      },
    ]);
  });

  it.each(otherRoles.map((caller) => [caller.role, caller] as const))(
    'refuses the %s role an edit of the catalog with 403 FORBIDDEN and changes nothing',
    async (_role, caller) => {
      // given
      const before = (await get('/catalog/matters/TR-002')).body;
      const body = await editOf('TR-002', { defaultRectificationWorkingDays: 30 });

      // when
      const res = await put('TR-002', body, { caller });
      const created = await put('XX-001', newMatter, { caller });

      // then
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect(created.status).toBe(403);
      expect((await get('/catalog/matters/TR-002')).body).toEqual(before);
      expect((await get('/catalog/matters/XX-001')).status).toBe(404);
      expect(await auditOf('TR-002')).toEqual([]);
    },
  );

  it('rejects a fine range whose minimum exceeds its maximum with 422 INVALID_BENCHMARK', async () => {
    // given
    const body = await editOf('UM-003', { benchmark: { minFine: 5_000, maxFine: 1_000 } });

    // when
    const res = await put('UM-003', body);

    // then
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_BENCHMARK');
    expect(res.body.error.details).toEqual([{ minFine: 5_000, maxFine: 1_000 }]);
    expect((await get('/catalog/matters/UM-003')).body.version).toBe(1);
  });

  it('reports every malformed field of a matter, including a missing reason', async () => {
    // when
    const res = await put('CM-901', {
      ...newMatter,
      title: ' ',
      lists: ['no_penalty', 'no_penalty'],
      defaultRectificationWorkingDays: 0,
      reason: undefined,
    });

    // then
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body.defaultRectificationWorkingDays',
      'body.lists',
      'body.reason',
      'body.title',
    ]);
    expect((await get('/catalog/matters/CM-901')).status).toBe(404);
  });

  it('refuses to put a matter excluded from leniency on a leniency list with 422 EXCLUDED_DOMAIN', async () => {
    // given FD-001, excluded (food and drugs) and on no list
    const body = await editOf('FD-001', { lists: ['no_penalty'] });

    // when an admin tries to list it
    const res = await put('FD-001', body);

    // then it is refused and the matter stays as it was
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('EXCLUDED_DOMAIN');
    expect(res.body.error.message).toMatch(/cannot be on a leniency list/);
    expect(res.body.error.details).toEqual([{ matterCode: 'FD-001', area: 'food_drugs', lists: ['no_penalty'] }]);
    expect((await get('/catalog/matters/FD-001')).body).toMatchObject({ version: 1, lists: [] });
    expect(await auditOf('FD-001')).toEqual([]);
  });

  it('guards an edit with If-Match: a stale version gets 409 VERSION_CONFLICT', async () => {
    // given two admins who both read CT-002 at version 1
    const first = await editOf('CT-002', { defaultRectificationWorkingDays: 7 }, 'first reading');
    const second = await editOf('CT-002', { defaultRectificationWorkingDays: 9 }, 'second reading');

    // when both send their change conditioned on version 1
    const won = await put('CT-002', first, { ifMatch: '"1"' });
    const lost = await put('CT-002', second, { ifMatch: '"1"' });
    const reapplied = await put('CT-002', second, { ifMatch: `"${won.body.version}"` });

    // then the second one must reread before it can apply
    expect(won.status).toBe(200);
    expect(won.body.version).toBe(2);
    expect(lost.status).toBe(409);
    expect(lost.body.error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: [{ matterCode: 'CT-002', expected: 1, current: 2 }],
    });
    expect(reapplied.status).toBe(200);
    expect(reapplied.body).toMatchObject({ version: 3, defaultRectificationWorkingDays: 9 });
    expect((await auditOf('CT-002')).map((e) => e.reason)).toEqual(['first reading', 'second reading']);
  });

  it('treats resending the current content as no change: same version, no audit entry', async () => {
    // given
    const body = await editOf('UM-001', {});

    // when
    const res = await put('UM-001', body);

    // then
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(await auditOf('UM-001')).toEqual([]);
  });
});
