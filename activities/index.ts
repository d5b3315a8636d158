// Activity factory: side effects with their dependencies injected, so tests can pass fakes for
// what lies outside the system (e.g. a notification gateway) and real ones for the rest.
import type { Database } from '../db/client';

export interface ActivityDeps {
  db: Database;
}

export function createActivities(_deps: ActivityDeps) {
  return {};
}

export type Activities = ReturnType<typeof createActivities>;
