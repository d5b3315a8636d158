// Notifications: what a step tells the business reaches its inbox and, through a real SMTP server
// started here, its contact address, with the step's documents attached; a delivery that dies
// between sending and marking is sent again with the same Message-ID, and nothing is lost.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeliveryActivities } from '../../activities/delivery';
import { SmtpMailer } from '../../activities/mailer';
import { DirectoryFileStore } from '../../db/fileStore';
import { notificationOutbox, notifications } from '../../db/schema';
import { useApi } from '../support/context';
import { waitFor } from '../support/processes';
import { makeUscc } from '../support/fixtures';
import { orderOnly } from '../support/rectifications';

// A real SMTP server on 127.0.0.1: every message it accepts, parsed.
const received: ParsedMail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, _session, done) {
    simpleParser(stream)
      .then((mail) => received.push(mail))
      .then(() => done(), done);
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

// A port nothing listens on: while `smtpDown`, mail goes there and the connection is refused.
const closed = new SMTPServer({ authOptional: true });
await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
const closedPort = (closed.server.address() as { port: number }).port;
await new Promise<void>((resolve) => closed.close(() => resolve()));
let smtpDown = false;
const up = new SmtpMailer(smtpUrl, 'Tempered <no-reply@tempered.test>');
const down = new SmtpMailer(`smtp://127.0.0.1:${closedPort}`, 'Tempered <no-reply@tempered.test>');

/** Armed: the next business delivery dies after sending, before marking (as a worker killed there would). */
let crashNext = false;
const crashedOn: string[] = [];

const ctx = useApi({
  worker: true,
  activities: (real) => ({
    ...real,
    ...createDeliveryActivities({
      db: ctx.database.db,
      documents: new DirectoryFileStore(ctx.documentsDir),
      mailer: { send: (mail) => (smtpDown ? down : up).send(mail) },
      afterSend(key) {
        if (!crashNext) return;
        crashNext = false;
        crashedOn.push(key);
        throw new Error('worker lost between sending and marking');
      },
    }),
  }),
});

async function registered(serial: number, contactEmail?: string) {
  const enterpriseId = makeUscc(serial);
  const officer = await ctx.api.token({ sub: `officer-${serial}`, role: 'officer', agency: 'SAMR-HZ' });
  const business = await ctx.api.token({ sub: `biz-${serial}`, role: 'business', enterpriseId });
  const res = await ctx.api.call('POST', '/api/v1/enterprises', {
    token: officer,
    body: {
      id: enterpriseId,
      name: `通知企业${serial}`,
      kind: 'legal_person',
      ...(contactEmail ? { contactEmail } : {}),
    },
  });
  expect(res.status).toBe(201);
  return { enterpriseId, officer, business };
}

const inboxOf = (token: string, query = '') =>
  ctx.api.call('GET', `/api/v1/notifications${query}`, { token }).then((r) => {
    expect(r.status).toBe(200);
    return r.body.notifications as any[];
  });

const mailTo = (address: string) =>
  waitFor(`mail to ${address}`, async () =>
    received.filter((m) => m.to && JSON.stringify(m.to).includes(address)).at(0),
  );

/** The case's outbox once every notification in it is marked sent. */
const allSent = (processId: string) =>
  waitFor('the outbox marked sent', async () => {
    const rows = await ctx.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.processId, processId));
    return rows.length > 0 && rows.every((n) => n.sentAt) ? rows : undefined;
  });

