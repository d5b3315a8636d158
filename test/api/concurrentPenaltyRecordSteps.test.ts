// Every step of a penalty record is atomic per case: five identical requests at once, without an
// Idempotency-Key, give one effect (one history entry, one audit entry, one credit-file entry, sync
// ledger rows once) and four refusals; entering one decision five times opens one record.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { repairSyncLedger } from '../../db/schema';
import { addMonths } from '../../domain';
import { useApi } from '../support/context';
import { expectOneAccepted, expectRecordedOnce, sendAtOnce } from '../support/concurrency';
import { creditRepairParties, penaltyDecision, penaltyRecords } from '../support/penaltyRecords';
import { serverToday } from '../support/rectifications';

const ctx = useApi({ worker: true });
const api = penaltyRecords(ctx);
const N = 5;
let serial = 200;

/** A general record decided four months ago: repairable at once. */
async function eligible() {
  const parties = await creditRepairParties(ctx, ++serial);
  const decidedOn = addMonths(await serverToday(ctx), -4);
  const entered = await api.enter(parties.creditStaff, penaltyDecision(parties.enterpriseId, decidedOn));
  expect(entered.body.status).toBe('repair_eligible');
  return { ...parties, id: entered.body.id as string };
}

async function applied() {
  const r = await eligible();
  const application = await api.apply(r.business, r.id);
  expect(application.status).toBe(201);
  return { ...r, appId: application.body.id as string };
}

async function accepted() {
  const r = await applied();
  expect((await api.decide(r.creditStaff, r.id, r.appId, 'accepted')).status).toBe(200);
  return r;
}

describe('penalty record steps sent five times at once', () => {
  it('entering one decision: one record, the others 409 DUPLICATE_DECISION', async () => {
    const parties = await creditRepairParties(ctx, ++serial);
    const decision = penaltyDecision(parties.enterpriseId, addMonths(await serverToday(ctx), -1));

    const answers = await sendAtOnce(N, () => api.enter(parties.creditStaff, decision));

    const opened = expectOneAccepted(answers, 201, { status: 409, code: 'DUPLICATE_DECISION' });
    const recorded = await expectRecordedOnce(ctx, opened.body.id, 'penalty_record.entered');
    expect(recorded.creditFile).toEqual({ penalty_record: 1 });
  });

  it('a repair application: one application, one acceptance task', async () => {
    const r = await eligible();

    const answers = await sendAtOnce(N, () => api.apply(r.business, r.id));

    expectOneAccepted(answers, 201);
    const recorded = await expectRecordedOnce(ctx, r.id, 'penalty_record.repair_applied');
    expect(recorded.openTasks).toEqual({ repair_acceptance: 1, repair_decision: 1 });
    expect((await api.get(r.creditStaff, r.id)).body.applications).toHaveLength(1);
  });

  it('acceptance: accepted once', async () => {
    const r = await applied();

    const answers = await sendAtOnce(N, () => api.decide(r.creditStaff, r.id, r.appId, 'accepted'));

    expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, r.id, 'penalty_record.repair_accepted');
    expect(recorded.openTasks).toEqual({ repair_decision: 1 });
  });

  it('asking for more, then the supplement: once each', async () => {
    const r = await applied();

    const asked = await sendAtOnce(N, () => api.decide(r.creditStaff, r.id, r.appId, 'needs_more', '请补充缴款凭证'));
    const supplied = await sendAtOnce(N, () =>
      api.supplement(r.business, r.id, r.appId, { fulfilmentProof: '补充缴款凭证', note: '已补充' }),
    );

    expectOneAccepted(asked);
    expectOneAccepted(supplied);
    await expectRecordedOnce(ctx, r.id, 'penalty_record.repair_needs_more');
    await expectRecordedOnce(ctx, r.id, 'penalty_record.repair_supplemented');
    const [application] = (await api.get(r.creditStaff, r.id)).body.applications;
    expect({ pauses: application.pauses.length, supplements: application.supplements.length }).toEqual({
      pauses: 1,
      supplements: 1,
    });
  });

  it('approval: repaired once, one credit-file entry, each platform told once', async () => {
    const r = await accepted();

    const answers = await sendAtOnce(N, () => api.decide(r.creditStaff, r.id, r.appId, 'approved'));

    expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, r.id, 'penalty_record.repaired');
    expect(recorded.creditFile).toMatchObject({ penalty_record_repaired: 1 });
    const ledger = await ctx.database.db
      .select()
      .from(repairSyncLedger)
      .where(eq(repairSyncLedger.penaltyRecordId, r.id));
    expect(new Set(ledger.map((l) => l.platform)).size).toBe(ledger.length);
  });

  it('rejection: rejected once', async () => {
    const r = await accepted();

    const answers = await sendAtOnce(N, () => api.decide(r.creditStaff, r.id, r.appId, 'rejected', '材料不实'));

    expectOneAccepted(answers);
    await expectRecordedOnce(ctx, r.id, 'penalty_record.repair_rejected');
  });

  it('revocation: revoked once, one credit-file entry', async () => {
    const r = await accepted();
    expect((await api.decide(r.creditStaff, r.id, r.appId, 'approved')).status).toBe(200);

    const answers = await sendAtOnce(N, () => api.revoke(r.creditStaff, r.id, '提供虚假材料'));

    expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, r.id, 'penalty_record.repair_revoked');
    expect(recorded.creditFile).toMatchObject({ penalty_record_repair_revoked: 1 });
  });
});
