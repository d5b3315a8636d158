// Trivial workflows for the raw baselines: what Temporal alone costs for a start, an update, a
// query and a workflow that runs one activity, with none of the service's own work around them.
import { condition, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { RawActivities } from './activities';
import { finish, touch, touches, touchRecorded, touchRecordedLocally } from './messages';

const { insertRow } = proxyActivities<RawActivities>({ startToCloseTimeout: '30 seconds' });
const local = proxyLocalActivities<RawActivities>({ startToCloseTimeout: '30 seconds' });

/** Stays open like a case does, answering updates and queries until signalled. */
export async function rawCase(): Promise<number> {
  let count = 0;
  let finished = false;
  setHandler(touch, () => ++count);
  setHandler(touchRecorded, async (key) => {
    await insertRow(key);
    return ++count;
  });
  setHandler(touchRecordedLocally, async (key) => {
    await local.insertRow(key);
    return ++count;
  });
  setHandler(touches, () => count);
  setHandler(finish, () => void (finished = true));
  await condition(() => finished);
  return count;
}

/** One activity that inserts one row, then done: the burst baseline. */
export async function rawRow(key: string): Promise<void> {
  await insertRow(key);
}

export { handwrittenCase } from './handwritten';
