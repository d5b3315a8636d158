// Notifications leave through a Notifier. The default writes an outbox table that a channel
// adapter (SMS, 浙政钉, e-mail) drains later; keys make a retried activity's second write a no-op.
import type { Database } from '../db/client';
import type { AssigneeRole } from '../domain';
import { notificationOutbox } from '../db/schema';

export interface Notification {
  /** Unique per notification: the same key twice means the same notification. */
  key: string;
  recipientRole: AssigneeRole;
  enterpriseId: string;
  agency?: string;
  processId: string;
  kind: string;
  message: string;
  payload?: Record<string, unknown>;
}

export interface Notifier {
  notify(notifications: readonly Notification[]): Promise<void>;
}

export class OutboxNotifier implements Notifier {
  constructor(private readonly db: Database) {}

  async notify(notifications: readonly Notification[]): Promise<void> {
    if (notifications.length === 0) return;
    await this.db
      .insert(notificationOutbox)
      .values(notifications.map((n) => ({ ...n, agency: n.agency ?? null, payload: n.payload ?? null })))
      .onConflictDoNothing();
  }
}
