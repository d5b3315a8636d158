// Agency policies over simulated weeks: a version stored with a future effectiveFrom leaves the
// cases already open on their dates and applies to cases opened from that day; and orders of the
// new dispositions run to their end, so that their histories join the replay gate.
import { describe, expect, it } from 'vitest';
import { addDays, addWorkingDays } from '../../domain';
import { useApi } from '../support/context';
import { observationParties, observationPeriods, periodBody as period, sleepUntil } from '../support/observation';
import { orderBody as order, pdf, rectifications, serverToday } from '../support/rectifications';

// Its own time-skipping server: this file moves the clock weeks ahead.
const ctx = useApi({ timeSkipping: 'own', worker: true });
const periods = observationPeriods(ctx);
const orders = rectifications(ctx);
const AGENCY = 'TS-AGENCY';

describe('a policy version with a future effectiveFrom', () => {
  it("leaves open cases' dates untouched and applies to cases opened on or after its day", async () => {
    const admin = await ctx.api.token({ sub: 'admin-ts', role: 'admin' });
    const early = await observationParties(ctx, 701, { agency: AGENCY });
    const today = await serverToday(ctx);
    const effectiveFrom = addDays(today, 10);
    const stored = await ctx.api.call('PUT', `/api/v1/policies/${AGENCY}`, {
      token: admin,
      body: {
        effectiveFrom,
        reason: '同意期限延长至20个工作日',
        consentWindowWorkingDays: 20,
        commitmentWorkingDays: 8,
      },
    });
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);

    // Given cases opened today, under the version in force today (the default)
    const periodA = await periods.open(early.officer, period(early.enterpriseId));
    const orderA = await orders.order(early.officer, order(early.enterpriseId));
    expect(periodA.body).toMatchObject({ policyVersion: 'default-2026.1', consentDue: addWorkingDays(today, 10) });
    expect(orderA.body).toMatchObject({ policyVersion: 'default-2026.1' });
    expect(orderA.body.openSteps).toMatchObject([{ step: 'commitment', dueOn: addWorkingDays(today, 5).date }]);

    // When the new version's day comes, and cases are opened on it
    await sleepUntil(ctx, effectiveFrom);
    const late = await observationParties(ctx, 702, { agency: AGENCY });
    const periodB = await periods.open(late.officer, period(late.enterpriseId));
    const orderB = await orders.order(late.officer, order(late.enterpriseId));

    // Then the new cases take the new version, and the old ones keep their dates
    const version = `default-2026.1+agency:${AGENCY}@1`;
    expect(periodB.body).toMatchObject({ policyVersion: version, consentDue: addWorkingDays(effectiveFrom, 20) });
    expect(orderB.body).toMatchObject({ policyVersion: version });
    expect(orderB.body.openSteps).toMatchObject([{ step: 'commitment', dueOn: addWorkingDays(effectiveFrom, 8).date }]);
    const periodANow = await periods.get(early.officer, periodA.body.id);
    expect(periodANow.body).toMatchObject({ policyVersion: 'default-2026.1', consentDue: periodA.body.consentDue });

    // And the old period ends by its own consent date, while the new one still waits
    await sleepUntil(ctx, addDays(periodA.body.consentDue.date, 1));
    const [endedA, waitingB] = await Promise.all([
      periods.get(early.officer, periodA.body.id),
      periods.get(late.officer, periodB.body.id),
    ]);
    expect(endedA.body.status).toBe('declined');
    expect(waitingB.body).toMatchObject({ status: 'pending_consent', consentDue: periodB.body.consentDue });
  });
});

describe('orders of the new dispositions', () => {
  it('runs an off-list statutory no-penalty and a mitigated order to their end', async () => {
    const { enterpriseId, officer, business } = await observationParties(ctx, 703, { agency: AGENCY });
    const statutory = await orders.order(
      officer,
      order(enterpriseId, {
        matterCode: 'MS-010',
        disposition: 'statutory_no_penalty',
        statutoryGround: 'minor_and_corrected',
        legalBasis: '《中华人民共和国行政处罚法》第三十三条第一款',
        noCoercion: false,
      }),
    );
    const mitigated = await orders.order(
      officer,
      order(enterpriseId, { matterCode: 'MS-002', disposition: 'mitigated_penalty' }),
    );
    expect([statutory.status, mitigated.status]).toEqual([201, 201]);
    expect(statutory.body.status).toBe('awaiting_commitment');
    expect(mitigated.body.status).toBe('awaiting_evidence');

    const committed = await orders.step(business, statutory.body.id, 'commitment', {
      signatory: '李四',
      statement: '承诺改正',
    });
    expect(committed.body.status).toBe('awaiting_evidence');
    for (const id of [statutory.body.id, mitigated.body.id]) {
      const submitted = await orders.evidence(business, id, '已整改', [
        { name: 'report.pdf', type: 'application/pdf', bytes: pdf(id) },
      ]);
      expect(submitted.status).toBe(202);
      const accepted = await orders.step(officer, id, 'review', { decision: 'accepted', reasons: '整改到位' });
      expect(accepted.body.status).toBe('follow_up');
    }
    await ctx.env.sleep('30 days');
    const visitedOn = await serverToday(ctx);
    for (const id of [statutory.body.id, mitigated.body.id]) {
      const closed = await orders.step(officer, id, 'follow-up', {
        visitedOn,
        outcome: 'compliant',
        note: '回访未复发',
      });
      expect(closed.body.status).toBe('closed');
    }
    const done = await orders.get(officer, statutory.body.id);
    expect(done.body).toMatchObject({
      disposition: 'statutory_no_penalty',
      statutoryGround: 'minor_and_corrected',
      status: 'closed',
    });
  });
});
