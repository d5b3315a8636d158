// Every step of an objection sent five times at once (no Idempotency-Key) has one effect: one
// filing per entry while one is pending, one decision, and two different decisions at once never
// both take effect (test/support/concurrency.ts counts what the case recorded).
import { describe, expect, it } from 'vitest';
import { expectOneAccepted, expectRecordedOnce, sendAtOnce } from '../support/concurrency';
import { useApi } from '../support/context';
import { creditFileOf, objections, partiesWithAdverseEntry } from '../support/objections';

const ctx = useApi({ timeSkipping: 'own', worker: true });
const api = objections(ctx);

describe('objection steps at once', () => {
  it('files one objection for five identical filings, with its file once', async () => {
    const p = await partiesWithAdverseEntry(ctx, 1961);

    const answers = await sendAtOnce(5, () => api.file(p.business, p.enterpriseId, p.entry.key));

    const filed = expectOneAccepted(answers, 201, { status: 409, code: 'ALREADY_ACTIVE' });
    const recorded = await expectRecordedOnce(ctx, filed.body.id, 'objection.filed');
    expect(recorded.evidence).toBe(1);
    expect(recorded.openTasks).toEqual({ objection_decision: 1 });
  });

  it('decides once for five identical decisions', async () => {
    const p = await partiesWithAdverseEntry(ctx, 1962);
    const filed = await api.file(p.business, p.enterpriseId, p.entry.key);

    const answers = await sendAtOnce(5, () =>
      api.decide(p.creditStaff, filed.body.id, { decision: 'upheld', reasons: '经核实，记录属实' }),
    );

    expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, filed.body.id, 'objection.upheld');
    expect(recorded.openTasks).toEqual({});
    expect((await creditFileOf(ctx, p.business, p.enterpriseId))[0]).toMatchObject({ disputed: false });
  });

  it('lets one of a removal and a correction sent together take effect, never both', async () => {
    const p = await partiesWithAdverseEntry(ctx, 1963);
    const filed = await api.file(p.business, p.enterpriseId, p.entry.key);

    const answers = await sendAtOnce(2, (i) =>
      api.decide(
        p.creditStaff,
        filed.body.id,
        i === 0
          ? { decision: 'removed', reasons: '记录有误' }
          : { decision: 'corrected', reasons: '部分属实', correctedText: '更正后的记录' },
      ),
    );

    const winner = expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, filed.body.id, `objection.${winner.body.status}`);
    expect(Object.keys(recorded.history)).toEqual(['objection.filed', `objection.${winner.body.status}`]);
    expect((await api.get(p.business, filed.body.id)).body.status).toBe(winner.body.status);
  });
});
