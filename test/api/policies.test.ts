// Agencies, their policy versions and lists over real HTTP, and the acceptance cases of issue #16:
// the banana case under a Tongliao-like and a Panjin-like agency, Changning's off-list statutory
// no-penalty, Jimsar's high-risk conduct. Orders go through the real workflows.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { agencies, auditLog, policyVersions } from '../../db/schema';
import { addDays, addWorkingDays } from '../../domain';
import { useApi } from '../support/context';
import { orderBody, rectificationParties, rectifications, serverToday } from '../support/rectifications';

const ctx = useApi({ worker: true });
let admin: string;
let today: string;

beforeAll(async () => {
  admin = await ctx.api.token({ sub: 'admin-1', role: 'admin' });
  today = await serverToday(ctx);
});

const call = (method: string, path: string, token: string, body?: unknown) =>
  ctx.api.call(method, `/api/v1${path}`, { token, body });
const registerAgency = (id: string) =>
  call('POST', '/agencies', admin, { id, name: `${id}市场监督管理局`, shortName: id.slice(0, 3) });
const storePolicy = (agency: string, body: Record<string, unknown>) => call('PUT', `/policies/${agency}`, admin, body);
const storeListEntry = (agency: string, code: string, body: Record<string, unknown>) =>
  call('PUT', `/agencies/${agency}/lists/${code}`, admin, body);

const order = (enterpriseId: string, matterCode: string, disposition: string, extra: Record<string, unknown> = {}) =>
  orderBody(enterpriseId, { matterCode, disposition, deadline: { workingDays: 5 }, ...extra });

describe('agencies', () => {
  it('lists the two example agencies of a fresh install', async () => {
    const res = await call('GET', '/agencies', admin);

    expect(res.status).toBe(200);
    expect(res.body.agencies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'EXAMPLE-PANJIN', origin: 'example', shortName: '盘市监' }),
        expect.objectContaining({ id: 'EXAMPLE-TONGLIAO', origin: 'example', shortName: '通市监' }),
      ]),
    );
  });

  it('registers an agency first met in a token once, however many requests carry it at once', async () => {
    const officer = await ctx.api.token({ sub: 'officer-new', role: 'officer', agency: 'FIRST-USE' });

    const answers = await Promise.all(Array.from({ length: 5 }, () => call('GET', '/agencies', officer)));

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const rows = await ctx.database.db.select().from(agencies).where(eq(agencies.id, 'FIRST-USE'));
    expect(rows).toMatchObject([
      { name: 'FIRST-USE', shortName: 'FIRST-USE', origin: 'first_use', createdBy: 'officer-new' },
    ]);
    const audit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'agency'), eq(auditLog.entityId, 'FIRST-USE')));
    expect(audit).toMatchObject([{ action: 'agency.registered', actor: 'officer-new' }]);
  });

  it('lets an admin register an agency, refuses it twice, and name one later', async () => {
    const created = await registerAgency('SAMR-NB');
    const again = await registerAgency('SAMR-NB');
    const named = await call('PATCH', '/agencies/SAMR-NB', admin, { name: '宁波市市场监督管理局', reason: '正式名称' });
    const nobody = await call('PATCH', '/agencies/NOBODY', admin, { name: 'x', reason: 'y' });

    expect(created).toMatchObject({ status: 201, body: { id: 'SAMR-NB', origin: 'admin', region: null } });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'ALREADY_EXISTS' } } });
    expect(named).toMatchObject({ status: 200, body: { name: '宁波市市场监督管理局', shortName: 'SAM' } });
    expect(nobody.status).toBe(404);
  });
});

