// A step whose change cannot be recorded for good (the recording fails with a non-retryable error,
// as for data Postgres refuses) is refused and leaves the case exactly as it was: no half-applied
// state in the workflow, nothing in the read model, and the next step records as if it never was.
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { useApi } from '../support/context';
import { recordedFor } from '../support/concurrency';
import { rectificationParties, rectifications } from '../support/rectifications';

const REFUSED = '无法保存的内容';

const ctx = useApi({
  worker: true,
  activities: (real) => ({
    ...real,
    async recordTransition(record) {
      if (record.audit.some((a) => a.reason?.includes(REFUSED)))
        throw ApplicationFailure.create({
          type: 'UNSTORABLE_DATA',
          message: 'The database refused the data.',
          nonRetryable: true,
        });
      return real.recordTransition(record);
    },
  }),
});
const api = rectifications(ctx);

describe('a step whose recording fails for good', () => {
  it('is refused with the failure’s code and leaves the case as it was; the next step records normally', async () => {
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 1);
    const ordered = await api.order(officer, {
      enterpriseId,
      matterCode: 'MS-002',
      disposition: 'order_only',
      findings: '店招使用绝对化用语',
      requiredActions: ['撤下广告'],
      deadline: { workingDays: 10 },
    });
    const id: string = ordered.body.id;
    const before = (await api.get(officer, id)).body;

    const refused = await api.step(officer, id, 'escalation', { reason: `${REFUSED}：转一般程序` });
    const after = (await api.get(officer, id)).body;
    const requested = await api.step(business, id, 'extension-request', { days: 3, reason: '设备延迟' });

    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(refused.body.error.code).toBe('UNSTORABLE_DATA');
    expect(after).toEqual(before);
    expect(requested.status).toBe(200);
    expect(requested.body.history.map((h: { action: string }) => h.action)).toEqual([
      'rectification.ordered',
      'rectification.extension_requested',
    ]);
    const recorded = await recordedFor(ctx, id);
    expect(recorded.audit).toEqual({ 'rectification.ordered': 1, 'rectification.extension_requested': 1 });
    expect(recorded.creditFile).toEqual({});
  });
});
