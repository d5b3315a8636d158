import { describe, expect, it, vi } from 'vitest';
import { endOfDayInShanghai } from '../../domain';
import { useApi } from '../support/context';
import { pdf, rectificationParties, rectifications } from '../support/rectifications';

// The dev server: the time-skipping server keeps no visibility to list workflows from.
const ctx = useApi({ worker: true });
const api = rectifications(ctx);

async function listed(query: string) {
  const found = [];
  for await (const execution of ctx.env.client.workflow.list({ query })) found.push(execution);
  return found;
}

describe('Temporal visibility', () => {
  it('keeps a case findable by enterprise, type, status, agency and next due date as it moves', async () => {
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 80, 'SAMR-VIS');
    const { body: created } = await api.order(officer, {
      enterpriseId,
      matterCode: 'MS-001',
      disposition: 'order_only',
      findings: '未亮照',
      requiredActions: ['亮照经营'],
    });
    const workflowId = `rectification:${created.id}`;

    await vi.waitFor(async () => {
      const [found] = await listed(
        `EnterpriseId = '${enterpriseId}' AND ProcessType = 'rectification' AND Agency = 'SAMR-VIS'`,
      );
      expect(found?.workflowId).toBe(workflowId);
      expect(found?.searchAttributes.ProcessStatus).toEqual(['awaiting_evidence']);
      expect(found?.searchAttributes.NextDueAt).toEqual([endOfDayInShanghai(created.deadline.date)]);
    });
    await api.evidence(business, created.id, '已整改', [{ name: 'a.pdf', type: 'application/pdf', bytes: pdf('a') }]);

    await vi.waitFor(async () => {
      const underReview = await listed(`EnterpriseId = '${enterpriseId}' AND ProcessStatus = 'under_review'`);
      expect(underReview.map((w) => w.workflowId)).toEqual([workflowId]);
    });
  });
});
