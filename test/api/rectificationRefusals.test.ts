import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { todayInShanghai } from '../../domain';
import { useApi } from '../support/context';
import { pdf, rectificationParties, rectifications } from '../support/rectifications';

const ctx = useApi({ worker: true });
const api = rectifications(ctx);
const order = (enterpriseId: string, extra: Record<string, unknown> = {}) => ({
  enterpriseId,
  matterCode: 'MS-001',
  disposition: 'order_only',
  findings: '未亮照经营',
  requiredActions: ['将营业执照置于醒目位置'],
  deadline: { workingDays: 5 },
  ...extra,
});

/** The case as the workflow and the audit log see it, to prove a refusal changed neither. */
async function snapshot(token: string, id: string) {
  const { body } = await api.get(token, id);
  const audit = await ctx.database.db.select().from(auditLog).where(eq(auditLog.entityId, id));
  return {
    status: body.status,
    history: body.history.length,
    submissions: body.submissions.length,
    audit: audit.length,
  };
}

describe('rectification refusals', () => {
  it('refuses evidence after the case is closed with 409 INVALID_STATE, changing nothing', async () => {
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 40);
    const { body: created } = await api.order(officer, order(enterpriseId));
    await api.evidence(business, created.id, '已整改', [{ name: 'a.pdf', type: 'application/pdf', bytes: pdf('a') }]);
    await api.step(officer, created.id, 'review', { decision: 'accepted', reasons: '合格' });
    await api.step(officer, created.id, 'follow-up', {
      visitedOn: todayInShanghai(new Date()),
      outcome: 'compliant',
      note: '无复发',
    });
    const before = await snapshot(officer, created.id);

    const late = await api.evidence(business, created.id, '补交', [
      { name: 'b.pdf', type: 'application/pdf', bytes: pdf('b') },
    ]);

    expect(before.status).toBe('closed');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_STATE');
    expect(await snapshot(officer, created.id)).toEqual(before);
  });

  it('answers a review by a business token with 403, another enterprise with 404, another agency with 404', async () => {
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 41);
    const other = await rectificationParties(ctx, 42);
    const otherAgencyOfficer = await ctx.api.token({ sub: 'officer-x', role: 'officer', agency: 'OTHER-AGENCY' });
    const { body: created } = await api.order(officer, order(enterpriseId));
    await api.evidence(business, created.id, '已整改', [{ name: 'a.pdf', type: 'application/pdf', bytes: pdf('a') }]);
    const before = await snapshot(officer, created.id);

    const byBusiness = await api.step(business, created.id, 'review', { decision: 'accepted', reasons: '自评合格' });
    const seenByOther = await api.get(other.business, created.id);
    const actedByOther = await api.step(other.business, created.id, 'commitment', {
      signatory: '李四',
      statement: '承诺',
    });
    const seenByOtherAgency = await api.get(otherAgencyOfficer, created.id);

    expect([byBusiness.status, byBusiness.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect([seenByOther.status, actedByOther.status, seenByOtherAgency.status]).toEqual([404, 404, 404]);
    expect(await snapshot(officer, created.id)).toEqual(before);
  });

  it.each([
    [
      'NOT_FIRST_VIOLATION',
      'a first-violation disposition after an earlier violation of the same matter',
      51,
      { disposition: 'first_violation_no_penalty' },
      true,
    ],
    [
      'NOT_ON_LIST',
      'a no-penalty disposition for a matter not on the no-penalty list',
      52,
      { matterCode: 'CM-002', disposition: 'no_penalty' },
      false,
    ],
    [
      'EXCLUDED_DOMAIN',
      'leniency for a food-safety matter',
      53,
      { matterCode: 'FD-001', disposition: 'lighter_penalty' },
      false,
    ],
    [
      'INVALID_DEADLINE',
      'a deadline on the day of the order',
      54,
      { deadline: { date: todayInShanghai(new Date()) } },
      false,
    ],
  ])('refuses an order with 422 %s: %s', async (code, _what, serial, extra, priorViolation) => {
    const { enterpriseId, officer } = await rectificationParties(ctx, serial);
    if (priorViolation) expect((await api.order(officer, order(enterpriseId))).status).toBe(201);

    const refused = await api.order(officer, order(enterpriseId, extra));

    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe(code);
  });

  it('refuses a 20 MB file over the 10 MB limit with 413 and records no submission', async () => {
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 60);
    const { body: created } = await api.order(officer, order(enterpriseId));
    const big = Buffer.concat([pdf('big'), Buffer.alloc(20 * 1024 * 1024)]);

    const res = await api.evidence(business, created.id, '大文件', [
      { name: 'big.pdf', type: 'application/pdf', bytes: big },
    ]);

    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await api.get(officer, created.id)).body.submissions).toEqual([]);
  });

  it('refuses a type it does not take with 400 DISALLOWED_FILE_TYPE, content unlike its type with 422 FILE_CONTENT_MISMATCH', async () => {
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 61);
    const { body: created } = await api.order(officer, order(enterpriseId));

    const renamed = await api.evidence(business, created.id, '伪装文件', [
      { name: 'x.pdf', type: 'application/pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf') },
    ]);
    const executable = await api.evidence(business, created.id, '可执行文件', [
      { name: 'x.exe', type: 'application/x-msdownload', bytes: Buffer.from('MZ') },
    ]);

    expect([renamed.status, renamed.body.error.code]).toEqual([422, 'FILE_CONTENT_MISMATCH']);
    expect([executable.status, executable.body.error.code]).toEqual([400, 'DISALLOWED_FILE_TYPE']);
    expect((await api.get(officer, created.id)).body.status).toBe('awaiting_evidence');
  });

  it('applies a retried step once: the same Idempotency-Key returns the first answer', async () => {
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 62);
    const { body: created } = await api.order(officer, order(enterpriseId));
    const headers = { 'Idempotency-Key': 'evidence-round-1' };
    const files = [{ name: 'a.pdf', type: 'application/pdf', bytes: pdf('once') }];

    const first = await api.evidence(business, created.id, '已整改', files, headers);
    const retry = await api.evidence(business, created.id, '已整改', files, headers);

    expect(first.status).toBe(202);
    expect(retry.body).toEqual(first.body);
    expect((await api.get(officer, created.id)).body.submissions).toHaveLength(1);
  });

  it('rejects a malformed case id with 400 and an unknown one with 404', async () => {
    const { officer } = await rectificationParties(ctx, 63);

    const malformed = await api.get(officer, 'not-a-uuid');
    const unknown = await api.get(officer, '00000000-0000-4000-8000-000000000000');

    expect(malformed.status).toBe(400);
    expect(unknown.status).toBe(404);
  });
});