describe('policies', () => {
  it('gives an agency without a version the default policy', async () => {
    await registerAgency('POL-DEFAULT');

    const res = await call('GET', '/policies/POL-DEFAULT', admin);

    expect(res).toMatchObject({
      status: 200,
      body: { agency: 'POL-DEFAULT', version: 'default-2026.1', revision: null, consentWindowWorkingDays: 10 },
    });
  });

  it('stores a version from a future day: the one in force today stays, the new one applies from its day', async () => {
    await registerAgency('POL-FUTURE');
    const from = addDays(today, 30);

    const stored = await storePolicy('POL-FUTURE', {
      effectiveFrom: from,
      reason: '延长同意期限',
      consentWindowWorkingDays: 15,
    });
    const now = await call('GET', '/policies/POL-FUTURE', admin);
    const then = await call('GET', `/policies/POL-FUTURE?on=${from}`, admin);
    const versions = await call('GET', '/policies/POL-FUTURE/versions', admin);

    expect(stored).toMatchObject({
      status: 201,
      body: {
        version: 'default-2026.1+agency:POL-FUTURE@1',
        revision: 1,
        effectiveFrom: from,
        reason: '延长同意期限',
        author: 'admin-1',
        consentWindowWorkingDays: 15,
        commitmentWorkingDays: 5,
      },
    });
    expect(now.body).toMatchObject({ version: 'default-2026.1', consentWindowWorkingDays: 10 });
    expect(then.body).toMatchObject({ version: 'default-2026.1+agency:POL-FUTURE@1', consentWindowWorkingDays: 15 });
    expect(versions.body).toMatchObject({
      inForce: 'default-2026.1',
      versions: [{ revision: 1, effectiveFrom: from }],
    });
  });

  it('keeps what a new version leaves out from the version in force on its day', async () => {
    await registerAgency('POL-LAYERS');
    await storePolicy('POL-LAYERS', { effectiveFrom: today, reason: 'one', commitmentWorkingDays: 7 });

    const second = await storePolicy('POL-LAYERS', {
      effectiveFrom: addDays(today, 1),
      reason: 'two',
      reminderWorkingDaysBeforeDeadline: 2,
    });

    expect(second.body).toMatchObject({ revision: 2, commitmentWorkingDays: 7, reminderWorkingDaysBeforeDeadline: 2 });
  });

  it('refuses a version in the past with RETROACTIVE_POLICY, and nonsense with 400', async () => {
    await registerAgency('POL-REFUSED');

    const past = await storePolicy('POL-REFUSED', {
      effectiveFrom: addDays(today, -1),
      reason: 'late',
      commitmentWorkingDays: 7,
    });
    const contradictory = await storePolicy('POL-REFUSED', {
      effectiveFrom: today,
      reason: 'x',
      observationMinMonths: 12,
    });
    const misspelt = await storePolicy('POL-REFUSED', { effectiveFrom: today, reason: 'x', consentWindowDays: 5 });
    const unknown = await storePolicy('NO-SUCH-AGENCY', { effectiveFrom: today, reason: 'x' });

    expect(past).toMatchObject({ status: 422, body: { error: { code: 'RETROACTIVE_POLICY' } } });
    expect(contradictory).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: [{ field: 'observationDefaultMonths' }] } },
    });
    expect(misspelt.status).toBe(400);
    expect(unknown.status).toBe(404);
    expect(await ctx.database.db.select().from(policyVersions).where(eq(policyVersions.agency, 'POL-REFUSED'))).toEqual(
      [],
    );
  });

  it('numbers concurrent versions one after another', async () => {
    await registerAgency('POL-RACE');

    const stored = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        storePolicy('POL-RACE', { effectiveFrom: addDays(today, n), reason: `v${n}`, followUpAfterDays: 20 + n }),
      ),
    );

    expect(stored.map((s) => s.status)).toEqual([201, 201, 201, 201, 201]);
    expect(stored.map((s) => s.body.revision).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('is read by staff and not by a business', async () => {
    const business = await ctx.api.token({ sub: 'biz', role: 'business', enterpriseId: '91350100M000100Y43' });

    expect((await call('GET', '/policies/EXAMPLE-TONGLIAO', business)).status).toBe(403);
    expect(
      (
        await call(
          'PUT',
          '/policies/EXAMPLE-TONGLIAO',
          await ctx.api.token({ sub: 'o', role: 'officer', agency: 'X' }),
          {},
        )
      ).status,
    ).toBe(403);
  });
});

