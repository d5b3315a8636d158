// Every step of a rectification is atomic per case: five identical requests sent at once, without
// an Idempotency-Key, give one effect (one history entry, one audit entry, at most one credit-file
// entry, consistent tasks) and four 409 INVALID_STATE; two different steps sent at once never both
// take effect, and a final status is never overwritten.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { processes } from '../../db/schema';
import { useApi } from '../support/context';
import { expectOneAccepted, expectRecordedOnce, recordedFor, sendAtOnce } from '../support/concurrency';
import { pdf, rectificationParties, rectifications, serverToday } from '../support/rectifications';

// Its own time-skipping server: one case is taken past its deadline.
const ctx = useApi({ timeSkipping: 'own', worker: true });
const api = rectifications(ctx);
const N = 5;
let serial = 0;

/** A no-penalty order (so a commitment is awaited) for a fresh enterprise. */
async function ordered() {
  const parties = await rectificationParties(ctx, ++serial);
  const answer = await api.order(parties.officer, {
    enterpriseId: parties.enterpriseId,
    matterCode: 'MS-002',
    disposition: 'no_penalty',
    findings: '店招使用“全市最佳”字样',
    requiredActions: ['撤下含绝对化用语的广告'],
    deadline: { workingDays: 10 },
  });
  expect(answer.status).toBe(201);
  return { ...parties, id: answer.body.id as string };
}

async function committed() {
  const c = await ordered();
  expect((await api.step(c.business, c.id, 'commitment', { signatory: '张三', statement: '承诺整改' })).status).toBe(
    200,
  );
  return c;
}

async function underReview() {
  const c = await committed();
  const files = [{ name: 'photo.pdf', type: 'application/pdf', bytes: pdf(`case ${c.id}`) }];
  expect((await api.evidence(c.business, c.id, '已整改', files)).status).toBe(202);
  return c;
}

async function inFollowUp() {
  const c = await underReview();
  expect((await api.step(c.officer, c.id, 'review', { decision: 'accepted', reasons: '整改到位' })).status).toBe(200);
  return c;
}

