// The acceptance cases of issue #16 through real orders and workflows: the banana case under a
// Tongliao-like and a Panjin-like agency, Changning's off-list statutory no-penalty, Jimsar's
// high-risk conduct; and the agency's benchmark and policy of the day in what an order records.
import { beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../domain';
import { agencyAdmin } from '../support/agencies';
import { useApi } from '../support/context';
import { orderBody, rectificationParties, rectifications, serverToday } from '../support/rectifications';

const ctx = useApi({ worker: true });
let admin: string;
let today: string;

beforeAll(async () => {
  admin = await ctx.api.token({ sub: 'admin-1', role: 'admin' });
  today = await serverToday(ctx);
});

const { call, register: registerAgency, storePolicy, storeListEntry } = agencyAdmin(ctx, () => admin);
const order = (enterpriseId: string, matterCode: string, disposition: string, extra: Record<string, unknown> = {}) =>
  orderBody(enterpriseId, { matterCode, disposition, deadline: { workingDays: 5 }, ...extra });

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
