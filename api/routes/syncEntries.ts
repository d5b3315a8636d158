// Credit staff send a sync-ledger entry again once its automatic retries are spent.
import { z } from 'zod';
import type { AppDeps } from '../app';
import { UNSCOPED } from '../permissions';
import { route } from '../route';
import { retrySyncEntry, syncEntrySchema } from '../services/creditSync';

const byEntry = z.object({
  id: z
    .string()
    .regex(/^[0-9A-Za-z:_-]{1,300}$/)
    .describe("A penalty record's `sync[].id`"),
});

export function syncEntryRoutes(deps: Pick<AppDeps, 'db' | 'temporal'>) {
  return [
    route({
      method: 'post',
      path: '/sync-entries/:id/retry',
      summary: 'Send a failed credit-platform sync entry again',
      tag: 'penalty-records',
      roles: ['credit_staff'],
      scope: UNSCOPED,
      params: byEntry,
      responses: {
        200: { description: 'Pending again', schema: syncEntrySchema },
        404: { description: 'No such entry', codes: ['NOT_FOUND'] },
        409: { description: 'The entry is not failed', codes: ['INVALID_STATE'] },
      },
      handler: async ({ params }) => ({ status: 200, body: await retrySyncEntry(deps, params.id) }),
    }),
  ];
}