describe('lists', () => {
  it("show the example agencies' difference: Tongliao lists the banana case, Panjin excludes it", async () => {
    const lists = (agency: string) => call('GET', `/agencies/${agency}/lists?list=no_penalty`, admin);

    const [tongliao, panjin] = await Promise.all([lists('EXAMPLE-TONGLIAO'), lists('EXAMPLE-PANJIN')]);

    const banana = (res: typeof tongliao) => res.body.matters.find((m: { code: string }) => m.code === 'FD-003');
    expect(banana(tongliao)).toMatchObject({
      lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty'],
      source: 'agency',
      barredFrom: [],
    });
    expect(banana(panjin)).toBeUndefined();
    expect(panjin.body.matters.every((m: { lists: string[] }) => m.lists.includes('no_penalty'))).toBe(true);
  });

  it('take a change from its day, refuse a past day, and refuse a list the exclusion bars', async () => {
    await registerAgency('LIST-A');
    const from = addDays(today, 10);

    const stored = await storeListEntry('LIST-A', 'MS-003', {
      lists: ['no_penalty'],
      effectiveFrom: from,
      reason: '调整',
    });
    const before = await call('GET', `/agencies/LIST-A/lists?on=${addDays(from, -1)}`, admin);
    const after = await call('GET', `/agencies/LIST-A/lists?on=${from}`, admin);
    const past = await storeListEntry('LIST-A', 'MS-003', {
      lists: [],
      effectiveFrom: addDays(today, -1),
      reason: 'late',
    });
    const barred = await storeListEntry('LIST-A', 'FD-001', {
      lists: ['no_penalty'],
      effectiveFrom: today,
      reason: 'x',
    });
    const unknown = await storeListEntry('LIST-A', 'ZZ-999', { lists: [], effectiveFrom: today, reason: 'x' });

    const ms003 = (res: typeof before) => res.body.matters.find((m: { code: string }) => m.code === 'MS-003');
    expect(stored).toMatchObject({ status: 201, body: { revision: 1, lists: ['no_penalty'], effectiveFrom: from } });
    expect(ms003(before)).toMatchObject({ lists: ['no_penalty', 'no_coercion'], source: 'catalog' });
    expect(ms003(after)).toMatchObject({ lists: ['no_penalty'], source: 'agency', effectiveFrom: from });
    expect(past).toMatchObject({ status: 422, body: { error: { code: 'RETROACTIVE_POLICY' } } });
    expect(barred).toMatchObject({ status: 422, body: { error: { code: 'EXCLUDED_DOMAIN' } } });
    expect(unknown).toMatchObject({ status: 422, body: { error: { code: 'UNKNOWN_MATTER' } } });
  });
});

