// Every date the console shows goes through here: calendar dates ('YYYY-MM-DD', already in
// Asia/Shanghai) and instants (shown in Asia/Shanghai whatever the browser's zone), written the
// way the language expects (2026年12月10日). Working days come from the service's own calendar
// (domain/calendar.ts, China's official holidays), so the console counts as the deadlines do.
import { todayInShanghai, workingDaysBetween } from '../../../domain/calendar';
import { currentLanguage } from '../i18n';

const ZONE = 'Asia/Shanghai';
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function format(language: string, options: Intl.DateTimeFormatOptions, key: string) {
  const id = `${language}|${key}`;
  let formatter = dateFormats.get(id);
  if (!formatter) dateFormats.set(id, (formatter = new Intl.DateTimeFormat(language, { timeZone: ZONE, ...options })));
  return formatter;
}

const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric' };

/** 2026-12-10 → 2026年12月10日 (10 December 2026 in English). */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  // Noon UTC is the same calendar day in Shanghai.
  return format(currentLanguage(), DAY, 'day').format(new Date(Date.UTC(y, m - 1, d, 4)));
}

/** An instant, to the minute, in Shanghai time. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const options: Intl.DateTimeFormatOptions = { ...DAY, hour: '2-digit', minute: '2-digit', hour12: false };
  return format(currentLanguage(), options, 'instant').format(new Date(iso));
}

/** Today in Shanghai, by this browser's clock. */
export const today = (): string => todayInShanghai(new Date());

/** Working days from today to `due`: positive ahead, 0 on the day, negative once it has passed. */
export const workingDaysLeft = (due: string, from: string = today()): number => workingDaysBetween(from, due);

/** Whether `due` falls within the current Monday-to-Sunday week (and is not past). */
export function dueThisWeek(due: string, from: string = today()): boolean {
  const start = new Date(`${from}T00:00:00Z`);
  const sunday = new Date(start);
  sunday.setUTCDate(start.getUTCDate() + ((7 - start.getUTCDay()) % 7));
  return due >= from && due <= sunday.toISOString().slice(0, 10);
}
