// Evidence uploads: authorised and checked against the case's state before the body is read,
// streamed to disk only for a round that may be accepted, nothing left behind for a refused or failed
// one, and file names kept in their own characters, cleaned, and served back in both forms.
import { readdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useApi } from '../support/context';
import { orderToCorrect, pdf, rectificationParties, rectifications } from '../support/rectifications';

const MAX_FILE_BYTES = 2 * 1024 * 1024;
const ctx = useApi({ worker: true, evidenceMaxBytes: MAX_FILE_BYTES });
const api = rectifications(ctx);

/** Every file under the evidence store, temporary ones included. */
async function storedFiles(): Promise<string[]> {
  const entries = await readdir(ctx.evidenceDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(ctx.evidenceDir, path.join(e.parentPath, e.name)))
    .sort();
}

/** A case awaiting evidence, with its parties; `underReview` submits a first round. */
async function openCase(serial: number, { underReview = false } = {}) {
  const parties = await rectificationParties(ctx, serial);
  const { body: ordered } = await api.order(parties.officer, orderToCorrect(parties.enterpriseId));
  if (underReview) {
    const first = await api.evidence(parties.business, ordered.id, '第一轮', [
      { name: 'first.pdf', type: 'application/pdf', bytes: pdf(`first ${serial}`) },
    ]);
    expect(first.status).toBe(202);
  }
  return { ...parties, id: ordered.id as string };
}

/** A PDF of `size` bytes, different for every `seed`. */
const bigPdf = (size: number, seed: string) => Buffer.concat([pdf(seed), Buffer.alloc(size, seed)]);

/**
 * Starts a multipart upload of one `bodyBytes`-byte file over a raw socket, sends only its headers
 * and the first 64 KiB, and waits for the answer: its status, and whether the server then closed
 * the connection rather than wait for (or read) the rest of the body.
 */
async function partialUpload(token: string, id: string, bodyBytes: number) {
  const boundary = 'tempered-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\n大文件\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.pdf"\r\n` +
      'Content-Type: application/pdf\r\n\r\n%PDF-1.4\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + bodyBytes + tail.length;
  const { port } = new URL(ctx.api.url);
  const socket = net.connect({ host: '127.0.0.1', port: Number(port) });
  await new Promise((resolve) => socket.once('connect', resolve));
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
  const closed = new Promise<boolean>((resolve) => {
    socket.once('close', () => resolve(true));
    setTimeout(() => resolve(false), 10_000).unref();
  });
  socket.write(
    `POST /api/v1/rectifications/${id}/evidence HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
      `Authorization: Bearer ${token}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
      `Content-Length: ${length}\r\n\r\n`,
  );
  socket.write(Buffer.concat([head, Buffer.alloc(64 * 1024 - head.length, 'x')]));
  const closedByServer = await closed;
  socket.destroy();
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), closedByServer };
}

describe('uploads refused before their body is read', () => {
  it("refuses an auditor's 10 MB upload with 403 without reading it, and closes the connection", async () => {
    const { id } = await openCase(3301);
    const auditor = await ctx.api.token({ sub: 'auditor-3301', role: 'auditor' });

    const res = await partialUpload(auditor, id, 10 * 1024 * 1024);

    expect(res).toEqual({ status: 403, closedByServer: true });
  });

  it("refuses another enterprise's upload with 404, and one to a case under review with 409, before the body", async () => {
    const { id, business } = await openCase(3302, { underReview: true });
    const stranger = await rectificationParties(ctx, 3303);

    const foreign = await partialUpload(stranger.business, id, 10 * 1024 * 1024);
    const notNow = await partialUpload(business, id, 10 * 1024 * 1024);

    expect(foreign).toEqual({ status: 404, closedByServer: true });
    expect(notNow).toEqual({ status: 409, closedByServer: true });
  });
});

