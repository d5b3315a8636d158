// The whitelist's end date as a durable timer: one small workflow per whitelist entry, id
// `whitelist:<entry id>`, sleeping until the end of the entry's last valid day (Asia/Shanghai) and
// then ending the entry. One workflow per entry rather than one per agency: each entry has a single
// date that never moves, so a workflow is a timer and an activity, with nothing to re-plan when
// entries are added or removed, no loop to continue-as-new, and a removal simply cancels its timer.
import { isCancellation, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { endOfDayInShanghai } from '../../domain/calendar';
import type { WhitelistExpiryInput } from '../messages/supervision';

const { expireWhitelistEntry } = proxyActivities<Pick<Activities, 'expireWhitelistEntry'>>({
  startToCloseTimeout: '1 minute',
});

/** Ends the entry once its last valid day is over; a removal before then cancels it ('removed'). */
export async function whitelistExpiry({ entryId, validUntil }: WhitelistExpiryInput): Promise<'expired' | 'removed'> {
  const wait = endOfDayInShanghai(validUntil).getTime() - Date.now();
  try {
    if (wait > 0) await sleep(wait);
  } catch (e) {
    if (isCancellation(e)) return 'removed';
    throw e;
  }
  await expireWhitelistEntry({ entryId, at: new Date().toISOString() });
  return 'expired';
}
