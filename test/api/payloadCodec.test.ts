import { randomUUID } from 'node:crypto';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { defaultPayloadConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import proto, { type temporal } from '@temporalio/proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENCRYPTED_ENCODING, KEY_ID_METADATA } from '../../config/payloadCodec';
import { TEST_UI_ORIGIN } from '../support/api';
import { useApi } from '../support/context';
import { testDataConverter, testPayloadCodec } from '../support/payloadCodec';
import { pdf, rectificationParties, rectifications } from '../support/rectifications';
import { reviewEvidence } from '../../workflows/messages';

const ctx = useApi({ worker: true });
const api = rectifications(ctx);
const { History } = proto.temporal.api.history.v1;
type History = temporal.api.history.v1.IHistory;
type JsonPayload = { metadata: Record<string, string>; data: string };

const b64 = (text: string) => Buffer.from(text).toString('base64');

/**
 * Every way `bytes` can appear inside a longer base64 text: one form per alignment, without the
 * characters it shares with its neighbours.
 */
function base64Forms(bytes: Buffer): string[] {
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    return encoded.slice(offset === 0 ? 0 : 4, -4);
  });
}

/** The payloads of the case's start event, as the Web UI sends them to a codec endpoint. */
function startPayloads(history: History): JsonPayload[] {
  const payloads = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
  return payloads.map((p) => ({
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
    data: Buffer.from(p.data ?? []).toString('base64'),
  }));
}

