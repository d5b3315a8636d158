// The yearly graded lists' calendar (Jimsar item 7): one workflow for the whole service, id
// `supervision-list-calendar`, that on January 1 reminds every agency whose list for the year is
// not fixed, and when January 31 is over fixes the missing ones automatically; then it continues as
// new for the next year, so its history stays two timers and two activities long.
import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { endOfDayInShanghai, isBefore, startOfDayInShanghai, todayInShanghai } from '../../domain/calendar';
import { listDeadline } from '../../domain/supervisionList';

const { remindSupervisionLists, fixMissingSupervisionLists } = proxyActivities<
  Pick<Activities, 'remindSupervisionLists' | 'fixMissingSupervisionLists'>
>({ startToCloseTimeout: '10 minutes' });

const until = async (instant: Date): Promise<void> => {
  const wait = instant.getTime() - Date.now();
  if (wait > 0) await sleep(wait);
};

export async function supervisionListCalendar(): Promise<void> {
  const today = todayInShanghai(new Date());
  const thisYear = Number(today.slice(0, 4));
  // Started (or continued) after this January's deadline: the next January is the one to keep.
  const year = isBefore(listDeadline(thisYear), today) ? thisYear + 1 : thisYear;
  await until(startOfDayInShanghai(`${year}-01-01`));
  await remindSupervisionLists({ year, at: new Date().toISOString() });
  await until(endOfDayInShanghai(listDeadline(year)));
  await fixMissingSupervisionLists({ year, at: new Date().toISOString() });
  await continueAsNew<typeof supervisionListCalendar>();
}