describe('notifications', () => {
  it('delivers an order to the business’s inbox and e-mail, with the order’s PDF attached', async () => {
    // Given a business with a contact address
    const { enterpriseId, officer, business } = await registered(1811, 'owner-1811@example.test');
    // When an officer orders a rectification
    const ordered = await ctx.api.call('POST', '/api/v1/rectifications', {
      token: officer,
      body: orderOnly(enterpriseId, '店招使用绝对化用语', 10),
    });
    expect(ordered.status).toBe(201);
    // Then the business's inbox holds the notice, linked to the case
    const [notice] = await waitFor('the notice in the inbox', async () => {
      const inbox = await inboxOf(business);
      return inbox.length > 0 ? inbox : undefined;
    });
    expect(notice).toMatchObject({ kind: 'rectification_ordered', link: `/rectifications/${ordered.body.id}` });
    expect(notice.readAt).toBeUndefined();
    // and one e-mail reached the contact address, with the order's PDF, the hash the case lists
    const mail = await mailTo('owner-1811@example.test');
    expect(mail.messageId).toMatch(/@notifications\.tempered>$/);
    expect(mail.text).toContain(ordered.body.deadline.date);
    const [pdf] = mail.attachments;
    expect(pdf?.contentType).toBe('application/pdf');
    const docs = await ctx.api.call('GET', `/api/v1/rectifications/${ordered.body.id}/documents`, { token: business });
    expect(createHash('sha256').update(pdf!.content).digest('hex')).toBe(docs.body.documents[0].sha256);
  });

  it('keeps read marks per user and each inbox to its own enterprise', async () => {
    const { enterpriseId, officer, business } = await registered(1812);
    const other = await registered(1813);
    await ctx.api.call('POST', '/api/v1/rectifications', {
      token: officer,
      body: orderOnly(enterpriseId, '未亮照', 10),
    });
    const [notice] = await waitFor('the notice', async () => {
      const inbox = await inboxOf(business);
      return inbox.length > 0 ? inbox : undefined;
    });
    const read = await ctx.api.call('POST', `/api/v1/notifications/${notice.id}/read`, { token: business, body: {} });
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBeDefined();
    expect(await inboxOf(business, '?unread=true')).toEqual([]);
    // Another user of the same enterprise has not read it
    const colleague = await ctx.api.token({ sub: 'biz-1812-b', role: 'business', enterpriseId });
    expect((await inboxOf(colleague, '?unread=true')).map((n) => n.id)).toEqual([notice.id]);
    // Another enterprise neither sees it nor can mark it
    expect((await inboxOf(other.business)).map((n) => n.id)).not.toContain(notice.id);
    const foreign = await ctx.api.call('POST', `/api/v1/notifications/${notice.id}/read`, {
      token: other.business,
      body: {},
    });
    expect(foreign.status).toBe(404);
  });

  it('sends again with the same Message-ID when delivery dies between sending and marking, and loses nothing', async () => {
    const { enterpriseId, officer, business } = await registered(1814, 'owner-1814@example.test');
    crashNext = true;
    const ordered = await ctx.api.call('POST', '/api/v1/rectifications', {
      token: officer,
      body: orderOnly(enterpriseId, '虚假宣传', 10),
    });
    // The first attempt sent, then died; Temporal retried the delivery, which sent again and marked it.
    const mails = await waitFor('the message and its resend', async () => {
      const mine = received.filter((m) => JSON.stringify(m.to).includes('owner-1814@example.test'));
      return mine.length >= 2 ? mine : undefined;
    });
    expect(crashedOn).toEqual([`${ordered.body.id}:1:0`]);
    const outbox = await allSent(ordered.body.id);
    const inbox = await ctx.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.processId, ordered.body.id));
    expect(inbox).toHaveLength(outbox.length);
    expect(mails).toHaveLength(2);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(1);
    expect((await inboxOf(business)).length).toBe(1);
  });

  it('answers the step while the mail server is down, and sends the mail once it is back', async () => {
    // Given a mail server that refuses connections
    const { enterpriseId, officer, business } = await registered(1815, 'owner-1815@example.test');
    smtpDown = true;
    try {
      // When an officer orders a rectification, the order answers and the inbox has the notice
      const ordered = await ctx.api.call('POST', '/api/v1/rectifications', {
        token: officer,
        body: orderOnly(enterpriseId, '超范围经营', 10),
      });
      expect(ordered.status).toBe(201);
      expect((await inboxOf(business)).length).toBe(1);
      const [unsent] = await ctx.database.db
        .select()
        .from(notificationOutbox)
        .where(eq(notificationOutbox.processId, ordered.body.id));
      expect(unsent?.sentAt ?? null).toBeNull();
      // Then, once the server is back, the mail goes out (retried by its own workflow) and is marked
      smtpDown = false;
      const mail = await mailTo('owner-1815@example.test');
      expect(mail.attachments).toHaveLength(1);
      await allSent(ordered.body.id);
      expect(received.filter((m) => JSON.stringify(m.to).includes('owner-1815@example.test'))).toHaveLength(1);
    } finally {
      smtpDown = false;
    }
  });
});
