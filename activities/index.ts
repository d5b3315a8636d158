// Activity factory: side effects with their dependencies injected, so tests can pass fakes for
// what lies outside the system (e.g. a notification gateway) and real ones for the rest.
import type { Database } from '../db/client';
import { OutboxNotifier, type Notifier } from './notifier';
import { createTransitionActivities } from './transitions';

export interface ActivityDeps {
  db: Database;
  notifier?: Notifier;
}

export function createActivities({ db, notifier = new OutboxNotifier(db) }: ActivityDeps) {
  return { ...createTransitionActivities(db, notifier) };
}

export type Activities = ReturnType<typeof createActivities>;
