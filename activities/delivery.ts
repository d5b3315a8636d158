// Delivering the outbox (activities/notifier.ts): each notification a recorded change wrote is put
// in its recipients' inbox, e-mailed to the enterprise's contact address when it is the business's
// (with the documents the same change issued attached) and sent by SMS through the adapter; then
// marked sent. At least once: a crash between sending and marking sends again on retry, with the
// same Message-ID (derived from the outbox key), so mail clients and servers see one message; the
// inbox row is keyed by the outbox key, so it is never doubled.
import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull, like } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { EvidenceStore } from '../db/fileStore';
import { documents, enterprises, notificationOutbox, notifications, processes } from '../db/schema';
import { resourceOf, type CaseType } from '../domain';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Stable per notification: a resend is recognisably the same message. */
  messageId: string;
  attachments: MailAttachment[];
}

/** Sends e-mail (SMTP through nodemailer in service, activities/mailer.ts). */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** Sends a text message. No gateway here: the logging adapter stands in for one (activities/mailer.ts). */
export interface SmsSender {
  send(message: { to: string; text: string; id: string }): Promise<void>;
}

export interface DeliveryDeps {
  db: Database;
  documents: EvidenceStore;
  mailer?: Mailer;
  sms?: SmsSender;
  /** Called after a notification is sent, before it is marked: where tests crash the delivery. */
  afterSend?: (key: string) => Promise<void> | void;
}

/** The inbox id of an outbox notification: the same key, the same id. */
export const notificationId = (outboxKey: string): string =>
  createHash('sha256').update(outboxKey).digest('hex').slice(0, 32);

/** The change a notification belongs to: its key less the notification's place (`<case>:<version>`). */
const changeOf = (outboxKey: string): string => outboxKey.slice(0, outboxKey.lastIndexOf(':'));

/** A short Chinese subject per kind where one is known; the kind itself otherwise. */
const TITLES: Record<string, string> = {
  rectification_ordered: '整改通知',
  observation_offered: '观察期告知',
  repair_eligible: '信用修复告知',
  repair_approved: '信用修复决定',
  repair_rejected: '信用修复决定',
  deadline_missed: '整改期限已过',
};

export function createDeliveryActivities({ db, documents: store, mailer, sms, afterSend }: DeliveryDeps) {
  /** The PDFs the notification's change issued, to attach. */
  async function attachmentsOf(outboxKey: string): Promise<MailAttachment[]> {
    const issued = await db
      .select()
      .from(documents)
      .where(like(documents.issueKey, `${changeOf(outboxKey).replace(/[\\%_]/g, '\\$&')}:%`));
    const files: MailAttachment[] = [];
    for (const doc of issued) {
      const stream = doc.sha256 ? await store.open(doc.sha256) : undefined;
      if (!stream) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      files.push({
        filename: `${doc.title}-${doc.number}.pdf`,
        content: Buffer.concat(chunks),
        contentType: 'application/pdf',
      });
    }
    return files;
  }

  return {
    /**
     * Delivers what `keys` name. In a step (`retryHere` unset) a channel that fails leaves its
     * notification unsent and named in `undelivered`, so an SMTP outage never holds up the step; the
     * step hands those to a `notificationDelivery` workflow, which calls again with `retryHere` and
     * lets Temporal retry with backoff until the channel is back.
     */
    async deliverNotifications({
      keys,
      retryHere = false,
    }: {
      keys: string[];
      retryHere?: boolean;
    }): Promise<{ undelivered: string[] }> {
      const undelivered: string[] = [];
      if (keys.length === 0) return { undelivered };
      const pending = await db
        .select()
        .from(notificationOutbox)
        .where(and(inArray(notificationOutbox.key, keys), isNull(notificationOutbox.sentAt)));
      for (const n of pending) {
        const [process] = await db
          .select({ type: processes.processType })
          .from(processes)
          .where(eq(processes.id, n.processId));
        const title = TITLES[n.kind] ?? n.kind;
        await db
          .insert(notifications)
          .values({
            id: notificationId(n.key),
            outboxKey: n.key,
            recipientRole: n.recipientRole,
            enterpriseId: n.enterpriseId,
            agency: n.agency,
            processType: process?.type ?? null,
            processId: n.processId,
            kind: n.kind,
            title,
            body: n.message,
            link: process ? `/${resourceOf(process.type as CaseType)}/${n.processId}` : null,
            createdAt: n.createdAt,
          })
          .onConflictDoNothing();
        if (n.recipientRole === 'business') {
          const [contact] = await db
            .select({ email: enterprises.contactEmail, phone: enterprises.contactPhone })
            .from(enterprises)
            .where(eq(enterprises.id, n.enterpriseId));
          try {
            if (mailer && contact?.email)
              await mailer.send({
                to: contact.email,
                subject: title,
                text: n.message,
                messageId: `<${notificationId(n.key)}@notifications.tempered>`,
                attachments: await attachmentsOf(n.key),
              });
            if (sms && contact?.phone)
              await sms.send({ to: contact.phone, text: n.message, id: notificationId(n.key) });
            await afterSend?.(n.key);
          } catch (error) {
            if (retryHere) throw error;
            undelivered.push(n.key);
            continue;
          }
        }
        await db
          .update(notificationOutbox)
          .set({ sentAt: new Date() })
          .where(and(eq(notificationOutbox.key, n.key), isNull(notificationOutbox.sentAt)));
      }
      return { undelivered };
    },
  };
}
