// Documents through the API: a case's step issues its documents (numbered, rendered, stored), the
// case lists them, the PDF downloads with its case's scope and the hash it is listed with, anyone
// can verify a code without learning anything personal, and service is recorded once.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { chineseDate } from '../../domain';
import { expectOneAccepted, sendAtOnce } from '../support/concurrency';
import { useApi } from '../support/context';
import { offerBody } from '../support/offsets';
import { waitFor } from '../support/processes';
import { orderOnly, rectificationParties } from '../support/rectifications';

const ctx = useApi({ worker: true });
const run = promisify(execFile);
const scratch = await mkdtemp(path.join(tmpdir(), 'tempered-pdf-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function pdfText(bytes: Buffer): Promise<string> {
  const file = path.join(scratch, `${createHash('sha256').update(bytes).digest('hex')}.pdf`);
  await writeFile(file, bytes);
  return (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, '');
}

async function download(id: string, token: string) {
  const res = await fetch(`${ctx.api.url}/api/v1/documents/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The case's documents once `count` of them are issued (issuing runs just after the step is recorded). */
const documentsOf = (id: string, token: string, count: number) =>
  waitFor(`${count} documents of ${id}`, async () => {
    const res = await ctx.api.call('GET', `/api/v1/rectifications/${id}/documents`, { token });
    return res.status === 200 && res.body.documents.length >= count ? (res.body.documents as any[]) : undefined;
  });

describe('documents of a rectification', () => {
  it('issues the order as a numbered Chinese PDF, listed with the hash it is served with', async () => {
    // Given a registered enterprise and an officer of SAMR-HZ
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 1801);
    // When the officer orders a rectification
    const ordered = await ctx.api.call('POST', '/api/v1/rectifications', {
      token: officer,
      body: orderOnly(enterpriseId, '店招使用“最佳”等绝对化用语', 10),
    });
    expect(ordered.status).toBe(201);
    // Then the case lists one rectification order, numbered in the agency's pattern
    const [order] = await documentsOf(ordered.body.id, business, 1);
    expect(order).toMatchObject({ kind: 'rectification_order', title: '责令改正（整改）通知书' });
    expect(order.number).toMatch(/柔〔\d{4}〕0001号$/);
    expect(order.serviceDueOn).toBeDefined();
    // and the PDF the business downloads has that hash and says who, what number and by when, in Chinese
    const file = await download(order.id, business);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    expect(sha256).toBe(order.sha256);
    expect(file.headers.get('x-content-sha256')).toBe(sha256);
    const text = await pdfText(file.bytes);
    for (const expected of [
      '企业1801',
      enterpriseId,
      order.number,
      chineseDate(order.issuedOn),
      chineseDate(ordered.body.deadline.date),
      order.verificationCode,
    ])
      expect(text).toContain(expected);
  });

  it('numbers one agency’s orders consecutively', async () => {
    const { enterpriseId, officer } = await rectificationParties(ctx, 1802);
    const ids: string[] = [];
    for (const findings of ['一', '二', '三']) {
      const res = await ctx.api.call('POST', '/api/v1/rectifications', {
        token: officer,
        body: orderOnly(enterpriseId, `绝对化用语${findings}`, 10),
      });
      ids.push(res.body.id);
    }
    const numbers = [];
    for (const id of ids) numbers.push((await documentsOf(id, officer, 1))[0].number as string);
    // The first test's order took 0001.
    expect(numbers.map((n) => n.match(/(\d{4})号$/)![1])).toEqual(['0002', '0003', '0004']);
  });

  it('lets anyone verify a code: number, kind, agency, date and hash, nothing personal', async () => {
    const { enterpriseId, officer } = await rectificationParties(ctx, 1803);
    const res = await ctx.api.call('POST', '/api/v1/rectifications', {
      token: officer,
      body: orderOnly(enterpriseId, '虚假宣传', 10),
    });
    const [order] = await documentsOf(res.body.id, officer, 1);
    const verified = await ctx.api.call('GET', `/public/v1/documents/${order.verificationCode}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({
      number: order.number,
      kind: 'rectification_order',
      agency: 'SAMR-HZ',
      issuedOn: order.issuedOn,
      sha256: order.sha256,
    });
    expect(JSON.stringify(verified.body)).not.toContain(enterpriseId);
    expect((await ctx.api.call('GET', '/public/v1/documents/ABCDEFGHJKMNPQRS')).status).toBe(404);
    expect((await ctx.api.call('GET', '/public/v1/documents/not-a-code')).status).toBe(400);
  });

  it('keeps a document within its case’s scope: another business or agency gets a 404', async () => {
    const { enterpriseId, officer } = await rectificationParties(ctx, 1804);
    const stranger = await rectificationParties(ctx, 1805, 'SAMR-OTHER');
    const res = await ctx.api.call('POST', '/api/v1/rectifications', {
      token: officer,
      body: orderOnly(enterpriseId, '未亮照', 10),
    });
    const [order] = await documentsOf(res.body.id, officer, 1);
    expect((await download(order.id, stranger.business)).status).toBe(404);
    expect((await download(order.id, stranger.officer)).status).toBe(404);
    const listed = await ctx.api.call('GET', `/api/v1/rectifications/${res.body.id}/documents`, {
      token: stranger.business,
    });
    expect(listed.status).toBe(404);
  });

  it('lists an offset’s documents with the same scope as its case', async () => {
    // Given an offer of public-interest service (公益抵罚), which issues no document yet
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 1808);
    const stranger = await rectificationParties(ctx, 1809, 'SAMR-OTHER');
    const offered = await ctx.api.call('POST', '/api/v1/offsets', {
      token: officer,
      body: offerBody(enterpriseId, 200),
    });
    expect(offered.status).toBe(201);
    const list = (token: string) => ctx.api.call('GET', `/api/v1/offsets/${offered.body.id}/documents`, { token });
    // Then its business and its agency read an empty list, and another business or agency a 404
    for (const token of [business, officer])
      expect(await list(token)).toMatchObject({ status: 200, body: { documents: [] } });
    for (const token of [stranger.business, stranger.officer]) expect((await list(token)).status).toBe(404);
  });

  it('records service once: five acknowledgements at once give one, then another way is refused', async () => {
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 1806);
    const res = await ctx.api.call('POST', '/api/v1/rectifications', {
      token: officer,
      body: orderOnly(enterpriseId, '未亮照', 10),
    });
    const [order] = await documentsOf(res.body.id, business, 1);
    const answers = await sendAtOnce(5, () =>
      ctx.api.call('POST', `/api/v1/documents/${order.id}/acknowledgement`, { token: business, body: {} }),
    );
    const served = expectOneAccepted(answers);
    expect(served.body).toMatchObject({ servedBy: 'electronic', servedOn: order.issuedOn });
    const byOfficer = await ctx.api.call('POST', `/api/v1/documents/${order.id}/service`, {
      token: officer,
      body: { method: 'post', servedOn: order.issuedOn, note: '邮寄送达' },
    });
    expect(byOfficer.status).toBe(409);
    const audited = await ctx.database.db.select().from(auditLog).where(eq(auditLog.entityId, res.body.id));
    expect(audited.filter((a) => a.action === 'document.acknowledged')).toHaveLength(1);
    const [listed] = await documentsOf(res.body.id, business, 1);
    expect(listed).toMatchObject({ servedBy: 'electronic', servedOn: order.issuedOn });
  });

  it('records the officer’s service once: five records at once give one, audited once', async () => {
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 1810);
    const res = await ctx.api.call('POST', '/api/v1/rectifications', {
      token: officer,
      body: orderOnly(enterpriseId, '未亮照', 10),
    });
    const [order] = await documentsOf(res.body.id, officer, 1);
    const answers = await sendAtOnce(5, (i) =>
      ctx.api.call('POST', `/api/v1/documents/${order.id}/service`, {
        token: officer,
        body: { method: 'in_person', servedOn: order.issuedOn, note: `直接送达 ${i}` },
      }),
    );
    expectOneAccepted(answers);
    const audited = await ctx.database.db.select().from(auditLog).where(eq(auditLog.entityId, res.body.id));
    expect(audited.filter((a) => a.action === 'document.served')).toHaveLength(1);
    const [listed] = await documentsOf(res.body.id, business, 1);
    expect(listed).toMatchObject({ servedBy: 'in_person', servedOn: order.issuedOn });
  });

  it('lets the officer record another way of service, dated between issue and today', async () => {
    const { enterpriseId, officer } = await rectificationParties(ctx, 1807);
    const res = await ctx.api.call('POST', '/api/v1/rectifications', {
      token: officer,
      body: orderOnly(enterpriseId, '未亮照', 10),
    });
    const [order] = await documentsOf(res.body.id, officer, 1);
    const early = await ctx.api.call('POST', `/api/v1/documents/${order.id}/service`, {
      token: officer,
      body: { method: 'in_person', servedOn: '2020-01-01', note: '直接送达' },
    });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('INVALID_SERVICE_DATE');
    const served = await ctx.api.call('POST', `/api/v1/documents/${order.id}/service`, {
      token: officer,
      body: { method: 'in_person', servedOn: order.issuedOn, note: '直接送达' },
    });
    expect(served.status).toBe(200);
    expect(served.body).toMatchObject({ servedBy: 'in_person', servedOn: order.issuedOn });
  });
});
