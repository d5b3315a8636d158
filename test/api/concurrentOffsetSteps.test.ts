// Every step of a public-interest service case is atomic per case: five identical answers, or
// confirmations, sent at once give one effect and four 409 INVALID_STATE; sessions are additive
// records, one per request; an acceptance racing a decline, or two confirmations that each would
// complete the service, never both take effect.
import { describe, expect, it } from 'vitest';
import { useApi } from '../support/context';
import { expectOneAccepted, expectRecordedOnce, recordedFor, sendAtOnce } from '../support/concurrency';
import { offerBody, offsets, sessionOn } from '../support/offsets';
import { rectificationParties, serverToday } from '../support/rectifications';

const ctx = useApi({ timeSkipping: 'own', worker: true });
const api = offsets(ctx);
const N = 5;
let serial = 0;

async function offered(fine = 200) {
  const parties = await rectificationParties(ctx, ++serial);
  const answer = await api.offer(parties.officer, offerBody(parties.enterpriseId, fine));
  expect(answer.status).toBe(201);
  return { ...parties, id: answer.body.id as string };
}

async function inService(fine = 200) {
  const c = await offered(fine);
  expect((await api.step(c.business, c.id, 'acceptance', { accept: true })).status).toBe(200);
  return c;
}

describe('public-interest service steps sent five times at once', () => {
  it('acceptance: one answer, one service task', async () => {
    const c = await offered();

    const answers = await sendAtOnce(N, () => api.step(c.business, c.id, 'acceptance', { accept: true }));

    expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, c.id, 'offset.accepted');
    expect(recorded.openTasks).toEqual({ service: 1 });
  });

  it('an acceptance and a decline at once: one wins, and a declined case stays declined', async () => {
    const c = await offered();

    const answers = await sendAtOnce(2, (i) => api.step(c.business, c.id, 'acceptance', { accept: i === 0 }));

    expectOneAccepted(answers);
    const recorded = await recordedFor(ctx, c.id);
    expect((recorded.history['offset.accepted'] ?? 0) + (recorded.history['offset.declined'] ?? 0)).toBe(1);
    expect(Object.values(recorded.creditFile).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
  });

  it('sessions: additive, one each, each with its own confirmation task', async () => {
    const c = await inService();
    const today = await serverToday(ctx);

    const answers = await sendAtOnce(N, () => api.step(c.business, c.id, 'sessions', sessionOn(today, 0.5)));

    expect(answers.map((a) => a.status)).toEqual(Array(N).fill(200));
    const recorded = await recordedFor(ctx, c.id);
    expect(recorded.history['offset.session_logged']).toBe(N);
    expect(recorded.audit['offset.session_logged']).toBe(N);
    expect(recorded.openTasks).toEqual({ service: 1, session_confirmation: N });
    const view = (await api.get(c.officer, c.id)).body;
    expect(new Set(view.sessions.map((s: { id: string }) => s.id)).size).toBe(N);
  });

  it('confirmation: one decision per session, its hours counted once', async () => {
    const c = await inService();
    const logged = await api.step(c.business, c.id, 'sessions', sessionOn(await serverToday(ctx), 1));
    const sid = logged.body.sessions[0].id;

    const answers = await sendAtOnce(N, () => api.confirm(c.officer, c.id, sid));

    expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, c.id, 'offset.session_confirmed');
    expect(recorded.openTasks).toEqual({ service: 1 });
    expect((await api.get(c.officer, c.id)).body.hoursConfirmed).toBe(1);
  });

  it('two confirmations that each complete the service: one completion, one credit-file entry', async () => {
    const c = await inService(200); // 4 hours
    const today = await serverToday(ctx);
    await api.confirm(
      c.officer,
      c.id,
      (await api.step(c.business, c.id, 'sessions', sessionOn(today, 3))).body.sessions[0].id,
    );
    const pending: string[] = [];
    for (let i = 0; i < 2; i++)
      pending.push((await api.step(c.business, c.id, 'sessions', sessionOn(today, 1))).body.sessions.at(-1).id);

    const answers = await sendAtOnce(2, (i) => api.confirm(c.officer, c.id, pending[i]!));

    expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, c.id, 'offset.completed');
    expect(recorded.creditFile).toEqual({ offset_completed: 1 });
    expect((await api.get(c.officer, c.id)).body).toMatchObject({
      status: 'completed',
      hoursConfirmed: 4,
      outcome: { offset: 200, remainingFine: 0 },
    });
  });
});
