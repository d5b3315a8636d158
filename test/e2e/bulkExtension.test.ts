// Journey: an officer previews a bulk deadline extension: the dry run lists the steps that would
// move, with their new dates, and nothing changes until confirmed.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain';
import { makeUscc } from '../support/fixtures';
import { serverToday } from '../support/rectifications';
import { signIn, useConsole } from './support/console';

const ctx = useConsole();
const agency = 'SAMR-FLOOD';

describe('a bulk deadline extension in the console', () => {
  it('previews the steps that would move and changes nothing', async () => {
    // given two open rectifications of the agency
    const officerToken = await ctx.api.token({ sub: 'officer-liu', role: 'officer', agency });
    const ids: string[] = [];
    for (const serial of [17_301, 17_302]) {
      const enterpriseId = makeUscc(serial);
      await ctx.api.call('POST', '/api/v1/enterprises', {
        token: officerToken,
        body: { id: enterpriseId, name: `受灾企业${serial}`, kind: 'legal_person' },
      });
      const order = await ctx.api.call('POST', '/api/v1/rectifications', {
        token: officerToken,
        body: {
          enterpriseId,
          matterCode: 'MS-001',
          disposition: 'order_only',
          findings: '未公示营业执照',
          requiredActions: ['公示'],
        },
      });
      ids.push(order.body.id);
    }
    const before = await ctx.api.call('GET', `/api/v1/rectifications/${ids[0]}`, { token: officerToken });

    // when the officer previews putting off everything due in the next two months by a week
    const officer = await signIn(ctx, { role: 'officer', sub: 'officer-liu', agency });
    await officer.getByRole('link', { name: '批量延期' }).click();
    await officer.getByLabel('顺延此日期之前到期的事项').fill(addDays(await serverToday(ctx), 60));
    await officer.getByLabel('顺延天数（自然日）').fill('7');
    await officer.getByLabel('理由').fill('台风影响，辖区停工一周。');
    await officer.getByRole('button', { name: '预览' }).click();

    // then the table lists both cases' steps as "would move", and no deadline changed
    await officer.getByText(/共 2 个事项将被顺延/).waitFor();
    expect(await officer.getByRole('cell', { name: '将顺延' }).count()).toBe(2);
    const after = await ctx.api.call('GET', `/api/v1/rectifications/${ids[0]}`, { token: officerToken });
    expect(after.body.deadline).toEqual(before.body.deadline);
    expect(await officer.getByRole('button', { name: '确认延期' }).isEnabled()).toBe(true);
  }, 180_000);
});
