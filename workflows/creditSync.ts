// One sync-ledger entry on its way to a credit platform: delivered by an activity that Temporal
// retries with backoff; when the retries are spent the entry shows as failed until credit staff
// retry it (the `retrySync` update). Not delivered by its due date (3 working days after the repair
// or revocation, domain/creditRepair.ts), it becomes an overdue credit-staff task, closed on delivery.
// Started by the penalty record's recording (workflows/kit/recording.ts), one per entry.
import {
  ActivityFailure,
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { endOfDayInShanghai, type CalendarDate } from '../domain';
import { invalidState } from './kit/refusals';

export interface CreditSyncInput {
  key: string;
  dueOn: CalendarDate;
}

export type CreditSyncStatus = 'pending' | 'delivered' | 'failed';

export const retrySync = defineUpdate<CreditSyncStatus, []>('retrySync');
export const syncStatus = defineQuery<CreditSyncStatus>('syncStatus');

/** The workflow id of an entry's delivery: one per entry, ever. */
export const creditSyncWorkflowId = (key: string): string => `credit-sync:${key}`;

const { deliverSyncEntry } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 12 },
});
// Short writes, in the workflow task (the time-skipping test server cannot skip past an activity
// task in flight, and the overdue task is opened when a timer fires).
const bookkeeping = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function creditSync({ key, dueOn }: CreditSyncInput): Promise<CreditSyncStatus> {
  let status: CreditSyncStatus = 'pending';
  let retries = 0;
  setHandler(syncStatus, () => status);
  setHandler(
    retrySync,
    () => {
      status = 'pending';
      retries++;
      return status;
    },
    {
      validator: () => {
        if (status !== 'failed') invalidState(`The entry is ${status}; only a failed entry is retried.`);
      },
    },
  );

  // The overdue task, in parallel with the deliveries: opened at the end of the due date if the
  // entry is still not delivered then, closed once it is.
  let overdueTask = false;
  const delivered = () => status === 'delivered';
  const overdue = (async () => {
    const wait = endOfDayInShanghai(dueOn).getTime() - Date.now();
    if (wait > 0) await Promise.race([sleep(wait), condition(delivered)]);
    if (delivered()) return;
    overdueTask = true;
    await bookkeeping.syncOverdueTask({ key, open: true });
  })();

  for (;;) {
    try {
      await deliverSyncEntry({ key });
      status = 'delivered';
      break;
    } catch (e) {
      if (!(e instanceof ActivityFailure)) throw e;
      status = 'failed';
      await bookkeeping.markSyncFailed({ key });
      const seen = retries;
      await condition(() => retries > seen);
    }
  }
  await overdue;
  if (overdueTask) await bookkeeping.syncOverdueTask({ key, open: false });
  return status;
}
