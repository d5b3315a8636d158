// Agencies, their policy versions and lists over real HTTP. The orders under them: agencyRules.test.ts.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { agencies, auditLog, policyVersions } from '../../db/schema';
import { addDays } from '../../domain';
import { agencyAdmin } from '../support/agencies';
import { useApi } from '../support/context';
import { serverToday } from '../support/rectifications';

const ctx = useApi();
let admin: string;
let today: string;

beforeAll(async () => {
  admin = await ctx.api.token({ sub: 'admin-1', role: 'admin' });
  today = await serverToday(ctx);
});

const { call, register: registerAgency, storePolicy, storeListEntry } = agencyAdmin(ctx, () => admin);

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

  it('refuses a version in the past with RETROACTIVE_POLICY, contradicting settings with INVALID_POLICY, and unknown ones with 400', async () => {
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
      status: 422,
      body: { error: { code: 'INVALID_POLICY', details: [{ field: 'observationDefaultMonths' }] } },
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
