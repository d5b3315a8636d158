// Activity factory: side effects with their dependencies injected, so tests can pass fakes for
// what lies outside the system (e.g. a notification gateway) and real ones for the rest.
import type { Client } from '@temporalio/client';
import type { Database } from '../db/client';
import { createCorrectionProofActivities } from './correctionProof';
import { OutboxNotifier, type Notifier } from './notifier';
import { createSupervisionActivities } from './supervision';
import { createTransitionActivities } from './transitions';

export interface ActivityDeps {
  db: Database;
  notifier?: Notifier;
  /** For activities that signal other workflows; the worker's own client by default. */
  temporal?: Client;
}

export function createActivities({ db, notifier = new OutboxNotifier(db), temporal }: ActivityDeps) {
  return {
    ...createTransitionActivities(db, notifier),
    ...createCorrectionProofActivities(db, temporal),
    ...createSupervisionActivities(db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
