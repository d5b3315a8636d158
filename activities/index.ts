// Activity factory: side effects with their dependencies injected, so tests can pass fakes for
// what lies outside the system (e.g. a notification gateway) and real ones for the rest.
import type { Client } from '@temporalio/client';
import type { Database } from '../db/client';
import { temporaryDocumentStore, type FileStore } from '../db/fileStore';
import { createCorrectionProofActivities } from './correctionProof';
import { createCreditSyncActivities, type CreditSyncTarget } from './creditSync';
import { createDeliveryActivities, type DeliveryDeps } from './delivery';
import { createDocumentActivities, type DocumentDeps } from './documents/issue';
import { createFollowUpActivities } from './followUpWorkflows';
import { OutboxNotifier, type Notifier } from './notifier';
import { createSupervisionActivities } from './supervision';
import { createTransitionActivities } from './transitions';

export interface ActivityDeps {
  db: Database;
  notifier?: Notifier;
  /** For activities that signal other workflows; the worker's own client by default. */
  temporal?: Client;
  /** Where issued documents are stored (DATA_DIR/documents in service); a temporary directory by default. */
  documents?: FileStore;
  /** The font documents embed, and test hooks of document issuing. */
  documentOptions?: Pick<DocumentDeps, 'font' | 'afterWrite'>;
  /** The channels of delivery (none: the inbox only), and its test hook. */
  delivery?: Pick<DeliveryDeps, 'mailer' | 'sms' | 'afterSend'>;
  /** CREDIT_SYNC_URL and CREDIT_SYNC_SECRET; unset: sync entries are not sent (and become overdue). */
  creditSync?: CreditSyncTarget;
}

export function createActivities({
  db,
  notifier = new OutboxNotifier(db),
  temporal,
  documents = temporaryDocumentStore(),
  documentOptions,
  delivery,
  creditSync,
}: ActivityDeps) {
  return {
    ...createTransitionActivities(db, notifier),
    ...createCorrectionProofActivities(db, temporal),
    ...createSupervisionActivities(db),
    ...createDocumentActivities({ db, store: documents, ...documentOptions }),
    ...createDeliveryActivities({ db, documents, ...delivery }),
    ...createCreditSyncActivities({ db, target: creditSync }),
    ...createFollowUpActivities(temporal),
  };
}

export type Activities = ReturnType<typeof createActivities>;