describe('orders under the agency rules (issue #16 acceptance)', () => {
  it.each([
    ['EXAMPLE-TONGLIAO', 201, undefined],
    ['EXAMPLE-PANJIN', 422, 'EXCLUDED_DOMAIN'],
  ])('the banana case (FD-003, no penalty) under %s: %i %s', async (agency, status, code) => {
    const { enterpriseId, officer } = await rectificationParties(ctx, agency === 'EXAMPLE-PANJIN' ? 301 : 302, agency);

    const res = await rectifications(ctx).order(officer, order(enterpriseId, 'FD-003', 'no_penalty'));

    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (code) expect(res.body.error.code).toBe(code);
    else
      expect(res.body).toMatchObject({
        disposition: 'no_penalty',
        agency,
        policyVersion: 'default-2026.1+agency:EXAMPLE-TONGLIAO@1',
      });
  });

  it("accepts Changning's off-list statutory no-penalty with a ground, refuses it without", async () => {
    await registerAgency('CHANGNING-T');
    // MS-010 off this agency's lists: only the law can waive the penalty.
    await storeListEntry('CHANGNING-T', 'MS-010', { lists: [], effectiveFrom: today, reason: '未列入清单' });
    const { enterpriseId, officer } = await rectificationParties(ctx, 303, 'CHANGNING-T');

    const listed = await rectifications(ctx).order(officer, order(enterpriseId, 'MS-010', 'no_penalty'));
    const withoutGround = await rectifications(ctx).order(
      officer,
      order(enterpriseId, 'MS-010', 'statutory_no_penalty'),
    );
    const withGround = await rectifications(ctx).order(
      officer,
      order(enterpriseId, 'MS-010', 'statutory_no_penalty', {
        statutoryGround: 'no_fault',
        legalBasis: '《中华人民共和国行政处罚法》第三十三条第二款',
      }),
    );

    expect(listed.body.error.code).toBe('NOT_ON_LIST');
    expect(withoutGround).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(withGround.status, JSON.stringify(withGround.body)).toBe(201);
    expect(withGround.body).toMatchObject({
      disposition: 'statutory_no_penalty',
      statutoryGround: 'no_fault',
      legalBasis: expect.stringContaining('第三十三条'),
      status: 'awaiting_commitment',
      waivedFine: 0,
      waivedFineEstimated: true,
    });
  });

  it.each([
    ['lighter_penalty', 201],
    ['mitigated_penalty', 422],
    ['no_penalty', 422],
  ])("lets Jimsar's high-risk conduct be %s: %i", async (disposition, status) => {
    const agency = 'JIMSAR-T';
    if ((await call('GET', `/policies/${agency}`, admin)).status === 404) {
      await registerAgency(agency);
      const bars = ['mitigated_penalty', 'no_penalty'];
      await storePolicy(agency, {
        effectiveFrom: today,
        reason: '吉县政办〔2023〕6号 第5项',
        conductExclusions: {
          high_risk: bars,
          emergency_exploitation: bars,
          irreparable_harm: ['observation', 'no_penalty', 'lighter_penalty', 'mitigated_penalty', 'no_coercion'],
        },
      });
      await storeListEntry(agency, 'TR-004', {
        lists: ['lighter_penalty'],
        excluded: 'high_risk',
        effectiveFrom: today,
        reason: '从轻清单',
      });
    }
    const { enterpriseId, officer } = await rectificationParties(
      ctx,
      310 + ['lighter_penalty', 'mitigated_penalty', 'no_penalty'].indexOf(disposition),
      agency,
    );

    const res = await rectifications(ctx).order(officer, order(enterpriseId, 'TR-004', disposition));

    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (status === 422)
      expect(res.body.error).toMatchObject({ code: 'EXCLUDED_DOMAIN', details: [{ reason: 'high_risk' }] });
  });

  it("takes the agency's benchmark for an estimated waived fine, and the officer's figure when given", async () => {
    await registerAgency('FINE-T');
    await storeListEntry('FINE-T', 'MS-005', {
      lists: ['no_penalty'],
      benchmark: { minFine: 1_234, maxFine: 10_000 },
      effectiveFrom: today,
      reason: '本机关裁量基准',
    });
    const { enterpriseId, officer } = await rectificationParties(ctx, 320, 'FINE-T');

    const estimated = await rectifications(ctx).order(officer, order(enterpriseId, 'MS-005', 'no_penalty'));
    const given = await rectifications(ctx).order(
      officer,
      order(enterpriseId, 'MS-006', 'no_penalty', { waivedFine: 800 }),
    );

    expect(estimated.body).toMatchObject({ waivedFine: 1_234, waivedFineEstimated: true });
    expect(given.body).toMatchObject({ waivedFine: 800 });
    expect(given.body.waivedFineEstimated).toBeUndefined();
  });

  it("opens under the agency's policy of the day: its commitment window, recorded as its version", async () => {
    await registerAgency('WINDOW-T');
    await storePolicy('WINDOW-T', { effectiveFrom: today, reason: '承诺期限7个工作日', commitmentWorkingDays: 7 });
    const { enterpriseId, officer } = await rectificationParties(ctx, 330, 'WINDOW-T');

    const res = await rectifications(ctx).order(officer, order(enterpriseId, 'MS-001', 'no_penalty'));

    expect(res.body).toMatchObject({ policyVersion: 'default-2026.1+agency:WINDOW-T@1' });
    expect(res.body.openSteps).toEqual([
      expect.objectContaining({ step: 'commitment', dueOn: addWorkingDays(today, 7).date }),
    ]);
  });
});
