// What a notification's `link` names. The service writes the case's path (`/rectifications/{id}`,
// activities/delivery.ts), whose first segment is the same in the API and the console's routes;
// the console follows only such a path, to a page it has, and says which kind of case it is.
import { RESOURCE_OF, type Subject } from '../../vocabulary';

const SUBJECT_OF: ReadonlyMap<string, Subject> = new Map(
  Object.entries(RESOURCE_OF).map(([subject, resource]) => [resource, subject as Subject]),
);
const CASE_PATH = /^\/([a-z-]+)\/([A-Za-z0-9_-]+)$/;

export function caseOf(link: string | null | undefined): { path: string; subject: Subject } | undefined {
  const match = link ? CASE_PATH.exec(link) : null;
  const subject = match ? SUBJECT_OF.get(match[1]!) : undefined;
  return subject && link ? { path: link, subject } : undefined;
}