describe('encrypted Temporal payloads', () => {
  const marker = `MARKER-${randomUUID()}`;
  let caseId: string;
  let history: History;
  let admin: string;

  beforeAll(async () => {
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 801);
    const ordered = await api.order(officer, {
      enterpriseId,
      matterCode: 'MS-002',
      disposition: 'order_only',
      findings: `店招使用绝对化用语 ${marker}`,
      requiredActions: [`撤下广告 ${marker}`],
      deadline: { workingDays: 10 },
    });
    if (ordered.status !== 201) throw new Error(JSON.stringify(ordered.body));
    caseId = ordered.body.id;
    const submitted = await api.evidence(business, caseId, `已更换店招 ${marker}`, [
      { name: 'photo.pdf', type: 'application/pdf', bytes: pdf('evidence') },
    ]);
    const reviewed = await api.step(officer, caseId, 'review', {
      decision: 'rejected',
      reasons: `照片不清晰 ${marker}`,
    });
    if (submitted.status !== 202 || reviewed.status !== 200) throw new Error(JSON.stringify(reviewed.body));
    history = await ctx.env.client.workflow.getHandle(`rectification:${caseId}`).fetchHistory();
    admin = await ctx.api.token({ sub: 'admin-1', role: 'admin' });
  });

  it("keeps findings, evidence descriptions and review reasons out of the case's Temporal history", async () => {
    const officer = await ctx.api.token({ sub: 'officer-801', role: 'officer', agency: 'SAMR-HZ' });

    const view = await api.get(officer, caseId);
    const binary = Buffer.from(History.encode(history).finish());
    const json = historyToJSON(history);

    expect(view.body.findings).toContain(marker);
    expect(view.body.requiredActions[0]).toContain(marker);
    expect(view.body.submissions[0].description).toContain(marker);
    expect(view.body.reviews[0].reasons).toContain(marker);
    expect(history.events!.length).toBeGreaterThan(5);
    expect(json).toContain(b64(ENCRYPTED_ENCODING));
    expect(binary.includes(Buffer.from(marker))).toBe(false);
    expect(json).not.toContain(marker);
    for (const form of base64Forms(Buffer.from(marker))) {
      expect(binary.includes(Buffer.from(form))).toBe(false);
      expect(json).not.toContain(form);
    }
  });

  it('encrypts the message of a refusal too, while the caller still reads it', async () => {
    const arrived: Payload[] = [];
    const recording: PayloadCodec = {
      encode: (payloads) => testPayloadCodec.encode(payloads),
      decode: (payloads) => {
        arrived.push(...payloads);
        return testPayloadCodec.decode(payloads);
      },
    };
    const client = new Client({
      connection: ctx.env.connection,
      dataConverter: { ...testDataConverter, payloadCodecs: [recording] },
    });

    // The evidence was rejected, so there is nothing to review: the workflow refuses.
    const refused = await client.workflow
      .getHandle(`rectification:${caseId}`)
      .executeUpdate(reviewEvidence, {
        args: [{ decision: 'accepted', reasons: marker, actor: { sub: 'officer-801', role: 'officer' } }],
      })
      .catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    const { message } = (refused as WorkflowUpdateFailedError).cause!;
    const encrypted = arrived.filter((p) => Buffer.from(p.metadata?.encoding ?? []).toString() === ENCRYPTED_ENCODING);
    const decrypted = (await testPayloadCodec.decode(encrypted)).map((p) => defaultPayloadConverter.fromPayload(p));
    expect(message).not.toBe('Encoded failure');
    expect(decrypted).toContainEqual(expect.objectContaining({ message }));
  });

  describe('the codec endpoint for the Web UI', () => {
    it('decodes a payload from the history for an admin, who then reads the marker', async () => {
      const payloads = startPayloads(history);

      const res = await ctx.api.call('POST', '/codec/decode', {
        token: admin,
        body: { payloads },
        headers: { 'x-namespace': 'default', origin: TEST_UI_ORIGIN },
      });

      expect(Buffer.from(payloads[0]!.metadata.encoding!, 'base64').toString()).toBe(ENCRYPTED_ENCODING);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(TEST_UI_ORIGIN);
      expect(Buffer.from(res.body.payloads[0].metadata.encoding, 'base64').toString()).toBe('json/plain');
      expect(Buffer.from(res.body.payloads[0].data, 'base64').toString()).toContain(marker);
    });

    it('serves auditors, and the namespace-prefixed path of the CLI', async () => {
      const auditor = await ctx.api.token({ sub: 'auditor-1', role: 'auditor' });

      const res = await ctx.api.call('POST', '/codec/default/decode', {
        token: auditor,
        body: { payloads: startPayloads(history) },
      });

      expect(res.status).toBe(200);
      expect(Buffer.from(res.body.payloads[0].data, 'base64').toString()).toContain(marker);
    });

    it('encodes with the current key what it then decodes', async () => {
      const plain = { metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify({ note: marker })) };

      const encoded = await ctx.api.call('POST', '/codec/encode', { token: admin, body: { payloads: [plain] } });
      const decoded = await ctx.api.call('POST', '/codec/decode', { token: admin, body: encoded.body });

      expect(Buffer.from(encoded.body.payloads[0].metadata[KEY_ID_METADATA], 'base64').toString()).toBe('test-only-1');
      expect(Buffer.from(encoded.body.payloads[0].data, 'base64').toString()).not.toContain(marker);
      expect(decoded.body.payloads).toEqual([plain]);
    });

    it('answers a request without payloads, which the CLI sends as `{}`', async () => {
      const res = await ctx.api.call('POST', '/codec/decode', { token: admin, body: {} });

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ payloads: [] });
    });

    it('refuses a tampered payload with 400', async () => {
      const [payload] = startPayloads(history);
      const data = Buffer.from(payload!.data, 'base64');
      data[data.length - 1]! ^= 0x01;

      const res = await ctx.api.call('POST', '/codec/decode', {
        token: admin,
        body: { payloads: [{ ...payload, data: data.toString('base64') }] },
      });

      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('CODEC_FAILED');
    });

    it('refuses businesses and officers with 403, and callers without a token with 401', async () => {
      const business = await ctx.api.token({ sub: 'biz-x', role: 'business', enterpriseId: '91350100M000100Y43' });
      const officer = await ctx.api.token({ sub: 'officer-x', role: 'officer', agency: 'SAMR-HZ' });
      const body = { payloads: startPayloads(history) };

      const asBusiness = await ctx.api.call('POST', '/codec/decode', { token: business, body });
      const asOfficer = await ctx.api.call('POST', '/codec/decode', { token: officer, body });
      const anonymous = await ctx.api.call('POST', '/codec/decode', { body });

      expect(asBusiness.status).toBe(403);
      expect(asOfficer.status).toBe(403);
      expect(anonymous.status).toBe(401);
      expect(JSON.stringify([asBusiness.body, asOfficer.body, anonymous.body])).not.toContain(marker);
    });

    it("answers the Web UI's CORS preflight, and no other origin's", async () => {
      const preflight = (origin: string) =>
        ctx.api.call('OPTIONS', '/codec/decode', {
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization,content-type,x-namespace',
          },
        });

      const ui = await preflight(TEST_UI_ORIGIN);
      const other = await preflight('https://evil.example');

      expect(ui.status).toBe(204);
      expect(ui.headers.get('access-control-allow-origin')).toBe(TEST_UI_ORIGIN);
      expect(ui.headers.get('access-control-allow-methods')).toContain('POST');
      expect(ui.headers.get('access-control-allow-headers')?.toLowerCase().split(', ')).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'x-namespace']),
      );
      expect(other.status).toBe(403);
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
