// Activity factory: side effects with their dependencies injected, so tests can pass fakes for
// what lies outside the system (e.g. a notification gateway) and real ones for the rest.
import type { Client } from '@temporalio/client';
import type { Database } from '../db/client';
import { temporaryDocumentStore, type FileStore } from '../db/fileStore';
import { createCorrectionProofActivities } from './correctionProof';
import { createDocumentActivities, type DocumentDeps } from './documents/issue';
import { OutboxNotifier, type Notifier } from './notifier';
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
}

export function createActivities({
  db,
  notifier = new OutboxNotifier(db),
  temporal,
  documents = temporaryDocumentStore(),
  documentOptions,
}: ActivityDeps) {
  return {
    ...createTransitionActivities(db, notifier),
    ...createCorrectionProofActivities(db, temporal),
    ...createDocumentActivities({ db, store: documents, ...documentOptions }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