describe('rectification steps sent five times at once', () => {
  it('commitment: one letter signed, one evidence task', async () => {
    const c = await ordered();

    const answers = await sendAtOnce(N, () =>
      api.step(c.business, c.id, 'commitment', { signatory: '张三', statement: '承诺整改' }),
    );

    expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, c.id, 'rectification.commitment_signed');
    expect(recorded.openTasks).toEqual({ evidence: 1 });
  });

  it('evidence: one round of submissions, its files recorded once, one review task', async () => {
    const c = await committed();
    const files = [
      { name: '整改报告.pdf', type: 'application/pdf', bytes: pdf('report') },
      { name: 'photo.pdf', type: 'application/pdf', bytes: pdf('photo') },
    ];

    const answers = await sendAtOnce(N, () => api.evidence(c.business, c.id, '已整改', files));

    expectOneAccepted(answers, 202);
    const recorded = await expectRecordedOnce(ctx, c.id, 'rectification.evidence_submitted');
    expect({ evidence: recorded.evidence, tasks: recorded.openTasks }).toEqual({ evidence: 2, tasks: { review: 1 } });
    expect((await api.get(c.officer, c.id)).body.submissions).toHaveLength(1);
  });

  it('review: one decision, one follow-up task', async () => {
    const c = await underReview();

    const answers = await sendAtOnce(N, () =>
      api.step(c.officer, c.id, 'review', { decision: 'accepted', reasons: '整改到位' }),
    );

    expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, c.id, 'rectification.evidence_accepted');
    expect(recorded.openTasks).toEqual({ follow_up: 1 });
    expect((await api.get(c.officer, c.id)).body.reviews).toHaveLength(1);
  });

  it('extension request and decision: one request, one decision, the deadline moved once', async () => {
    const c = await committed();
    const before = (await api.get(c.officer, c.id)).body.deadline.date;

    const requests = await sendAtOnce(N, () =>
      api.step(c.business, c.id, 'extension-request', { days: 5, reason: '设备到货延迟' }),
    );
    const decisions = await sendAtOnce(N, () =>
      api.step(c.officer, c.id, 'extension-decision', { approve: true, reason: '理由充分' }),
    );

    expectOneAccepted(requests);
    expectOneAccepted(decisions);
    await expectRecordedOnce(ctx, c.id, 'rectification.extension_requested');
    const recorded = await expectRecordedOnce(ctx, c.id, 'rectification.extension_granted');
    expect(recorded.openTasks).toEqual({ evidence: 1 });
    const view = (await api.get(c.officer, c.id)).body;
    expect(view.extensions).toHaveLength(1);
    expect(view.extensions[0].decision.deadline.date > before).toBe(true);
  });

  it('follow-up: one closure, one credit-file entry', async () => {
    const c = await inFollowUp();
    const visitedOn = await serverToday(ctx);

    const answers = await sendAtOnce(N, () =>
      api.step(c.officer, c.id, 'follow-up', { visitedOn, outcome: 'compliant', note: '未复发' }),
    );

    expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, c.id, 'rectification.closed');
    expect({ creditFile: recorded.creditFile, tasks: recorded.openTasks }).toEqual({
      creditFile: { rectification_closed: 1 },
      tasks: {},
    });
  });

  it('escalation: one escalation, one credit-file entry', async () => {
    const c = await committed();

    const answers = await sendAtOnce(N, () => api.step(c.officer, c.id, 'escalation', { reason: '拒不整改' }));

    expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, c.id, 'rectification.escalated');
    expect(recorded.creditFile).toEqual({ rectification_escalated: 1 });
  });

  it('an extension granted to an overdue case: one grant, the case back to awaiting evidence once', async () => {
    const c = await committed();
    await ctx.env.sleep('20 days');
    expect((await api.get(c.officer, c.id)).body.status).toBe('overdue');

    const answers = await sendAtOnce(N, () =>
      api.step(c.officer, c.id, 'extension-decision', { approve: true, reason: '给予宽限', days: 5 }),
    );

    expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, c.id, 'rectification.extension_granted');
    expect(recorded.openTasks).toEqual({ evidence: 1 });
  });
});

describe('different rectification steps sent at once', () => {
  it('a compliant and a recurred follow-up: one wins, and its final status stands', async () => {
    const c = await inFollowUp();
    const visitedOn = await serverToday(ctx);

    const [compliant, recurred] = await Promise.all([
      api.step(c.officer, c.id, 'follow-up', { visitedOn, outcome: 'compliant', note: '未复发' }),
      api.step(c.officer, c.id, 'follow-up', { visitedOn, outcome: 'recurred', note: '再次发现' }),
    ]);

    const winner = expectOneAccepted([compliant!, recurred!]);
    const recorded = await recordedFor(ctx, c.id);
    const final = winner === compliant ? 'closed' : 'escalated';
    const [row] = await ctx.database.db.select().from(processes).where(eq(processes.id, c.id));
    expect(row!.status).toBe(final);
    expect(recorded.creditFile).toEqual(
      final === 'closed' ? { rectification_closed: 1 } : { rectification_escalated: 1 },
    );
    expect((await api.get(c.officer, c.id)).body.followUps).toHaveLength(1);
  });

  it('a review and an escalation: one wins', async () => {
    const c = await underReview();

    const answers = await Promise.all([
      api.step(c.officer, c.id, 'review', { decision: 'accepted', reasons: '整改到位' }),
      api.step(c.officer, c.id, 'escalation', { reason: '转一般程序' }),
    ]);

    const winner = expectOneAccepted(answers);
    const recorded = await recordedFor(ctx, c.id);
    expect(winner.body.status).toBe(winner === answers[0] ? 'follow_up' : 'escalated');
    expect(recorded.history['rectification.evidence_accepted'] ?? 0).toBe(winner === answers[0] ? 1 : 0);
    expect(recorded.history['rectification.escalated'] ?? 0).toBe(winner === answers[1] ? 1 : 0);
  });
});