describe('what a refused or failed upload leaves on disk', () => {
  it('stores nothing for five rounds of 20 files of 512 KiB sent to a case under review', async () => {
    const { id, business } = await openCase(3310, { underReview: true });
    const before = await storedFiles();
    const round = (n: number) =>
      Array.from({ length: 20 }, (_, i) => ({
        name: `照片${n}-${i}.pdf`,
        type: 'application/pdf',
        bytes: bigPdf(512 * 1024, `${n}-${i}`),
      }));

    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => api.evidence(business, id, `第${n}轮`, round(n))));

    expect(answers.map((a) => [a.status, a.body.error?.code])).toEqual(Array(5).fill([409, 'INVALID_STATE']));
    expect(await storedFiles()).toEqual(before);
  });

  it('stores nothing for a round the content check refuses, or with a file over the limit', async () => {
    const { id, business } = await openCase(3311);
    const before = await storedFiles();

    const disguised = await api.evidence(business, id, '伪装文件', [
      { name: 'good.pdf', type: 'application/pdf', bytes: pdf('good 3311') },
      { name: 'tool.pdf', type: 'application/pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf') },
    ]);
    const tooLarge = await api.evidence(business, id, '超大文件', [
      { name: 'huge.pdf', type: 'application/pdf', bytes: bigPdf(MAX_FILE_BYTES + 1, 'huge') },
    ]);

    expect([disguised.status, disguised.body.error.code]).toEqual([422, 'FILE_CONTENT_MISMATCH']);
    expect([tooLarge.status, tooLarge.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(await storedFiles()).toEqual(before);
  });

  it('leaves no temporary file behind when the client gives up half way', async () => {
    const { id, business } = await openCase(3312);
    const before = await storedFiles();
    const boundary = 'aborted-boundary';
    const socket = net.connect({ host: '127.0.0.1', port: Number(new URL(ctx.api.url).port) });
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/v1/rectifications/${id}/evidence HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${business}\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${1024 * 1024}\r\n\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="half.pdf"\r\n` +
        `Content-Type: application/pdf\r\n\r\n%PDF-1.4\n${'x'.repeat(256 * 1024)}`,
    );
    // The server has begun writing the file once it exists among the temporary ones.
    await vi.waitFor(async () => expect((await storedFiles()).length).toBeGreaterThan(before.length), {
      timeout: 10_000,
    });

    socket.destroy();

    await vi.waitFor(async () => expect(await storedFiles()).toEqual(before), { timeout: 10_000 });
  });
});

describe('file names', () => {
  it('keeps a Chinese file name, and serves it with an ASCII fallback beside filename*', async () => {
    const { id, business, officer } = await openCase(3320);

    const submitted = await api.evidence(business, id, '整改报告', [
      { name: '整改报告.txt', type: 'text/plain', bytes: Buffer.from('已整改，营业执照已悬挂。') },
    ]);
    const file = submitted.body.files[0];
    const download = await ctx.api.call('GET', `/api/v1/rectifications/${id}/evidence/${file.evidenceId}`, {
      token: officer,
    });

    expect(submitted.status).toBe(202);
    expect(file.filename).toBe('整改报告.txt');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="____.txt"; filename*=UTF-8''${encodeURIComponent('整改报告')}.txt`,
    );
    expect(download.body).toBe('已整改，营业执照已悬挂。');
  });

  it('removes control characters (CR, LF) and directories, and cuts a 5,000-character name to 200', async () => {
    const { id, business } = await openCase(3321);

    const submitted = await api.evidence(business, id, '奇怪的文件名', [
      { name: 'line\r\nbreak\tand\u202eevil.pdf', type: 'application/pdf', bytes: pdf('a') },
      { name: '../../etc\\passwd.pdf', type: 'application/pdf', bytes: pdf('b') },
      { name: `${'长'.repeat(5_000)}.pdf`, type: 'application/pdf', bytes: pdf('c') },
    ]);
    const [control, separators, long] = submitted.body.files.map((f: { filename: string }) => f.filename);

    expect(submitted.status).toBe(202);
    expect(control).toBe('linebreakandevil.pdf');
    expect(separators).toBe('passwd.pdf');
    expect([...long]).toHaveLength(200);
    expect(long).toBe(`${'长'.repeat(196)}.pdf`);
  });
});
